"""Header fields as read_mail reads them: automatic mail, Message-IDs, addresses, subject."""

import pytest

from tests.mail.raw_messages import raw_message
from ticketsvc.mail.headers import FIELD_MAX_LENGTH
from ticketsvc.mail.reading import read_mail


@pytest.mark.parametrize(
    ("field", "automatic"),
    [
        ("Auto-Submitted: auto-replied", True),
        ("Auto-Submitted: auto-generated", True),
        ("Auto-Submitted: Auto-Replied (vacation); owner-email=ana@example.com", True),
        ("Auto-Submitted: auto-notified", True),
        ("Auto-Submitted: no", False),
        ("Auto-Submitted: No (a person wrote it)", False),
        ("Auto-Submitted:", False),
        ("Precedence: bulk", True),
        ("Precedence: junk", True),
        ("Precedence: List", True),
        ("Precedence: first-class", False),
        ("X-Autoreply: yes", True),
        ("X-Autorespond: vacation", True),
        ("X-Auto-Response-Suppress: All", True),
        ("x-auto-response-suppress: OOF, AutoReply", True),
        ("X-Mailer: Microsoft Outlook 16.0", False),
    ],
)
def test_a_message_is_automatic_when_a_field_says_a_machine_sent_it(field, automatic):
    assert read_mail(raw_message(field)).automatic is automatic


@pytest.mark.parametrize(
    ("field", "message_id"),
    [
        ("Message-ID:   <abc@example.com>  ", "<abc@example.com>"),
        ("Message-ID: <abc@example.com> (added by the relay)", "<abc@example.com>"),
        ("Message-ID: <abc@\r\n example.com>", "<abc@example.com>"),
        ("Message-ID: abc@example.com", "abc@example.com"),
        ("Message-ID: <>", None),
        ("Message-ID:", None),
        ("X-Other: none", None),
    ],
)
def test_the_message_id_is_kept_as_sent_trimmed(field, message_id):
    assert read_mail(raw_message(field)).message_id == message_id


def test_in_reply_to_and_references_hold_each_id_whatever_lies_between():
    mail = read_mail(
        raw_message(
            'In-Reply-To: <one@example.com> (Ana\'s message of "Mon, 7 Dec 2026")',
            "References: <zero@example.com>\r\n\t<one@example.com>, junk <> <zero@example.com>",
        )
    )
    assert mail.in_reply_to == ("<one@example.com>",)
    assert mail.references == ("<zero@example.com>", "<one@example.com>")


@pytest.mark.parametrize(
    ("fields", "from_address", "requester"),
    [
        (["From: Ana <ana@example.com>"], "ana@example.com", ("ana@example.com", "Ana")),
        (["From: ana@example.com"], "ana@example.com", ("ana@example.com", None)),
        (
            ["From: Ana <ana@example.com>", "Reply-To: =?utf-8?q?Ana_L=C3=B3pez?= <ana.lopez@example.org>"],
            "ana@example.com",
            ("ana.lopez@example.org", "Ana López"),
        ),
        # a Reply-To that is no address falls back on From
        (
            ["From: Ana <ana@example.com>", "Reply-To: undisclosed-recipients:;"],
            "ana@example.com",
            ("ana@example.com", "Ana"),
        ),
        (["From: MAILER-DAEMON (Mail Delivery System)"], None, (None, None)),
        (["From: <>"], None, (None, None)),
        ([f"From: <{'a' * 250}@example.com>"], None, (None, None)),
        ([], None, (None, None)),
        # a display name with an unquoted comma reads as two mailboxes: the first with a domain counts
        (["From: Weber, Jonas <j.weber@example.de>"], "j.weber@example.de", ("j.weber@example.de", "Jonas")),
    ],
)
def test_the_requester_is_reply_to_else_from(fields, from_address, requester):
    mail = read_mail(raw_message(*fields))
    assert mail.from_address == from_address
    assert (mail.requester_address, mail.requester_name) == requester


def test_a_display_name_is_cut_to_what_a_ticket_keeps():
    mail = read_mail(raw_message(f"From: {'N' * 150} <ana@example.com>"))
    assert mail.requester_name == "N" * 100


@pytest.mark.parametrize(
    ("field", "subject"),
    [
        ("Subject: =?utf-8?q?Grie=C3=9F?=\r\n =?utf-8?q?e?= aus\r\n\t  M\xc3\xbcnchen", "Grieße aus München"),
        ("Subject: \x1b[31mred\x1b[0m alert", "[31mred[0m alert"),
        # a header's own line breaks cannot start another field
        ("Subject: =?utf-8?q?Hi=0D=0ABcc:_x@example.com?=", "Hi Bcc: x@example.com"),
        ("Subject:   ", "(no subject)"),
        ("X-Other: none", "(no subject)"),
        ("Subject: " + "word " * 60, ("word " * 40).strip()),
    ],
)
def test_the_subject_is_one_decoded_line_of_at_most_200_characters(field, subject):
    assert read_mail(raw_message(field)).subject == subject


def test_a_field_longer_than_clients_write_is_cut_and_references_keep_their_newest_ids():
    references = " ".join(f"<thread-{number}@example.com>" for number in range(1000))
    mail = read_mail(raw_message(f"References: {references}", "Subject: " + "long " * 5000))
    assert mail.references[-1] == "<thread-999@example.com>"
    assert len(" ".join(mail.references)) <= FIELD_MAX_LENGTH < len(references)
    assert mail.subject == ("long " * 40).strip()
