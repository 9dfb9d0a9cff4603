"""Which parts make the text and how the others are named (the fixture corpus shows
whole messages; these are the rules one at a time)."""

import uuid
from email.parser import BytesParser

from tests.mail.raw_messages import raw_message
from ticketsvc.mail.body_text import READ_LIMIT, read_body
from ticketsvc.mail.headers import POLICY
from ticketsvc.mail.kept_text import CUT_MARK
from ticketsvc.mail.reading import read_mail


def multipart(subtype: str, *parts: str) -> tuple[str, str]:
    """(content type, body) of a multipart holding the parts (each headers, blank line, body)."""
    boundary = uuid.uuid4().hex
    body = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts) + f"--{boundary}--\r\n"
    return f'multipart/{subtype}; boundary="{boundary}"', body


def test_an_alternative_whose_plain_text_is_blank_is_read_from_its_html():
    content_type, body = multipart(
        "alternative",
        "Content-Type: text/plain; charset=utf-8\r\n\r\n \r\n",
        "Content-Type: text/html; charset=utf-8\r\n\r\n<p>The <b>real</b> text</p>",
    )
    assert read_mail(raw_message(content_type=content_type, body=body)).text == "The real text"


def test_an_attachment_without_a_name_is_named_by_its_number_and_type():
    content_type, body = multipart(
        "mixed",
        "Content-Type: text/plain\r\n\r\nSee the files.",
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4",
        "Content-Type: image/jpeg\r\nContent-Disposition: inline\r\n\r\nJFIF",
        "Content-Type: application/x-no-such-type\r\n\r\n??",
        "Content-Type: text/plain; name=notes.txt\r\n\r\nnotes",
    )
    mail = read_mail(raw_message(content_type=content_type, body=body))
    assert mail.attachments == ("attachment-1.pdf", "attachment-2.jpg", "attachment-3.bin", "notes.txt")
    assert mail.text == (
        "See the files.\n\n[4 attachments not kept: attachment-1.pdf, attachment-2.jpg, attachment-3.bin,"
        " notes.txt]"
    )


def test_a_message_that_is_a_file_keeps_only_the_note():
    message = raw_message(
        "Content-Disposition: attachment; filename=scan.pdf", content_type="application/pdf", body=b"%PDF"
    )
    mail = read_mail(message)
    assert (mail.text, mail.new_text) == ("[1 attachment not kept: scan.pdf]",) * 2


def parse(message: bytes):
    return BytesParser(policy=POLICY).parsebytes(message)


def test_text_past_the_read_limit_is_not_read_and_the_body_says_so():
    line = "0123456789 abcdefghij\n"
    content_type, body = multipart(
        "mixed",
        "Content-Type: text/plain\r\n\r\n" + line * (READ_LIMIT // len(line) + 10),
        "Content-Type: text/plain\r\n\r\nnever read",
    )
    read = read_body(parse(raw_message(content_type=content_type, body=body)))
    assert read.truncated
    assert len(read.text) <= READ_LIMIT
    assert read.text.endswith("abcdefghij")
    assert "never read" not in read.text


def test_html_cut_at_the_read_limit_is_marked_cut_though_its_text_is_short():
    markup = '<span style="font-family:Calibri,sans-serif;color:#1F497D"></span>\n' * (READ_LIMIT // 60)
    message = raw_message(content_type="text/html", body=f"<p>Printer on fire</p>\n{markup}<p>the end</p>")
    mail = read_mail(message)
    assert (mail.text, mail.new_text) == (f"Printer on fire {CUT_MARK}",) * 2


def test_parts_nested_deeper_than_real_mail_are_ignored():
    content_type, body = "text/plain", "deep down"
    for _level in range(60):
        content_type, body = multipart("mixed", f"Content-Type: {content_type}\r\n\r\n{body}")
    assert read_mail(raw_message(content_type=content_type, body=body)).text == "(no text)"
