"""A real SMTP server for the tests: aiosmtpd on a free loopback port, in a thread of its own.

It keeps what it receives (the envelope, the bytes, the parsed message), answers what a
test tells it to instead of 250 (a refused recipient, a 451, a hung-up connection), and
stops and starts again on the same port, like a server that goes down and comes back.
"""

import asyncio
import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

HOST = "127.0.0.1"
# An answer that closes the connection instead of replying, as a crashed or impatient server does.
DROP = "drop the connection"


@dataclass(frozen=True)
class Received:
    """One message as the server accepted it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    # The client's (address, port): messages sent over one connection share it.
    peer: tuple[str, int]
    login: str | None

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)


@dataclass
class Answers:
    """What the server says instead of accepting: an SMTP reply line, or DROP."""

    mail: str | None = None
    rcpt: dict[str, str] = field(default_factory=dict)
    data: str | None = None


class SmtpTestServer:
    """aiosmtpd with the answers, the record and the restart the tests need.

    credentials=(user, password) makes AUTH required; starttls or implicit_tls takes the
    server's ssl.SSLContext (the tls_server fixture makes one).
    """

    def __init__(
        self,
        *,
        credentials: tuple[str, str] | None = None,
        starttls: ssl.SSLContext | None = None,
        implicit_tls: ssl.SSLContext | None = None,
        auth_require_tls: bool = True,
    ) -> None:
        self.port = _free_port()
        self.received: list[Received] = []
        self.answers = Answers()
        self.login_attempts: list[str] = []
        self.credentials = credentials
        self._options = {
            "ssl_context": implicit_tls,
            "tls_context": starttls,
            "require_starttls": starttls is not None,
            "auth_required": credentials is not None,
            "auth_require_tls": auth_require_tls,
            "authenticator": self._authenticate,
        }
        self._controller: _Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://{HOST}:{self.port}"

    @property
    def recipients(self) -> list[list[str]]:
        """The RCPT TO addresses of each message received, in the order they arrived."""
        return [received.rcpt_tos for received in self.received]

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        self._controller = _Controller(
            _Handler(self), hostname=HOST, port=self.port, server_hostname="smtp.test", **self._options
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def drop_connections(self) -> None:
        """Close every open connection from the server's side, as an idle timeout would."""
        controller = self._controller

        async def close_all() -> None:
            for connection in controller.connections:
                if connection.transport is not None:
                    connection.transport.close()

        asyncio.run_coroutine_threadsafe(close_all(), controller.loop).result(timeout=5)

    def __enter__(self) -> "SmtpTestServer":
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.login_attempts.append(login)
        # handled=False: aiosmtpd answers a failure itself (535).
        return AuthResult(success=(login, password) == self.credentials, handled=False, auth_data=auth_data)


class _Controller(Controller):
    """Remembers each connection, so that a test can drop them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.connections: list[SMTP] = []

    def factory(self) -> SMTP:
        connection = super().factory()
        self.connections.append(connection)
        return connection


class _Handler:
    """aiosmtpd's hooks: accept and record, unless the test set another answer."""

    def __init__(self, test_server: SmtpTestServer) -> None:
        self.test_server = test_server

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        answer = self.test_server.answers.mail
        if answer:
            return _answer(server, answer)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.test_server.answers.rcpt.get(address)
        if answer:
            return _answer(server, answer)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        answer = self.test_server.answers.data
        if answer:
            return _answer(server, answer)
        login = session.login_data.decode() if session.authenticated else None
        self.test_server.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, session.peer, login)
        )
        return "250 OK queued"


def _answer(server: SMTP, answer: str) -> str:
    if answer == DROP:
        server.transport.close()
    return answer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]
