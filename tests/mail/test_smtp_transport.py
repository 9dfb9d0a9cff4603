"""Delivery to a real SMTP server: what arrives, how each failure is classified, one connection."""

import logging
import socket
import time

import pytest

from tests.mail.samples import composed
from tests.mail.smtp_server import DROP, HOST, SmtpTestServer
from ticketsvc.mail.failures import PermanentFailure, TemporaryFailure
from ticketsvc.mail.transport import transport_for

PASSWORD = "pa:ss@w/rd"
# aiosmtpd's own warning when a test server takes AUTH without its STARTTLS.
AUTH_WITHOUT_STARTTLS = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
# The password as MAIL_URL holds it, percent-encoded.
ENCODED_PASSWORD = "pa%3Ass%40w%2Frd"


def test_a_message_arrives_from_mail_froms_address_to_the_one_recipient(smtp_server):
    message = composed(to_address="ana@example.com")
    with transport_for(smtp_server.url) as transport:
        transport.send(message)
    (received,) = smtp_server.received
    assert received.mail_from == "support@example.com"
    assert received.rcpt_tos == ["ana@example.com"]
    assert received.message["Message-ID"] == message["Message-ID"]
    assert received.message.get_content().splitlines() == message.get_content().splitlines()


def test_one_connection_carries_many_messages(smtp_server):
    with transport_for(smtp_server.url) as transport:
        for number in range(20):
            transport.send(composed(to_address=f"customer{number}@example.com"))
    assert smtp_server.recipients == [[f"customer{number}@example.com"] for number in range(20)]
    assert len({received.peer for received in smtp_server.received}) == 1


def test_a_title_holding_a_bcc_reaches_nobody_else(smtp_server):
    message = composed(subject="[#42] Hi\r\nBcc: eve@example.com", to_name="Ana\r\nCc: eve@example.com")
    with transport_for(smtp_server.url) as transport:
        transport.send(message)
    (received,) = smtp_server.received
    assert received.rcpt_tos == ["ana@example.com"]
    assert "Bcc" not in received.message and "Cc" not in received.message
    assert received.message["Subject"] == "[#42] Hi  Bcc: eve@example.com"


def test_a_refused_recipient_is_a_permanent_failure_in_the_servers_words(smtp_server):
    smtp_server.answers.rcpt["gone@example.com"] = "550 5.1.1 mailbox does not exist"
    with transport_for(smtp_server.url) as transport:
        with pytest.raises(PermanentFailure) as failure:
            transport.send(composed(to_address="gone@example.com"))
        transport.send(composed(to_address="ana@example.com"))
    assert failure.value.reason == "550 5.1.1 mailbox does not exist"
    assert smtp_server.recipients == [["ana@example.com"]]


@pytest.mark.parametrize("stage", ["mail", "rcpt", "data"])
@pytest.mark.parametrize(
    ("answer", "failure_class"),
    [
        ("451 4.3.0 Try again later", TemporaryFailure),
        ("452 4.2.2 Mailbox full", TemporaryFailure),
        ("421 4.3.2 Shutting down", TemporaryFailure),
        ("554 5.7.1 Message refused", PermanentFailure),
        ("552 5.3.4 Message too big", PermanentFailure),
    ],
)
def test_4xx_is_temporary_and_5xx_permanent_at_every_step_of_a_message(
    smtp_server, stage, answer, failure_class
):
    if stage == "rcpt":
        smtp_server.answers.rcpt["ana@example.com"] = answer
    else:
        setattr(smtp_server.answers, stage, answer)
    with transport_for(smtp_server.url) as transport, pytest.raises(failure_class) as failure:
        transport.send(composed())
    assert failure.value.reason == answer
    assert type(failure.value) is failure_class


def test_a_refused_connection_is_temporary_and_delivery_resumes_when_the_server_is_back(smtp_server):
    with transport_for(smtp_server.url) as transport:
        transport.send(composed(to_address="first@example.com"))
        smtp_server.stop()
        with pytest.raises(TemporaryFailure, match="Connection refused"):
            transport.send(composed(to_address="second@example.com"))
        smtp_server.start()
        transport.send(composed(to_address="second@example.com"))
    assert smtp_server.recipients == [["first@example.com"], ["second@example.com"]]


def test_a_connection_the_server_closed_is_opened_again_once(smtp_server, caplog):
    caplog.set_level(logging.INFO)
    with transport_for(smtp_server.url) as transport:
        transport.send(composed(to_address="first@example.com"))
        smtp_server.drop_connections()
        transport.send(composed(to_address="second@example.com"))
    assert smtp_server.recipients == [["first@example.com"], ["second@example.com"]]
    assert len({received.peer for received in smtp_server.received}) == 2
    assert "had closed the connection" in caplog.text


