"""HTTP views of mail: the door incoming mail comes through, and the admins' status."""

import http

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields
from werkzeug.exceptions import RequestEntityTooLarge

from ticketsvc.api.fields import UtcDateTime, enum_field
from ticketsvc.api.smorest import Blueprint
from ticketsvc.enums import MailDoor, MailOutcome
from ticketsvc.mail import inbound
from ticketsvc.mail.status import mail_status

RAW_MESSAGE = "message/rfc822"

bp = Blueprint("mail", __name__, url_prefix="/api/mail", description="Mail in and out")


class MailStatusSchema(Schema):
    queued = fields.Integer(required=True, metadata={"description": "Mail waiting to go, retries included."})
    failed_24h = fields.Integer(required=True)
    sent_24h = fields.Integer(required=True)
    last_received_at = UtcDateTime(allow_none=True, required=True)
    last_fetch_at = UtcDateTime(allow_none=True, required=True)
    last_fetch_error = fields.String(allow_none=True, required=True)


class FiledSchema(Schema):
    outcome = enum_field(MailOutcome, required=True)
    ticket_id = fields.Integer(
        allow_none=True,
        required=True,
        metadata={"description": "The ticket it made or threaded to (a bounce's: the bounced mail's)."},
    )
    comment_id = fields.Integer(allow_none=True, required=True)


@bp.route("/inbound/")
class Inbound(MethodView):
    @bp.doc(
        requestBody={
            "required": True,
            "description": "One raw RFC 5322 message, at most MAIL_MAX_BYTES.",
            "content": {RAW_MESSAGE: {"schema": {"type": "string", "format": "binary"}}},
        }
    )
    @bp.response(200, FiledSchema)
    @bp.error_responses(413, 415, 503)
    def post(self):
        """Hand in one incoming mail (an MTA's hook, a provider's raw-MIME webhook), with
        Authorization: Bearer <MAIL_INBOUND_TOKEN>; 404 while that setting is unset. A 503
        means: try again later, nothing was filed."""
        return inbound.receive(_raw_message(), MailDoor.HTTP).as_json()


def _raw_message() -> bytes:
    """The body, refused before it is read when it is not a message or too large."""
    if request.mimetype != RAW_MESSAGE:
        abort(http.HTTPStatus.UNSUPPORTED_MEDIA_TYPE, message=f"Send the raw message as {RAW_MESSAGE}.")
    largest = current_app.config["MAIL_MAX_BYTES"]
    too_large = f"The message is larger than MAIL_MAX_BYTES ({largest:,} bytes)."
    if request.content_length is not None and request.content_length > largest:
        abort(http.HTTPStatus.REQUEST_ENTITY_TOO_LARGE, message=too_large)
    # The API's 1 MB limit is for JSON; a chunked body is cut off past this one.
    request.max_content_length = largest
    try:
        body = request.get_data(cache=False)
    except RequestEntityTooLarge:
        abort(http.HTTPStatus.REQUEST_ENTITY_TOO_LARGE, message=too_large)
    return body


@bp.route("/status/")
class Status(MethodView):
    @bp.response(200, MailStatusSchema)
    @bp.error_responses(503)
    def get(self):
        """The outbox and the mailbox at a glance: queued, failed and sent in 24 hours, the
        last mail received, the last mailbox fetch and its error."""
        return mail_status()
