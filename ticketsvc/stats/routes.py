"""HTTP view for the dashboard figures."""

from flask import jsonify
from flask.views import MethodView

from ticketsvc.api.smorest import Blueprint
from ticketsvc.stats import service
from ticketsvc.stats.schemas import StatsSchema
from ticketsvc.tickets.schemas import TicketFilterSchema

bp = Blueprint("stats", __name__, url_prefix="/api/tickets/stats", description="Dashboard figures")


@bp.route("/")
class Stats(MethodView):
    @bp.arguments(TicketFilterSchema, location="query")
    @bp.response(200, StatsSchema)
    @bp.error_responses(503)
    def get(self, filters):
        """Totals and breakdowns, optionally scoped by the list's filters."""
        # The service builds the documented shape; dumping it through StatsSchema again
        # was a measurable share of the request (README, Performance).
        return jsonify(service.ticket_stats(filters))
