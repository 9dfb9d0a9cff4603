"""Delivery over SMTP: one connection kept for many messages, every failure classified.

The connection opens with the first message and stays open until the transport is closed,
so a worker pays the greeting, STARTTLS and AUTH once, not per message. A server that
closed it while it sat idle is noticed on the next message, which then gets one fresh
connection.
"""

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Self

from ticketsvc.mail.failures import DeliveryFailure, PermanentFailure, TemporaryFailure

log = logging.getLogger(__name__)

# How a kept connection shows that the server has closed it.
_DROPPED = (smtplib.SMTPServerDisconnected, ConnectionError)
# Answers about this message itself (MAIL FROM, RCPT TO, DATA); smtplib resets the
# transaction after them and the connection stays usable.
_REFUSED = (smtplib.SMTPSenderRefused, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


@dataclass(frozen=True)
class SmtpServer:
    """Where MAIL_URL says to deliver; the password is never shown (repr, messages, logs)."""

    host: str
    port: int
    implicit_tls: bool
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


class SmtpTransport:
    """A context manager that delivers messages over one SMTP connection."""

    def __init__(self, server: SmtpServer, timeout_s: float) -> None:
        self.server = server
        # Bounds each wait: connecting, the TLS handshake, and every answer of the server.
        self.timeout_s = timeout_s
        self._connection: smtplib.SMTP | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Say QUIT and hang up, if a connection is open."""
        if self._connection is None:
            return
        connection, self._connection = self._connection, None
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()

    def send(self, message: EmailMessage) -> None:
        """Deliver message from its From address to its To address.

        Raises TemporaryFailure or PermanentFailure, with the server's own words when it
        answered.
        """
        sender = message["From"].addresses[0].addr_spec
        recipient = message["To"].addresses[0].addr_spec
        reusing = self._connection is not None
        try:
            try:
                self._deliver(message, sender, recipient)
            except _DROPPED:
                if not reusing:
                    raise
                log.info("SMTP server %s had closed the connection; opening a new one", self.server)
                self._hang_up()
                self._deliver(message, sender, recipient)
        except _REFUSED as error:
            raise _refusal(error) from error
        except (smtplib.SMTPException, OSError) as error:
            self._hang_up()
            raise TemporaryFailure(f"{self.server}: {_describe(error)}") from error

    def _deliver(self, message: EmailMessage, sender: str, recipient: str) -> None:
        if self._connection is None:
            self._connection = self._connect()
        self._connection.send_message(message, from_addr=sender, to_addrs=[recipient])

    def _connect(self) -> smtplib.SMTP:
        server = self.server
        tls = ssl.create_default_context()
        connection: smtplib.SMTP
        if server.implicit_tls:
            connection = smtplib.SMTP_SSL(server.host, server.port, timeout=self.timeout_s, context=tls)
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=self.timeout_s)
        try:
            connection.ehlo_or_helo_if_needed()
            encrypted = server.implicit_tls
            if not encrypted and connection.has_extn("starttls"):
                connection.starttls(context=tls)
                encrypted = True
            # Both or neither: transport.py refuses a MAIL_URL with only one.
            if server.username and server.password:
                if not encrypted:
                    raise TemporaryFailure(
                        f"{server}: offers no STARTTLS; the password is not sent unencrypted"
                    )
                connection.login(server.username, server.password)
        except BaseException:
            connection.close()
            raise
        return connection

    def _hang_up(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _refusal(error: smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException) -> DeliveryFailure:
    """5xx to MAIL FROM, RCPT TO or DATA will never change; anything else may."""
    text: bytes | str
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
    else:
        code, text = error.smtp_code, error.smtp_error
    reason = _server_words(code, text)
    return PermanentFailure(reason) if 500 <= code < 600 else TemporaryFailure(reason)


def _server_words(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join([str(code), *text.split()])


def _describe(error: smtplib.SMTPException | OSError) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return _server_words(error.smtp_code, error.smtp_error)
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
