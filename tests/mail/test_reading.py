"""read_mail on any input: it never raises, and what it gives is fit to keep."""

import base64
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mail.raw_messages import raw_message
from ticketsvc.mail import reading
from ticketsvc.mail.kept_text import CUT_MARK
from ticketsvc.mail.reading import UNREADABLE_TEXT, read_mail
from ticketsvc.models import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH

KEPT_TEXT_LIMIT = 10_000


def assert_fit_to_keep(mail: reading.IncomingMail) -> None:
    assert mail.text.strip()
    assert len(mail.text) <= DESCRIPTION_MAX_LENGTH == KEPT_TEXT_LIMIT
    assert len(mail.new_text) <= COMMENT_MAX_LENGTH == KEPT_TEXT_LIMIT
    assert mail.subject.strip()
    assert len(mail.subject) <= TITLE_MAX_LENGTH
    for text in (mail.text, mail.new_text, mail.subject, mail.requester_name or ""):
        controls = [c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t"]
        assert not controls
    assert "\n" not in mail.subject + (mail.requester_name or "")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2_000))
def test_any_bytes_read_as_a_mail_fit_to_keep(raw):
    assert_fit_to_keep(read_mail(raw))


FIELD_NAMES = [
    "From", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "References", "Auto-Submitted",
    "Precedence", "X-Autoreply", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
]  # fmt: skip
CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "shift_jis", "iso-2022-jp", "utf-16", "x-unknown", "rot13"]
LEAF_TYPES = ["text/plain", "text/html", "application/pdf", "message/delivery-status", "text/rfc822-headers"]
MULTIPART_TYPES = ["mixed", "alternative", "related", "report; report-type=delivery-status", "signed"]
TRANSFER_ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "bogus"]

texts = st.text(max_size=80)
encoded_words = st.builds(
    lambda charset, text: (
        f"=?{charset}?B?{base64.b64encode(text.encode('utf-8', 'surrogatepass')).decode()}?="
    ),
    st.sampled_from(CHARSETS),
    texts,
)
header_values = st.one_of(
    texts,
    encoded_words,
    st.sampled_from(
        ['"Ana" <ana@example.com>', "<>", "<a@b> junk <c@d>", "=?utf-8?q?cut", "group:;", "MAILER-DAEMON"]
    ),
)
header_lines = st.lists(
    st.builds(lambda name, value: f"{name}: {value}", st.sampled_from(FIELD_NAMES), header_values), max_size=6
)


def leaf(content_type: str, charset: str, encoding: str, lines: list[str], body: bytes) -> bytes:
    head = [
        f"Content-Type: {content_type}; charset={charset}; name=file",
        f"Content-Transfer-Encoding: {encoding}",
    ]
    return "\r\n".join(head + lines).encode("utf-8", "surrogatepass") + b"\r\n\r\n" + body


def multipart(subtype: str, parts: list[bytes], closed: bool) -> bytes:
    boundary = b"b%d" % len(b"".join(parts))
    body = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts)
    end = b"--" + boundary + b"--\r\n" if closed else b""
    return f"Content-Type: multipart/{subtype}; boundary={boundary.decode()}\r\n\r\n".encode() + body + end


leaves = st.builds(
    leaf,
    st.sampled_from(LEAF_TYPES),
    st.sampled_from(CHARSETS),
    st.sampled_from(TRANSFER_ENCODINGS),
    header_lines,
    st.binary(max_size=300),
)
mime_parts = st.recursive(
    leaves,
    lambda children: st.builds(
        multipart, st.sampled_from(MULTIPART_TYPES), st.lists(children, max_size=4), st.booleans()
    ),
    max_leaves=8,
)
messages = st.builds(
    lambda lines, part: "\r\n".join(lines).encode("utf-8", "surrogatepass") + b"\r\n" + part,
    header_lines,
    mime_parts,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages)
def test_any_mime_message_reads_as_a_mail_fit_to_keep(raw):
    assert_fit_to_keep(read_mail(raw))


TEN_MEGABYTES = 10 * 1024 * 1024
LINE = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. Äö\n"
# Each shape, and how its text and new text end.
TEN_MEGABYTE_SHAPES = {
    "a reply quoting 10 MB": (CUT_MARK, "Thanks!"),
    "10 MB of HTML": (CUT_MARK, CUT_MARK),
    "a 10 MB attachment": ("See attached.\n\n[1 attachment not kept: big.zip]",) * 2,
}


def ten_megabyte_message(shape: str) -> bytes:
    if shape == "a reply quoting 10 MB":
        return raw_message(body="Thanks!\n\nOn 7 Dec 2026, Support wrote:\n" + ("> " + LINE) * 125_000)
    if shape == "10 MB of HTML":
        paragraph = f'<p class="MsoNormal"><span style="font-family:Calibri">{LINE}</span></p>\n'
        return raw_message(content_type="text/html", body=paragraph * 90_000)
    attachment = base64.encodebytes(bytes(range(256)) * (TEN_MEGABYTES * 3 // 4 // 256)).decode()
    return raw_message(
        content_type="multipart/mixed; boundary=b",
        body=f"--b\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/zip; name=big.zip\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{attachment}\r\n--b--\r\n",
    )


@pytest.mark.parametrize("shape", TEN_MEGABYTE_SHAPES)
def test_a_ten_megabyte_message_is_read(shape, capsys):
    raw = ten_megabyte_message(shape)
    assert len(raw) >= TEN_MEGABYTES
    started = time.perf_counter()
    mail = read_mail(raw)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nread_mail, {shape} ({len(raw) / 1024 / 1024:.1f} MB): {seconds:.2f} s")
    assert_fit_to_keep(mail)
    text_end, new_text_end = TEN_MEGABYTE_SHAPES[shape]
    assert mail.text.endswith(text_end)
    assert mail.new_text.endswith(new_text_end)


def test_a_message_the_email_package_fails_on_comes_back_unreadable_logged_without_its_content(
    monkeypatch, caplog
):
    def fail(message):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(reading, "read_body", fail)
    mail = read_mail(raw_message("From: ana@example.com", body="my password is hunter2"))
    assert (mail.from_address, mail.requester_address, mail.text) == (None, None, UNREADABLE_TEXT)
    assert "RecursionError" in caplog.text
    assert "hunter2" not in caplog.text
