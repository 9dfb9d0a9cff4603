"""Fixtures for mail: a real SMTP server on loopback, and certificates for its TLS."""

import ssl

import pytest
import trustme

from tests.mail.smtp_server import HOST, SmtpTestServer


@pytest.fixture
def smtp_server():
    """A plain SMTP server that accepts everything until told otherwise; url is its MAIL_URL."""
    with SmtpTestServer() as server:
        yield server


@pytest.fixture
def tls_server_context(tmp_path, monkeypatch) -> ssl.SSLContext:
    """A server certificate for 127.0.0.1 from a CA of the test's own, which clients trust.

    Clients build ssl.create_default_context(), which reads SSL_CERT_FILE: the operator's
    own knob for a private CA.
    """
    authority = trustme.CA()
    trusted = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(trusted))
    monkeypatch.setenv("SSL_CERT_FILE", str(trusted))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(HOST).configure_cert(context)
    return context
