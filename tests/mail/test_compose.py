"""The composed message, read back from the bytes that go on the wire."""

import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from tests.mail.samples import MAIL_FROM, MESSAGE_ID, composed, outgoing
from ticketsvc.mail import messages
from ticketsvc.mail.compose import (
    MOST_REFERENCES,
    InvalidMailFrom,
    OutgoingMail,
    compose,
    new_message_id,
    parse_mail_from,
)
from ticketsvc.mail.failures import PermanentFailure
from ticketsvc.mail.kinds import MailKind


def lines_of(message: EmailMessage) -> list[str]:
    """The text's lines: on the wire (and so once decoded) they end in CRLF, as MIME wants."""
    return message.get_content().splitlines()


def sent(mail: OutgoingMail) -> tuple[bytes, EmailMessage]:
    """The composed bytes, and the message a mail client parses from them."""
    raw = compose(mail, MAIL_FROM).as_bytes()
    return raw, message_from_bytes(raw, policy=policy.default)


def header_lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def test_the_headers_name_the_sender_the_recipient_the_ticket_and_the_message():
    mail = outgoing()
    _, message = sent(mail)
    assert message["From"] == MAIL_FROM
    assert message["To"] == "Ana Lopez <ana@example.com>"
    assert message["Subject"] == "[#42] Charged twice for November"
    assert message["Message-ID"] == MESSAGE_ID
    assert abs(message["Date"].datetime - datetime.now(UTC)) < timedelta(seconds=5)
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert lines_of(message) == mail.text.splitlines()
    assert "In-Reply-To" not in message and "References" not in message


def test_replies_chain_the_tickets_earlier_messages_for_threading():
    earlier = ["<customer-original@mail.example.org>", MESSAGE_ID, "<second-of-ticket-42@example.com>"]
    _, message = sent(outgoing(in_reply_to=earlier[-1], references=earlier))
    assert message["In-Reply-To"] == "<second-of-ticket-42@example.com>"
    assert message["References"].split() == earlier


def test_a_long_thread_is_referenced_by_its_first_and_latest_messages():
    earlier = [f"<reply-{number}-of-ticket-42@example.com>" for number in range(1, 3001)]
    _, message = sent(outgoing(in_reply_to=earlier[-1], references=earlier))
    assert message["In-Reply-To"] == "<reply-3000-of-ticket-42@example.com>"
    assert message["References"].split() == [earlier[0], *earlier[-(MOST_REFERENCES - 1) :]]


def test_an_earlier_message_id_that_is_not_one_is_left_out_of_the_threading_headers():
    references = ["<ok@example.com>", "<forged@example.com>\r\nBcc: x@example.com", "no-brackets@example.com"]
    raw, message = sent(outgoing(in_reply_to="<a b@example.com>", references=references))
    assert "In-Reply-To" not in message
    assert message["References"] == "<ok@example.com>"
    assert b"Bcc" not in raw


@pytest.mark.parametrize(
    ("kind", "auto_submitted"),
    [
        (MailKind.ACKNOWLEDGEMENT, "auto-replied"),
        (MailKind.RESOLVED, "auto-generated"),
        (MailKind.ASSIGNED, "auto-generated"),
        (MailKind.CUSTOMER_REPLIED, "auto-generated"),
        (MailKind.BULK_SUMMARY, "auto-generated"),
        (MailKind.PASSWORD_RESET, "auto-generated"),
    ],
)
def test_automatic_mail_says_so_and_asks_for_no_automatic_answer(kind, auto_submitted):
    assert kind.auto_submitted == auto_submitted
    _, message = sent(outgoing(kind=kind, auto_submitted=kind.auto_submitted))
    assert message["Auto-Submitted"] == auto_submitted
    assert message["X-Auto-Response-Suppress"] == "All"


def test_an_agents_reply_is_not_marked_automatic():
    assert MailKind.AGENT_REPLY.auto_submitted is None
    _, message = sent(outgoing(kind=MailKind.AGENT_REPLY, auto_submitted=None))
    assert "Auto-Submitted" not in message and "X-Auto-Response-Suppress" not in message


@pytest.mark.parametrize("line_break", ["\r\n", "\n", "\r", "\x85", "\u2028", "\x00"])
def test_a_subject_holding_a_header_stays_in_the_subject(line_break):
    # Not through messages.ticket_subject(), which keeps titles to one line itself.
    subject = f"[#42] Hello{line_break}Bcc: x@example.com{line_break}X-Evil: 1"
    raw, message = sent(outgoing(subject=subject))
    assert "Bcc" not in message and "X-Evil" not in message
    spaces = " " * len(line_break)
    assert message["Subject"] == f"[#42] Hello{spaces}Bcc: x@example.com{spaces}X-Evil: 1"
    assert [address.addr_spec for address in message["To"].addresses] == ["ana@example.com"]
    assert not any(line.startswith((b"Bcc", b"X-Evil")) for line in header_lines(raw))


