"""Fixtures for mail: a real SMTP server and a real IMAP server (Dovecot) on loopback, and
certificates for their TLS."""

import ssl
import threading

import pytest
import sqlalchemy as sa
import trustme

from tests.conftest import TEST_MAIL_INBOUND_TOKEN, client_of
from tests.mail.dovecot import dovecot_serving
from tests.mail.smtp_server import HOST, Answers, SmtpTestServer
from tests.staff import ADMIN, AGENT
from tests.system_tools import require_binary
from ticketsvc.extensions import db
from ticketsvc.jobs import worker


@pytest.fixture
def smtp_server():
    """A plain SMTP server that accepts everything until told otherwise; url is its MAIL_URL."""
    with SmtpTestServer() as server:
        yield server


@pytest.fixture
def trusted_authority(tmp_path, monkeypatch) -> trustme.CA:
    """A CA of the test's own, which clients trust.

    Clients build ssl.create_default_context(), which reads SSL_CERT_FILE: the operator's
    own knob for a private CA.
    """
    authority = trustme.CA()
    trusted = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(trusted))
    monkeypatch.setenv("SSL_CERT_FILE", str(trusted))
    return authority


@pytest.fixture
def tls_server_context(trusted_authority) -> ssl.SSLContext:
    """A server certificate for 127.0.0.1 from trusted_authority."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trusted_authority.issue_cert(HOST).configure_cert(context)
    return context


MAIL_FROM = "Support <support@example.test>"
# The inbound mail door, and what an MTA sends with a message.
DOOR = "/api/mail/inbound/"
RAW = {"Content-Type": "message/rfc822", "Authorization": f"Bearer {TEST_MAIL_INBOUND_TOKEN}"}
PUBLIC_URL = "https://support.example.test"


@pytest.fixture(scope="session")
def shared_smtp_server():
    """One SMTP server for the tests of a whole run that only read what it received."""
    with SmtpTestServer() as server:
        yield server


@pytest.fixture(scope="session")
def mail_app_on(make_app, migrated_app, shared_smtp_server):
    """An app whose changes queue mail, delivered to shared_smtp_server."""
    return make_app(MAIL_URL=shared_smtp_server.url, MAIL_FROM=MAIL_FROM, PUBLIC_URL=PUBLIC_URL)


@pytest.fixture
def mail_app(app, mail_app_on, shared_smtp_server):
    """mail_app_on on emptied tables, its SMTP server emptied and answering 250 again."""
    shared_smtp_server.received.clear()
    shared_smtp_server.answers = Answers()
    if not shared_smtp_server.running:
        shared_smtp_server.start()
    return mail_app_on


@pytest.fixture
def mail_agent(mail_app):
    """The test agent (Dana, id 1), with mail on."""
    return client_of(mail_app, AGENT)


@pytest.fixture
def mail_admin(mail_app):
    """The test admin (Ada, id 2), with mail on."""
    return client_of(mail_app, ADMIN)


@pytest.fixture
def outbox(mail_app):
    """outbox() → every outgoing_mail row, oldest first."""

    def rows():
        with mail_app.app_context():
            return db.session.execute(sa.text("SELECT * FROM outgoing_mail ORDER BY id")).all()

    return rows


@pytest.fixture
def run_worker(mail_app):
    """run_worker() → the worker's passes until nothing is due, as `flask worker --until-idle`."""

    def run():
        with mail_app.app_context():
            worker.run(threading.Event(), until_idle=True)

    return run


@pytest.fixture
def hand_in(mail_app):
    """hand_in(raw) → the door's answer, as an MTA posts it."""
    door = mail_app.test_client()

    def post(raw: bytes, headers: dict | None = None):
        return door.post(DOOR, data=raw, headers=headers or RAW)

    return post


@pytest.fixture
def sent(mail_app, run_worker):
    """sent(ticket_id, kind) → the Message-ID of the mail of that kind sent about the ticket."""

    def message_id(ticket_id: int, kind: str) -> str:
        run_worker()
        with mail_app.app_context():
            return db.session.execute(
                sa.text("SELECT message_id FROM outgoing_mail WHERE ticket_id = :t AND kind = :k"),
                {"t": ticket_id, "k": kind},
            ).scalar_one()

    return message_id


@pytest.fixture(scope="session")
def dovecot_binary() -> str:
    return require_binary("dovecot", "dovecot-imapd")


@pytest.fixture
def dovecot(dovecot_binary, trusted_authority):
    """A real Dovecot of this test's own (tests/mail/dovecot.py), its CA trusted by the app."""
    with dovecot_serving(dovecot_binary, trusted_authority) as server:
        yield server
