"""The readable text of a message, from its MIME parts, and the names of the parts left out.

Text is each text/plain part in order, or where an alternative offers no plain text, the
HTML turned into text; a forwarded message (message/rfc822) adds its own. Every other
part (files, images, inline pictures too: the person sent them) is an attachment, named.
"""

import mimetypes
import re
from dataclasses import dataclass, field
from email.message import Message

from ticketsvc.mail.charsets import decode_bytes
from ticketsvc.mail.cleaning import clean_text, one_line
from ticketsvc.mail.headers import header_text
from ticketsvc.mail.html_text import html_to_text
from ticketsvc.mail.parts import decoded_payload, subparts

FORWARD_LINE = "---------- Forwarded message ----------"
FORWARDED_FIELDS = ("From", "Date", "Subject", "To")

# Bytes of text parts read, all parts together: the text keeps 10,000 characters, and
# converting 10 MB of HTML took 47 s here (inscriptis reads about 1 MB a second).
READ_LIMIT = 400_000
# Real mail nests a few levels (a forwarded reply to an HTML mail with pictures: seven or
# eight); deeper parts are ignored, so nothing recurses without bound.
_MAX_DEPTH = 50
_FILE_NAME_MAX_LENGTH = 100
_TEXT_TYPES = ("text/plain", "text/html")
_FORWARDED_TYPES = ("message/rfc822", "message/global")
# Parts that carry no content of the person's: delivery reports (read by bounces.py) and
# signatures of signed mail.
_NOT_ATTACHMENTS = {
    "message/delivery-status",
    "message/disposition-notification",
    "text/rfc822-headers",
    "application/pgp-signature",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
}
_PATH_SEPARATORS = re.compile(r"[\\/]")
# Python's own table, not the machine's /etc/mime.types: names read the same everywhere.
_MIME_TYPES = mimetypes.MimeTypes()


@dataclass(frozen=True)
class Body:
    text: str  # cleaned (cleaning.clean_text); up to READ_LIMIT, not cut to what a ticket keeps
    attachments: tuple[str, ...]  # names of the parts left out, in order
    truncated: bool  # whether text stops short of the message's end, at READ_LIMIT


@dataclass
class _Found:
    texts: list[str] = field(default_factory=list)
    attachments: list[tuple[str | None, str]] = field(default_factory=list)  # (file name, type)
    bytes_read: int = 0
    truncated: bool = False


def read_body(message: Message) -> Body:
    found = _Found()
    _read_part(message, found, depth=0, keep_text=True)
    names = tuple(_attachment_name(number, *part) for number, part in enumerate(found.attachments, 1))
    return Body(clean_text("\n\n".join(found.texts)), names, found.truncated)


def _read_part(part: Message, found: _Found, depth: int, keep_text: bool) -> None:
    """Adds the part's text (when keep_text) and its attachments to found."""
    if depth > _MAX_DEPTH:
        return
    content_type = part.get_content_type()
    if not part.is_multipart():
        if _is_text(part):
            if keep_text and found.bytes_read < READ_LIMIT:
                found.texts.append(_text_of(part, found))
        elif content_type not in _NOT_ATTACHMENTS:
            found.attachments.append((_file_name(part), content_type))
    elif content_type in _FORWARDED_TYPES:
        _read_forwarded(part, found, depth, keep_text)
    elif content_type == "multipart/alternative":
        _read_alternatives(part, found, depth, keep_text)
    elif part.get_content_maintype() == "multipart":
        for subpart in subparts(part):
            _read_part(subpart, found, depth + 1, keep_text)


def _is_text(part: Message) -> bool:
    if part.get_content_disposition() == "attachment" or part.get_filename():
        return False
    # A multipart whose boundary is missing holds its parts as raw text: still readable.
    return part.get_content_type() in _TEXT_TYPES or part.get_content_maintype() == "multipart"


def _text_of(part: Message, found: _Found) -> str:
    """The part's text, from at most the bytes READ_LIMIT leaves."""
    payload = decoded_payload(part)
    room = READ_LIMIT - found.bytes_read
    if len(payload) > room:
        # At a line end: a cut inside a character would make its charset look wrong.
        payload = payload[:room].rpartition(b"\n")[0] or payload[:room]
        found.truncated = True
    found.bytes_read = READ_LIMIT if found.truncated else found.bytes_read + len(payload)
    text = decode_bytes(payload, part.get_content_charset())
    if part.get_content_type() == "text/html":
        return html_to_text(clean_text(text))
    return text


def _read_alternatives(part: Message, found: _Found, depth: int, keep_text: bool) -> None:
    """The plain-text alternative with text in it, else the richest one that has text;
    the attachments of all (an HTML alternative's inline pictures were sent too)."""
    alternatives = subparts(part)
    if keep_text:
        plain = [item for item in alternatives if item.get_content_type() == "text/plain"]
        others = [item for item in reversed(alternatives) if item.get_content_type() != "text/plain"]
        found.texts.extend(_first_readable(plain + others, found, depth + 1))
    for alternative in alternatives:
        _read_part(alternative, found, depth + 1, keep_text=False)


def _first_readable(alternatives: list[Message], found: _Found, depth: int) -> list[str]:
    for alternative in alternatives:
        candidate = _Found(bytes_read=found.bytes_read)
        _read_part(alternative, candidate, depth, keep_text=True)
        if any(text.strip() for text in candidate.texts):
            found.bytes_read, found.truncated = candidate.bytes_read, candidate.truncated
            return candidate.texts
    return []


def _read_forwarded(part: Message, found: _Found, depth: int, keep_text: bool) -> None:
    """The forwarded message's sender, date, subject and recipients, then its text."""
    forwarded_parts = subparts(part)
    if not forwarded_parts:
        return
    forwarded = forwarded_parts[0]
    if keep_text:
        fields = [(name, header_text(forwarded, name)) for name in FORWARDED_FIELDS]
        found.texts.append(
            "\n".join([FORWARD_LINE, *(f"{name}: {value}" for name, value in fields if value)])
        )
    _read_part(forwarded, found, depth + 1, keep_text)


def _file_name(part: Message) -> str | None:
    """The part's file name without the folders some clients send ("C:\\Users\\…")."""
    name = _PATH_SEPARATORS.split(one_line(part.get_filename() or ""))[-1].strip()
    return name[:_FILE_NAME_MAX_LENGTH] or None


def _attachment_name(number: int, file_name: str | None, content_type: str) -> str:
    return file_name or f"attachment-{number}{_MIME_TYPES.guess_extension(content_type) or '.bin'}"