@pytest.mark.parametrize(
    "name",
    [
        'Ana "the boss" Lopez',
        "Lopez, Ana",
        "Ana <boss@evil.example>",
        "Ana\r\nBcc: x@example.com",
        "Zoë Ñúñez, 山田",
        'Zoë "Q", <x@evil.example>',
    ],
)
def test_a_display_name_never_adds_a_recipient_or_a_header(name):
    raw, message = sent(outgoing(to_name=name))
    (recipient,) = message["To"].addresses
    assert recipient.addr_spec == "ana@example.com"
    assert recipient.display_name == name.replace("\r\n", "  ")
    assert "Bcc" not in message
    assert raw.isascii()


def test_non_ascii_titles_and_names_are_encoded_and_decode_back_equal():
    title = "Facture doublée — 二重請求 ✓"
    subject = messages.ticket_subject(42, title)
    raw, message = sent(outgoing(subject=subject, to_name="Zoë Ñúñez"))
    assert raw.isascii()
    assert b"=?utf-8?" in b"".join(header_lines(raw))
    assert message["Subject"] == f"[#42] {title}"
    assert message["To"].addresses[0].display_name == "Zoë Ñúñez"


def test_a_long_subject_is_folded_and_reads_back_whole():
    title = " ".join(["refund"] * 33)
    raw, message = sent(outgoing(subject=messages.ticket_subject(42, title)))
    assert max(len(line) for line in header_lines(raw)) <= 78
    assert message["Subject"] == f"[#42] {title}"


@pytest.mark.parametrize("unit", ["a", "é", "語"])
def test_a_line_over_998_octets_arrives_intact_on_lines_a_server_accepts(unit):
    long_line = unit * 3000
    text = f"Before\n{long_line}\nAfter\n"
    raw, message = sent(outgoing(text=text))
    assert len(long_line.encode()) > 998
    assert raw.isascii()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    assert message["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    assert lines_of(message) == text.splitlines()


def test_short_ascii_text_goes_as_it_is():
    raw, message = sent(outgoing(text="Hello Ana,\n\nYour ticket is #42.\n"))
    assert message["Content-Transfer-Encoding"] == "7bit"
    assert raw.endswith(b"\r\n\r\nHello Ana,\r\n\r\nYour ticket is #42.\r\n")


def test_non_ascii_text_is_encoded_so_no_server_needs_8bitmime():
    raw, message = sent(outgoing(text="Grüße, Zoë\n"))
    assert raw.isascii()
    assert message["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    assert lines_of(message) == ["Grüße, Zoë"]


def test_new_message_ids_are_unique_unguessable_and_in_mail_froms_domain():
    message_ids = {new_message_id(MAIL_FROM) for _ in range(1000)}
    assert len(message_ids) == 1000
    for message_id in message_ids:
        random_part, domain = re.fullmatch(r"<([A-Za-z0-9_-]+)@([^>]+)>", message_id).groups()
        assert domain == "example.com"
        assert len(random_part) * 6 >= 128  # URL-safe base64: six bits a character


@pytest.mark.parametrize("mail_from", ["Support <support@example.com>", "support@example.com"])
def test_mail_from_is_one_address_with_a_domain(mail_from):
    assert parse_mail_from(mail_from).addr_spec == "support@example.com"


@pytest.mark.parametrize(
    "mail_from",
    ["", "support", "Support <support@>", "a@example.com, b@example.com", "Support <support@example.com"],
)
def test_a_malformed_mail_from_is_refused(mail_from):
    with pytest.raises(InvalidMailFrom, match="MAIL_FROM must be one address"):
        parse_mail_from(mail_from)


@pytest.mark.parametrize(
    "address",
    ["", "ana", "ana@", "@example.com", "ana@example.com, eve@example.com", "zoë@example.com", "<a@b.c>"],
)
def test_a_recipient_that_is_not_one_address_is_a_permanent_failure(address):
    with pytest.raises(PermanentFailure, match="not an email address"):
        composed(to_address=address)


def test_an_international_domain_is_addressed_in_its_ascii_form():
    _, message = sent(outgoing(to_address="ana@exämple.com"))
    assert message["To"].addresses[0].addr_spec == "ana@xn--exmple-cua.com"
