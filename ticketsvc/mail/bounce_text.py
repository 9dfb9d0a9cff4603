"""Delivery reports without a delivery-status part (older Exim, qmail), read from their
text as Exim writes it: each address that failed on a line of its own, the server's
answer on the lines under it, then a copy of the message below a dashed line."""

import re

from ticketsvc.mail.delivery_status import RecipientStatus, status_code

COPY_MARKER = re.compile(r"^-+ ?(?:This is|Below this line is) a copy of", re.IGNORECASE | re.MULTILINE)
_ADDRESS_LINE = re.compile(r"[ \t]*<?([^\s<>@]+@[^\s<>@]+?)>?:?[ \t]*")
_SMTP_REPLY = re.compile(r"\b([245])\d\d[ -]")
_DELAYED = re.compile(r"not yet been delivered|delayed|will be retried|warning only", re.IGNORECASE)


def read_report_text(text: str) -> list[RecipientStatus]:
    """A status for each address the report names (at least one, for no one)."""
    notification = COPY_MARKER.split(text, maxsplit=1)[0]
    lines = notification.split("\n")
    statuses = []
    for index, line in enumerate(lines):
        address = _ADDRESS_LINE.fullmatch(line)
        if address:
            diagnostic = " ".join(_answer_lines(lines[index + 1 :])) or None
            statuses.append(_status(address[1], diagnostic, notification))
    return statuses or [_status(None, None, notification)]


def _answer_lines(lines: list[str]):
    for line in lines:
        if not line.strip() or _ADDRESS_LINE.fullmatch(line):
            return
        yield line.strip()


def _status(recipient: str | None, diagnostic: str | None, notification: str) -> RecipientStatus:
    status = status_code(diagnostic or notification)
    reply = _SMTP_REPLY.search(diagnostic or "")
    if status:
        permanent = status.startswith("5")
    elif reply:
        permanent = reply[1] == "5"
    else:
        permanent = not _DELAYED.search(notification)
    return RecipientStatus(recipient, "failed" if permanent else "delayed", status, diagnostic)
