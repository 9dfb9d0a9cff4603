"""HTTP views of mail: the admins' status page (and, with mail/inbound.py, the door mail
comes in through)."""

from flask.views import MethodView
from marshmallow import Schema, fields

from ticketsvc.api.fields import UtcDateTime
from ticketsvc.api.smorest import Blueprint
from ticketsvc.mail.status import mail_status

bp = Blueprint("mail", __name__, url_prefix="/api/mail", description="Mail in and out")


class MailStatusSchema(Schema):
    queued = fields.Integer(required=True, metadata={"description": "Mail waiting to go, retries included."})
    failed_24h = fields.Integer(required=True)
    sent_24h = fields.Integer(required=True)
    last_received_at = UtcDateTime(allow_none=True, required=True)
    last_fetch_at = UtcDateTime(allow_none=True, required=True)
    last_fetch_error = fields.String(allow_none=True, required=True)


@bp.route("/status/")
class Status(MethodView):
    @bp.response(200, MailStatusSchema)
    @bp.error_responses(503)
    def get(self):
        """The outbox and the mailbox at a glance: queued, failed and sent in 24 hours, the
        last mail received, the last mailbox fetch and its error."""
        return mail_status()
