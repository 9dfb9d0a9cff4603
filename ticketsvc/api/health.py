"""GET /api/health/: is the app up, and can it reach its database?"""

from flask.views import MethodView
from marshmallow import Schema, fields
from sqlalchemy import text

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.api.smorest import Blueprint
from ticketsvc.extensions import db

bp = Blueprint("health", __name__, url_prefix="/api/health", description="Liveness and readiness")


class HealthSchema(Schema):
    status = fields.String(required=True)
    database = fields.String(required=True)
    message = fields.String()


@bp.route("/")
class Health(MethodView):
    @bp.response(200, HealthSchema)
    @bp.alt_response(503, schema=HealthSchema, description="The database is unreachable.")
    def get(self):
        try:
            db.session.execute(text("SELECT 1"))
        except DATABASE_UNAVAILABLE:
            db.session.rollback()
            unavailable = {"status": "error", "database": "unavailable"}
            return {**unavailable, "message": "The database is unavailable."}, 503
        return {"status": "ok", "database": "ok"}
