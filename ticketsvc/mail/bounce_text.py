"""Delivery reports without a delivery-status part (older Exim, qmail), read from their
text as Exim writes it: each address that failed on a line of its own, the server's
answer on the lines under it, then a copy of the message below a dashed line."""

import re
from dataclasses import dataclass

from ticketsvc.mail.delivery_status import RecipientStatus, status_code

COPY_MARKER = re.compile(r"^-+ ?(?:This is|Below this line is) a copy of", re.IGNORECASE | re.MULTILINE)
_ADDRESS_LINE = re.compile(r"[ \t]*<?([^\s<>@]+@[^\s<>@]+?)>?:?[ \t]*")
_SMTP_REPLY = re.compile(r"\b([245])\d\d[ -]")
_DELAYED = re.compile(r"not yet been delivered|delayed|will be retried|warning only", re.IGNORECASE)


def read_report_text(text: str) -> list[RecipientStatus]:
    """A status for each address the report names (at least one, for no one)."""
    notification = COPY_MARKER.split(text, maxsplit=1)[0]
    lines = notification.split("\n")
    reported = _Reported(status_code(notification), _DELAYED.search(notification) is not None)
    statuses = []
    for index, line in enumerate(lines):
        address = _ADDRESS_LINE.fullmatch(line)
        if address:
            diagnostic = " ".join(_answer_lines(lines, index + 1)) or None
            statuses.append(reported.status(address[1], diagnostic))
    return statuses or [reported.status(None, None)]


def _answer_lines(lines: list[str], start: int):
    """The lines from start up to a blank line or the next address, stripped."""
    for line in (lines[index] for index in range(start, len(lines))):
        if not line.strip() or _ADDRESS_LINE.fullmatch(line):
            return
        yield line.strip()


@dataclass(frozen=True)
class _Reported:
    """What the report's text says as a whole: a status code it holds, whether it speaks
    of a delay."""

    status_code: str | None
    delayed: bool

    def status(self, recipient: str | None, diagnostic: str | None) -> RecipientStatus:
        """A recipient's status: its own answer's codes, else the report's."""
        status = status_code(diagnostic) if diagnostic else self.status_code
        reply = _SMTP_REPLY.search(diagnostic or "")
        if status:
            permanent = status.startswith("5")
        elif reply:
            permanent = reply[1] == "5"
        else:
            permanent = not self.delayed
        return RecipientStatus(recipient, "failed" if permanent else "delayed", status, diagnostic)
