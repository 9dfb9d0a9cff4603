"""What a delivery report says about each recipient: its message/delivery-status part
(RFC 3464), one block of fields for the message, then one a recipient."""

import re
from dataclasses import dataclass
from email.message import Message

from ticketsvc.mail.headers import header_text
from ticketsvc.mail.parts import subparts

_STATUS = re.compile(r"\b[245]\.\d{1,3}\.\d{1,3}\b")
_NOT_FAILED = {"delayed", "delivered", "relayed", "expanded"}


@dataclass(frozen=True)
class RecipientStatus:
    recipient: str | None
    action: str  # "failed", "delayed", … in lower case; "" when the report gives none
    status: str | None  # "5.1.1"
    diagnostic: str | None  # the server's reason, as the report gives it

    @property
    def permanent(self) -> bool:
        if self.action == "failed":
            return True
        if self.action in _NOT_FAILED:
            return False
        return (self.status or "").startswith("5")


def status_code(text: str) -> str | None:
    """The first enhanced status code ("5.1.1") in the text."""
    found = _STATUS.search(text)
    return found.group() if found else None


def delivery_status(message: Message) -> tuple[Message | None, list[RecipientStatus]]:
    """The per-message fields of the message's delivery-status part, and its recipients;
    (None, []) when it has none."""
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status" and part.is_multipart():
            blocks = [fields for fields in subparts(part) if fields.keys()]
            if blocks:
                return blocks[0], [_recipient_status(fields) for fields in blocks[1:]]
    return None, []


def _recipient_status(fields: Message) -> RecipientStatus:
    recipient = header_text(fields, "Final-Recipient") or header_text(fields, "Original-Recipient")
    return RecipientStatus(
        # "rfc822; ana@example.com": the address after its type
        recipient=recipient.rpartition(";")[2].strip().strip("<>") or None,
        action=header_text(fields, "Action").lower(),
        status=status_code(header_text(fields, "Status")),
        diagnostic=header_text(fields, "Diagnostic-Code") or None,
    )
