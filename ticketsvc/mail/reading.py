"""read_mail: the raw bytes of one incoming message turned into what filing it needs.

Pure: no database, no network. Whatever the bytes, it answers; a message it cannot read
at all comes back with no sender, which the contract files as "ignored".
"""

import logging
import traceback
from dataclasses import dataclass
from email.parser import BytesParser

from ticketsvc.mail import headers
from ticketsvc.mail.body_text import read_body
from ticketsvc.mail.bounces import DeliveryReport, delivery_report, is_delivery_report
from ticketsvc.mail.kept_text import kept_text
from ticketsvc.mail.quotes import new_text
from ticketsvc.models import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH

__all__ = ["DeliveryReport", "IncomingMail", "read_mail"]

NO_TEXT = "(no text)"
UNREADABLE_TEXT = "(unreadable message)"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IncomingMail:
    message_id: str | None  # "<id@host>" as sent (trimmed); None when missing
    in_reply_to: tuple[str, ...]  # each "<…>"
    references: tuple[str, ...]
    from_address: str | None  # From's addr-spec; None when absent or unusable
    requester_address: str | None  # Reply-To's, else From's
    requester_name: str | None  # its display name, decoded; None when there is none
    subject: str  # decoded, on one line, at most 200 characters; "(no subject)" when empty
    text: str  # the whole readable text and the attachment note, ≤ 10,000 characters, never blank
    new_text: str  # the text without the earlier mail a reply quotes; may be ""
    attachments: tuple[str, ...]  # names of the parts left out
    automatic: bool  # Auto-Submitted other than "no", Precedence bulk|junk|list, X-Autoreply, …
    delivery_report: DeliveryReport | None  # set when the message is a bounce


def read_mail(raw: bytes) -> IncomingMail:
    """What one incoming message says; never raises."""
    try:
        return _read(raw)
    except Exception as error:  # the email package itself fails on some input: nesting too deep
        # Where it failed, not what: mail may hold anything, a password too.
        where = traceback.extract_tb(error.__traceback__)[-1]
        logger.warning("Unreadable mail: %s at %s:%s", type(error).__name__, where.filename, where.lineno)
        return _unreadable()


def _read(raw: bytes) -> IncomingMail:
    message = BytesParser(policy=headers.POLICY).parsebytes(raw)
    senders = headers.mailboxes(message, "From")
    from_address = next((sender.address for sender in senders if sender.address), None)
    candidates = (*headers.mailboxes(message, "Reply-To"), *senders)
    requester = next((mailbox for mailbox in candidates if mailbox.address), None)
    body = read_body(message)
    reply = new_text(body.text)
    return IncomingMail(
        message_id=headers.message_id(message),
        in_reply_to=headers.message_ids(headers.header_text(message, "In-Reply-To")),
        references=headers.message_ids(headers.header_text(message, "References")),
        from_address=from_address,
        requester_address=requester.address if requester else None,
        requester_name=requester.name if requester else None,
        subject=headers.subject(message),
        text=kept_text(body.text, body.attachments, DESCRIPTION_MAX_LENGTH, cut_short=body.truncated)
        or NO_TEXT,
        # Where the text read stops short, so does the reply, unless what was cut is quote.
        new_text=kept_text(
            reply, body.attachments, COMMENT_MAX_LENGTH, cut_short=body.truncated and reply == body.text
        ),
        attachments=body.attachments,
        automatic=headers.is_automatic(message),
        delivery_report=delivery_report(message, body.text) if is_delivery_report(message, senders) else None,
    )


def _unreadable() -> IncomingMail:
    return IncomingMail(
        message_id=None,
        in_reply_to=(),
        references=(),
        from_address=None,
        requester_address=None,
        requester_name=None,
        subject=headers.NO_SUBJECT,
        text=UNREADABLE_TEXT,
        new_text="",
        attachments=(),
        automatic=False,
        delivery_report=None,
    )
