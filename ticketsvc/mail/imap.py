"""The IMAP door: read a mailbox's unseen messages, file each, then mark it seen.

A message is marked seen only once it is filed (committed): a failure in between leaves it
unseen, to be fetched again, and filing it twice makes nothing twice (a duplicate). A
message whose filing fails (a bug) stays unseen and the fetch goes on with the next one:
one such message must neither hold back the mailbox nor stop the worker that reads it.
Each fetch is recorded (mail_fetch_state) for the admins' mail status, its error included;
the database being unavailable ends the fetch with DATABASE_UNAVAILABLE instead, which the
caller waits out.
"""

import imaplib
import logging
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from flask import current_app
from sqlalchemy import func, update

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.enums import MailDoor
from ticketsvc.extensions import db
from ticketsvc.mail import inbound
from ticketsvc.models import MailFetchState

logger = logging.getLogger(__name__)
fetch_state = MailFetchState.__table__

DEFAULT_PORTS = {"imap": 143, "imaps": 993}
EXAMPLE = "imaps://user:password@imap.example.com/INBOX"
MALFORMED = f"MAIL_IMAP_URL must look like {EXAMPLE}, with @ / : % percent-encoded in the user and password"


class InvalidImapUrl(ValueError):
    """MAIL_IMAP_URL cannot be used; the message never repeats the password."""


@dataclass(frozen=True)
class Fetched:
    """What one fetch came to: the messages filed, and what went wrong (None: nothing)."""

    filed: int
    error: str | None


def fetch() -> Fetched:
    """File every unseen message of MAIL_IMAP_URL's mailbox, each marked seen once filed."""
    filed, errors = 0, []
    try:
        with mailbox(current_app.config["MAIL_IMAP_URL"], current_app.config["MAIL_TIMEOUT_S"]) as imap:
            for uid in _unseen(imap):
                raw = _message(imap, uid)
                if raw is None:  # deleted since the search, by someone else's mail client
                    continue
                try:
                    _file(raw)
                except DATABASE_UNAVAILABLE:
                    raise
                except Exception as failure:  # a bug of ours: see the module's docstring
                    unfiled = f"the message with UID {uid} could not be filed"
                    logger.exception("mail fetch: %s", unfiled)
                    errors.append(f"{unfiled}: {_described(failure)}")
                    continue
                imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
                filed += 1
    except (imaplib.IMAP4.error, OSError, InvalidImapUrl) as failure:
        errors.append(_described(failure))
        logger.warning("mail fetch failed after %s messages: %s", filed, errors[-1])
    error = "; ".join(errors) or None
    db.session.execute(update(fetch_state).values(last_fetch_at=func.now(), last_error=error))
    db.session.commit()
    return Fetched(filed, error)


@contextmanager
def mailbox(url: str, timeout_s: float) -> Iterator[imaplib.IMAP4]:
    """The mailbox url names, signed in and selected (read-write: seen flags are set)."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or not parts.username:
        raise InvalidImapUrl(MALFORMED)
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:  # its message quotes the "port": after an unencoded '@', the password
        raise InvalidImapUrl(MALFORMED) from None
    context = ssl.create_default_context()
    imap: imaplib.IMAP4
    if parts.scheme == "imaps":
        imap = imaplib.IMAP4_SSL(parts.hostname, port, ssl_context=context, timeout=timeout_s)
    else:
        imap = imaplib.IMAP4(parts.hostname, port, timeout=timeout_s)
        if "STARTTLS" not in imap.capabilities:
            imap.shutdown()
            raise imaplib.IMAP4.error("the server offers no STARTTLS: the password is not sent in the clear")
        imap.starttls(ssl_context=context)
    try:
        imap.login(unquote(parts.username), unquote(parts.password or ""))
        folder = unquote(parts.path.lstrip("/")) or "INBOX"
        status, _ = imap.select(_quoted(folder))
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot open the folder {folder!r}")
        yield imap
    finally:
        with suppress(imaplib.IMAP4.error, OSError):
            imap.logout()


def _file(raw: bytes) -> None:
    """File the message; one too large is kept as far as MAIL_MAX_BYTES, for an admin, and
    marked seen like any other: fetching it again would never go better."""
    try:
        inbound.receive(raw, MailDoor.IMAP)
    except inbound.MessageTooLarge:
        inbound.keep_unfiled(raw, MailDoor.IMAP, "larger than MAIL_MAX_BYTES: only its beginning is kept")


def _unseen(imap: imaplib.IMAP4) -> list[str]:
    """The UIDs of the unseen messages (digits: ASCII)."""
    _, found = imap.uid("SEARCH", "UNSEEN")
    return found[0].decode("ascii").split() if found and found[0] else []


def _message(imap: imaplib.IMAP4, uid: str) -> bytes | None:
    """The raw message, read without marking it seen (BODY.PEEK); None once it is gone."""
    _, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    return next((part[1] for part in parts if isinstance(part, tuple)), None)


def _described(failure: Exception) -> str:
    """The failure in words; imaplib's errors carry the server's answer as bytes."""
    if isinstance(failure, imaplib.IMAP4.error):
        answer = failure.args[0] if failure.args else ""
        answer = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
        return f"IMAP: {answer}"
    return f"{type(failure).__name__}: {failure}"


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
