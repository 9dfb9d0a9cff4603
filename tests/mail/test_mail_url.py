"""MAIL_URL: what each form means, and a clear refusal, without the password, of a malformed one."""

from pathlib import Path

import pytest

from ticketsvc.mail.file_transport import FileTransport
from ticketsvc.mail.smtp_transport import SmtpServer, SmtpTransport
from ticketsvc.mail.transport import DEFAULT_TIMEOUT_S, InvalidMailUrl, transport_for


@pytest.mark.parametrize(
    ("mail_url", "server"),
    [
        ("smtp://localhost", SmtpServer("localhost", 25, implicit_tls=False)),
        ("smtp://relay.example.com:587/", SmtpServer("relay.example.com", 587, implicit_tls=False)),
        ("smtps://smtp.example.com", SmtpServer("smtp.example.com", 465, implicit_tls=True)),
        (
            " smtp://mailer%40example.com:p%3Ass%2F%40%25@smtp.example.com:587 ",
            SmtpServer("smtp.example.com", 587, False, "mailer@example.com", "p:ss/@%"),
        ),
        ("smtps://[::1]:2465", SmtpServer("::1", 2465, implicit_tls=True)),
    ],
)
def test_an_smtp_url_names_the_server_the_tls_and_the_percent_decoded_credentials(mail_url, server):
    transport = transport_for(mail_url)
    assert isinstance(transport, SmtpTransport)
    assert transport.server == server
    assert transport.timeout_s == DEFAULT_TIMEOUT_S == 10


def test_the_timeout_is_the_callers():
    assert transport_for("smtp://localhost", timeout_s=2.5).timeout_s == 2.5


@pytest.mark.parametrize(
    ("mail_url", "directory"),
    [
        ("file:///var/spool/ticketsvc", "/var/spool/ticketsvc"),
        ("file://localhost/tmp/mail%20out", "/tmp/mail out"),
    ],
)
def test_a_file_url_names_an_absolute_directory(mail_url, directory):
    transport = transport_for(mail_url)
    assert isinstance(transport, FileTransport)
    assert transport.directory == Path(directory)


@pytest.mark.parametrize(
    ("mail_url", "complaint"),
    [
        ("", "must start with smtp://, smtps:// or file://"),
        ("http://user:s3cret@mail.example.com", "must start with smtp://, smtps:// or file://"),
        ("mail.example.com:25", "must start with smtp://, smtps:// or file://"),
        ("smtp://", "names no host"),
        ("smtp://user:s3cret@", "names no host"),
        ("smtp://user:s3cret@mail.example.com:99999", "port must be a number from 1 to 65535"),
        ("smtp://user:s3cret@mail.example.com:0", "port must be a number from 1 to 65535"),
        ("smtp://user:s3cret@mail.example.com:smtp", "port must be a number from 1 to 65535"),
        ("smtp://user@mail.example.com", "both a user and a password, or neither"),
        ("smtp://:s3cret@mail.example.com", "both a user and a password, or neither"),
        ("smtp://user:s3cret@mail.example.com/inbox", "nothing after the host and port"),
        ("smtp://user:s3cret@mail.example.com?tls=yes", "nothing after the host and port"),
        ("smtp://user:s3c#ret@mail.example.com", "port must be a number"),
        ("smtp://user:s3cret@[::1", "is not a URL"),
        ("file://var/spool/ticketsvc", "absolute directory"),
        ("file:relative/dir", "absolute directory"),
    ],
)
def test_a_malformed_mail_url_is_refused_saying_why_and_never_repeating_the_password(mail_url, complaint):
    with pytest.raises(InvalidMailUrl, match=complaint) as refusal:
        transport_for(mail_url)
    assert "s3c" not in str(refusal.value)


def test_a_timeout_that_is_not_positive_is_refused():
    with pytest.raises(InvalidMailUrl, match="positive number of seconds"):
        transport_for("smtp://localhost", timeout_s=0)


def test_the_password_is_not_shown_by_the_server_it_belongs_to():
    server = transport_for("smtp://mailer:s3cret@smtp.example.com").server
    assert server.password == "s3cret"
    assert "s3cret" not in repr(server) and "s3cret" not in str(server)
