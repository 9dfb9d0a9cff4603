"""Header fields of incoming mail, read leniently: raw 8-bit bytes and RFC 2047 words
decoded, and a field the email package cannot parse read as plain text instead of raising."""

import functools
import re
from dataclasses import dataclass
from email import headerregistry, policy
from email.message import Message

from ticketsvc.mail.charsets import decode_escaped_bytes
from ticketsvc.mail.cleaning import one_line
from ticketsvc.models import TITLE_MAX_LENGTH
from ticketsvc.models.columns import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH

NO_SUBJECT = "(no subject)"

_AUTOMATIC_PRECEDENCES = {"bulk", "junk", "list"}
_AUTOMATIC_MARKS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
_BRACKETED = re.compile(r"<([^<>]*)>")
_WORD_END = re.compile(r"[\s;(]")

# Fields past this length are cut (References keep their end, the newest ids): the email
# package reads a field in time that grows with the square of its length, and no client
# writes one this long.
FIELD_MAX_LENGTH = 16_000
# The email package parses a field anew each time it is read, and reads each part's
# Content-Type several times: parsed fields are remembered (short ones: that is what
# repeats, and memory stays bounded). A message of 20,000 parts took 35 s without.
_REMEMBERED_FIELD_LENGTH = 1_000

_PLAIN_HEADERS = headerregistry.HeaderRegistry(use_default_map=False)


class _LenientHeaders(headerregistry.HeaderRegistry):
    """The standard header classes, fed decoded text, falling back to plain text."""

    def __init__(self):
        super().__init__()
        # Kept as sent: the structured reading drops the parts of a Message-ID it finds
        # malformed (and raises on "<>"), and rewrites dates. (typeshed asks for a BaseHeader;
        # the registry takes the specialised class and adds BaseHeader itself.)
        self.map_to_type("message-id", headerregistry.UnstructuredHeader)  # type: ignore[arg-type]
        self.map_to_type("date", headerregistry.UnstructuredHeader)  # type: ignore[arg-type]

    def __call__(self, name, value):
        if len(value) > FIELD_MAX_LENGTH:
            value = value[-FIELD_MAX_LENGTH:] if name.lower() == "references" else value[:FIELD_MAX_LENGTH]
        if len(value) > _REMEMBERED_FIELD_LENGTH:
            return self._parse(name, value)
        return self._remembered(name, value)

    @functools.lru_cache(maxsize=512)  # noqa: B019 (one instance, for the life of the process)
    def _remembered(self, name, value):
        return self._parse(name, value)

    def _parse(self, name, value):
        value = decode_escaped_bytes(value)
        try:
            return super().__call__(name, value)
        except Exception:  # the email package's parsers raise IndexError and others on some malformed fields
            return _PLAIN_HEADERS(name, value)


POLICY = policy.default.clone(header_factory=_LenientHeaders())


@dataclass(frozen=True)
class Mailbox:
    """One mailbox of an address header."""

    address: str | None  # the addr-spec; None when it is not a usable one (no domain, too long)
    local_part: str
    name: str | None  # the display name, decoded; None when there is none


def header_text(message: Message, name: str) -> str:
    """The first such field as one line of decoded text; "" when absent."""
    return one_line(str(message.get(name, "")))


def subject(message: Message) -> str:
    """The decoded subject on one line, at most a ticket title long, or a placeholder."""
    return header_text(message, "Subject")[:TITLE_MAX_LENGTH].rstrip() or NO_SUBJECT


def message_id(message: Message) -> str | None:
    """The Message-ID as sent ("<id@host>"), trimmed; None when missing."""
    value = header_text(message, "Message-ID")
    ids = message_ids(value)
    if ids:
        return ids[0]
    return "".join(value.split()).strip("<>") or None


def message_ids(value: str) -> tuple[str, ...]:
    """Each distinct "<…>" id in a field such as References, whatever lies between them."""
    found = ("<" + "".join(inner.split()) + ">" for inner in _BRACKETED.findall(value))
    return tuple(dict.fromkeys(identifier for identifier in found if identifier != "<>"))


def mailboxes(message: Message, name: str) -> tuple[Mailbox, ...]:
    """The mailboxes of the first such address field, in order."""
    header = message.get(name)
    if not isinstance(header, headerregistry.AddressHeader):
        return ()
    return tuple(_mailbox(address) for address in header.addresses)


def _mailbox(address: headerregistry.Address) -> Mailbox:
    addr_spec = one_line(address.addr_spec)
    usable = address.username and address.domain and " " not in addr_spec
    usable = usable and len(addr_spec) <= EMAIL_MAX_LENGTH
    name = one_line(address.display_name)[:NAME_MAX_LENGTH].rstrip()
    return Mailbox(addr_spec if usable else None, one_line(address.username), name or None)


def is_automatic(message: Message) -> bool:
    """Whether a machine says it sent the message (RFC 3834, and the fields Exchange and
    older responders use)."""
    auto_submitted = _first_word(header_text(message, "Auto-Submitted"))
    if auto_submitted not in ("", "no"):
        return True
    if _first_word(header_text(message, "Precedence")) in _AUTOMATIC_PRECEDENCES:
        return True
    return any(mark in message for mark in _AUTOMATIC_MARKS)


def _first_word(value: str) -> str:
    """The keyword of a field like "auto-replied (vacation); owner-email=…", lower case."""
    return _WORD_END.split(value.strip(), maxsplit=1)[0].lower()
