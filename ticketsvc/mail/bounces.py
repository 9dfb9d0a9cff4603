"""Delivery reports (bounces): which message could not be delivered, to whom, and why.

A message is a report when it is multipart/report; report-type=delivery-status (RFC 3464,
as Postfix, Exim, Exchange and Gmail send them) or comes from mailer-daemon@ or
postmaster@. What happened comes from its delivery-status part (delivery_status.py), else
from its text (bounce_text.py). The message that bounced is the one the report returns
(a copy, or its headers), else the one its text quotes, else its In-Reply-To, else the
last of its References.
"""

import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import collapse_rfc2231_value

from ticketsvc.mail.bounce_text import COPY_MARKER, read_report_text
from ticketsvc.mail.delivery_status import RecipientStatus, delivery_status
from ticketsvc.mail.headers import POLICY, Mailbox, header_text, message_id, message_ids
from ticketsvc.mail.parts import decoded_payload, subparts

DIAGNOSTIC_MAX_LENGTH = 1_000

_DAEMONS = {"mailer-daemon", "postmaster"}
_RETURNED_MESSAGE = ("message/rfc822", "message/global")
_RETURNED_HEADERS = "text/rfc822-headers"
_QUOTED_MESSAGE_ID = re.compile(r"^[ \t>]*Message-ID:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class DeliveryReport:
    original_message_ids: tuple[str, ...]  # Message-ID(s) of the message that bounced
    permanent: bool  # a permanent failure (Action: failed, 5.x.x); False for delayed/relayed/delivered
    status: str | None  # "5.1.1"
    diagnostic: str | None  # "smtp; 550 5.1.1 <ana@x>: Recipient address rejected: User unknown"
    recipients: tuple[str, ...]


def is_delivery_report(message: Message, senders: tuple[Mailbox, ...]) -> bool:
    if message.get_content_type() == "multipart/report":
        report_type = collapse_rfc2231_value(message.get_param("report-type", ""))
        if report_type.lower() == "delivery-status":
            return True
    return any(sender.local_part.lower() in _DAEMONS for sender in senders)


def delivery_report(message: Message, text: str) -> DeliveryReport:
    """What a delivery report (is_delivery_report) says; text is its readable text, whole.

    With several recipients, the first that failed for good speaks for the report.
    """
    per_message, statuses = delivery_status(message)
    statuses = statuses or read_report_text(text)
    chosen = next((status for status in statuses if status.permanent), statuses[0])
    return DeliveryReport(
        original_message_ids=_original_ids(message, per_message, text),
        permanent=chosen.permanent,
        status=chosen.status,
        diagnostic=chosen.diagnostic[:DIAGNOSTIC_MAX_LENGTH] if chosen.diagnostic else None,
        recipients=_recipients(statuses),
    )


def _recipients(statuses: list[RecipientStatus]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(status.recipient for status in statuses if status.recipient))


def _original_ids(message: Message, per_message: Message | None, text: str) -> tuple[str, ...]:
    returned = _returned_message_id(message)
    if returned:
        return (returned,)
    # Gmail names it among the report's own fields.
    ids = message_ids(header_text(per_message, "X-Original-Message-ID")) if per_message else ()
    copy = COPY_MARKER.split(text, maxsplit=1)
    ids = ids or tuple(dict.fromkeys(_QUOTED_MESSAGE_ID.findall(copy[-1])))[:1]
    ids = ids or message_ids(header_text(message, "In-Reply-To"))
    # The last reference is the message answered; the ones before it are older mail of
    # the thread, which did not bounce.
    return ids or message_ids(header_text(message, "References"))[-1:]


def _returned_message_id(message: Message) -> str | None:
    """The Message-ID of the copy (or the headers) of the bounced message a report returns."""
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in _RETURNED_MESSAGE and (returned := subparts(part)):
            return message_id(returned[0])
        if content_type == _RETURNED_HEADERS:
            headers = BytesHeaderParser(policy=POLICY).parsebytes(decoded_payload(part))
            return message_id(headers)
    return None
