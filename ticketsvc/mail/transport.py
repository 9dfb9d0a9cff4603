"""The transport MAIL_URL names: smtp://, smtps:// or file://.

    smtp://[user:password@]host[:port]   port 25 by default; STARTTLS when the server offers it
    smtps://[user:password@]host[:port]  port 465 by default; TLS from the first byte
    file:///absolute/directory           each message one .eml file

User and password are percent-decoded (write @ as %40, : as %3A, / as %2F). With a user,
the password goes only over TLS. Certificates are checked against the system's CAs, or
the file SSL_CERT_FILE names.
"""

from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

from ticketsvc.mail.file_transport import FileTransport
from ticketsvc.mail.smtp_transport import SmtpServer, SmtpTransport

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
EXAMPLE = "smtp://user:password@smtp.example.com:587"


class InvalidMailUrl(ValueError):
    """MAIL_URL cannot be used; the message says why and never repeats the password."""


def transport_for(mail_url: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> SmtpTransport | FileTransport:
    """The transport for mail_url, or InvalidMailUrl.

    Building one opens no connection and writes no file, so the config calls this at
    start-up to refuse a malformed MAIL_URL before anything is queued.
    """
    if timeout_s <= 0:
        raise InvalidMailUrl(f"the mail timeout must be a positive number of seconds, not {timeout_s}")
    try:
        url = urlsplit(mail_url.strip())
    except ValueError:
        raise InvalidMailUrl(f"MAIL_URL is not a URL; write it like {EXAMPLE}") from None
    if url.scheme == "file":
        return FileTransport(_directory(url))
    if url.scheme in DEFAULT_PORTS:
        return SmtpTransport(_smtp_server(url), timeout_s)
    raise InvalidMailUrl(
        f"MAIL_URL must start with smtp://, smtps:// or file://, not {url.scheme or 'nothing'}"
    )


def _smtp_server(url: SplitResult) -> SmtpServer:
    if not url.hostname:
        raise InvalidMailUrl(f"MAIL_URL names no host; write it like {EXAMPLE}")
    try:
        port = DEFAULT_PORTS[url.scheme] if url.port is None else url.port
    except ValueError:
        port = 0
    if not 0 < port < 65536:
        raise InvalidMailUrl("MAIL_URL's port must be a number from 1 to 65535")
    if url.path not in ("", "/") or url.query or url.fragment:
        raise InvalidMailUrl(
            f"MAIL_URL takes nothing after the host and port; a / ? or # in a password is written"
            f" %2F %3F %23 ({EXAMPLE})"
        )
    username = unquote(url.username) if url.username else None
    password = unquote(url.password) if url.password else None
    if bool(username) != bool(password):
        raise InvalidMailUrl("MAIL_URL must give both a user and a password, or neither")
    return SmtpServer(url.hostname, port, url.scheme == "smtps", username, password)


def _directory(url: SplitResult) -> Path:
    directory = unquote(url.path)
    if url.netloc not in ("", "localhost") or not directory.startswith("/") or url.query or url.fragment:
        raise InvalidMailUrl("a file MAIL_URL names an absolute directory, like file:///var/spool/ticketsvc")
    return Path(directory)
