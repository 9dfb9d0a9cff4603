"""HTTP views of canned replies: parse, call the service, return. Agents and admins only
(accounts/access.py); who may change which reply is the service's rule."""

import http

from flask.views import MethodView

from ticketsvc.accounts.authentication import current_caller
from ticketsvc.api.errors import error_response
from ticketsvc.api.smorest import Blueprint
from ticketsvc.replies import service
from ticketsvc.replies.schemas import ReplyCreateSchema, ReplySchema, ReplyUpdateSchema

bp = Blueprint("replies", __name__, url_prefix="/api/replies", description="Canned replies (agents)")


@bp.route("/")
class Replies(MethodView):
    @bp.response(200, ReplySchema(many=True))
    def get(self):
        """Every shared reply and your own, most used first (then oldest first)."""
        return service.list_replies(current_caller().user.id)

    @bp.arguments(ReplyCreateSchema)
    @bp.response(201, ReplySchema)
    def post(self, data):
        """A new reply, yours; shared, every agent sees and uses it. Send it as a comment
        with POST /api/tickets/<id>/comments/ {"reply_id"}."""
        return service.create_reply(current_caller().user.id, data["title"], data["body"], data["shared"])


@bp.route("/<id:reply_id>/")
class Reply(MethodView):
    @bp.arguments(ReplyUpdateSchema)
    @bp.response(200, ReplySchema)
    @bp.error_responses(404)
    def patch(self, changes, reply_id):
        """Change your reply, or (admins) a shared one; its uses stay."""
        return service.update_reply(reply_id, changes, current_caller().user)

    @bp.response(204)
    @bp.error_responses(404)
    def delete(self, reply_id):
        """Delete your reply, or (admins) a shared one; comments made from it stay."""
        service.delete_reply(reply_id, current_caller().user)
        return "", http.HTTPStatus.NO_CONTENT


@bp.errorhandler(service.ReplyNotFound)
def reply_not_found(error):
    return error_response(404, f"Reply {error.args[0]} not found.")


@bp.errorhandler(service.NotYours)
def not_yours(error):
    return error_response(403, "Only its owner or an admin may change a shared reply.")