def test_a_server_that_hangs_up_on_every_message_is_a_temporary_failure(smtp_server):
    with transport_for(smtp_server.url) as transport:
        transport.send(composed(to_address="first@example.com"))
        smtp_server.answers.data = DROP
        with pytest.raises(TemporaryFailure, match="closed"):
            transport.send(composed(to_address="second@example.com"))
        with pytest.raises(TemporaryFailure, match="closed"):
            transport.send(composed(to_address="third@example.com"))
    assert len(smtp_server.received) == 1


def test_a_server_that_never_answers_is_a_temporary_failure_after_the_timeout():
    with socket.create_server((HOST, 0)) as silent:
        port = silent.getsockname()[1]
        started = time.monotonic()
        transport = transport_for(f"smtp://{HOST}:{port}", timeout_s=0.5)
        with transport, pytest.raises(TemporaryFailure, match="timed out"):
            transport.send(composed())
        assert time.monotonic() - started < 3


def test_an_unknown_host_is_a_temporary_failure():
    transport = transport_for("smtp://smtp.ticketsvc.invalid")
    with transport, pytest.raises(TemporaryFailure, match=r"^smtp\.ticketsvc\.invalid:25: "):
        transport.send(composed())


def test_credentials_go_after_starttls_percent_decoded(tls_server_context):
    server = SmtpTestServer(credentials=("mailer", PASSWORD), starttls=tls_server_context)
    with server, transport_for(f"smtp://mailer:{ENCODED_PASSWORD}@{HOST}:{server.port}") as transport:
        transport.send(composed())
    (received,) = server.received
    assert received.login == "mailer"
    assert received.rcpt_tos == ["ana@example.com"]


def test_starttls_is_used_when_offered_and_without_a_user_no_auth_is_tried(tls_server_context):
    # This server refuses MAIL FROM before STARTTLS: the arrival shows TLS was started.
    server = SmtpTestServer(starttls=tls_server_context)
    with server, transport_for(server.url) as transport:
        transport.send(composed())
    assert server.login_attempts == []
    assert server.received[0].login is None


def test_refused_credentials_are_temporary_and_the_password_is_never_shown(tls_server_context, caplog):
    caplog.set_level(logging.DEBUG)
    server = SmtpTestServer(credentials=("mailer", "the right one"), starttls=tls_server_context)
    url = f"smtp://mailer:{ENCODED_PASSWORD}@{HOST}:{server.port}"
    with server, transport_for(url) as transport, pytest.raises(TemporaryFailure) as failure:
        transport.send(composed())
    assert failure.value.reason == f"{HOST}:{server.port}: 535 5.7.8 Authentication credentials invalid"
    # smtplib tries each mechanism the server offers (PLAIN, then LOGIN).
    assert server.login_attempts and set(server.login_attempts) == {"mailer"}
    for shown in (str(failure.value), repr(transport.server), caplog.text):
        assert PASSWORD not in shown and ENCODED_PASSWORD not in shown


@AUTH_WITHOUT_STARTTLS
def test_the_password_is_never_sent_to_a_server_without_tls():
    server = SmtpTestServer(credentials=("mailer", PASSWORD), auth_require_tls=False)
    url = f"smtp://mailer:{ENCODED_PASSWORD}@{HOST}:{server.port}"
    with server, transport_for(url) as transport, pytest.raises(TemporaryFailure, match="offers no STARTTLS"):
        transport.send(composed())
    assert server.login_attempts == []


@AUTH_WITHOUT_STARTTLS
def test_smtps_speaks_tls_from_the_first_byte(tls_server_context):
    # aiosmtpd offers AUTH only after its own STARTTLS unless told that TLS is there already.
    server = SmtpTestServer(
        credentials=("mailer", PASSWORD), implicit_tls=tls_server_context, auth_require_tls=False
    )
    with server, transport_for(f"smtps://mailer:{ENCODED_PASSWORD}@{HOST}:{server.port}") as transport:
        transport.send(composed())
    assert server.received[0].login == "mailer"


def test_a_certificate_nobody_vouches_for_is_a_temporary_failure(tls_server_context, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    server = SmtpTestServer(implicit_tls=tls_server_context)
    transport = transport_for(f"smtps://{HOST}:{server.port}")
    with server, transport, pytest.raises(TemporaryFailure, match="CERTIFICATE_VERIFY_FAILED"):
        transport.send(composed())
    assert server.received == []
