"""The EmailMessage for one outgoing mail: its headers, its threading, its text.

Values from people (a title, a name) reach headers only through single_line() and the
email package's header classes, which fold long values and RFC 2047-encode non-ASCII:
none of them can end a header and start another, or add a recipient.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import errors, policy
from email.headerregistry import Address
from email.message import EmailMessage

from ticketsvc.accounts.credentials import new_secret
from ticketsvc.mail.failures import PermanentFailure
from ticketsvc.mail.kinds import AutoSubmitted, MailKind
from ticketsvc.mail.single_line import single_line

# CRLF, lines folded at 78. cte_type 7bit: a text that is not short-lined ASCII goes out
# quoted-printable or base64, never as raw 8bit, so a line of any length arrives intact
# and no server needs 8BITMIME.
MESSAGE_POLICY = policy.SMTP.clone(cte_type="7bit")
# <id-left@id-right> in printable ASCII: what may stand in In-Reply-To and References.
_MESSAGE_ID = re.compile(r"<[!-;=?-~]+>")
# References names the thread's first message and its latest ones, not every one: a ticket
# with thousands of replies made each of its mails carry thousands of IDs, and the worker
# spent a tenth of a second parsing each such header (ten mails a second, not 342) while
# the rest of the outbox waited behind them (a million-ticket benchmark run, whose comment
# scenario answers one ticket thousands of times). Mail clients thread by the first and
# the parent (In-Reply-To).
MOST_REFERENCES = 10
# What the email package raises for an address it cannot read, depending on how it is wrong.
_UNREADABLE_ADDRESS = (ValueError, IndexError, errors.MessageError)


class InvalidMailFrom(ValueError):
    """MAIL_FROM is not one address with a domain."""


@dataclass(frozen=True)
class OutgoingMail:
    """One mail as the outbox holds it: to whom, its words, its place in the ticket's thread."""

    kind: MailKind
    to_address: str
    to_name: str | None
    subject: str
    text: str
    message_id: str
    in_reply_to: str | None = None
    references: Sequence[str] = ()
    auto_submitted: AutoSubmitted | None = None


# MAIL_FROM is one value for the life of a process; parsing it costs a third of compose().
@functools.cache
def parse_mail_from(mail_from: str) -> Address:
    """MAIL_FROM (`Support <support@example.com>` or a bare address) as an Address.

    Raises InvalidMailFrom; the config calls this at start-up.
    """
    header = MESSAGE_POLICY.header_factory("From", single_line(mail_from))
    if header.defects or len(header.addresses) != 1 or not header.addresses[0].domain:
        raise InvalidMailFrom(
            f"MAIL_FROM must be one address, like Support <support@example.com>: {mail_from!r}"
        )
    return header.addresses[0]


def new_message_id(mail_from: str) -> str:
    """A Message-ID nobody can guess, in MAIL_FROM's domain: quoting it proves one received it.

    email.utils.make_msgid() is not used: its random part comes from `random`, which
    can be predicted.
    """
    return f"<{new_secret()}@{parse_mail_from(mail_from).domain}>"


def compose(mail: OutgoingMail, mail_from: str) -> EmailMessage:
    """The message to send; raises PermanentFailure when the To address is not one address."""
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["From"] = parse_mail_from(mail_from)
    message["To"] = _recipient(mail.to_address, mail.to_name)
    message["Date"] = datetime.now(UTC)
    message["Subject"] = single_line(mail.subject)
    message["Message-ID"] = _own_message_id(mail.message_id)
    # Earlier messages' IDs may come from customers' mail: one that is not an ID is left
    # out (threading is a courtesy) rather than allowed into a header.
    if mail.in_reply_to and _MESSAGE_ID.fullmatch(mail.in_reply_to):
        message["In-Reply-To"] = mail.in_reply_to
    references = [reference for reference in mail.references if _MESSAGE_ID.fullmatch(reference)]
    if len(references) > MOST_REFERENCES:
        references = references[:1] + references[1 - MOST_REFERENCES :]
    if references:
        message["References"] = " ".join(references)
    if mail.auto_submitted:
        message["Auto-Submitted"] = mail.auto_submitted
        # Outlook and Exchange answer nothing automatic to a message that says this.
        message["X-Auto-Response-Suppress"] = "All"
    message.set_content(mail.text)
    return message


def _recipient(address: str, name: str | None) -> Address:
    try:
        recipient = Address(display_name=single_line(name or "").strip(), addr_spec=address.strip())
        # A domain in Unicode (IDNA) is sent in its ASCII form; a Unicode local part would
        # need SMTPUTF8, which few servers offer.
        domain = recipient.domain.encode("idna").decode("ascii")
        if not (domain and recipient.username.isascii()):
            raise ValueError
    except _UNREADABLE_ADDRESS as error:
        raise PermanentFailure(f"not an email address ticketsvc can send to: {address!r}") from error
    return Address(display_name=recipient.display_name, username=recipient.username, domain=domain)


def _own_message_id(message_id: str) -> str:
    if not _MESSAGE_ID.fullmatch(message_id):
        raise ValueError(f"not a Message-ID: {message_id!r} (new_message_id() makes them)")
    return message_id
