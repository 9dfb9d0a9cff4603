"""Who is calling: each request is made by exactly one caller, worked out from what it
carries. A credential that does not hold (unknown or revoked token, ended session, wrong
ticket key) is refused, never read as "no credential": the caller would otherwise be
quietly served as anonymous, and never learn that their token stopped working.
"""

import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from flask import Request, current_app, g

from ticketsvc.accounts import sessions, tokens
from ticketsvc.enums import Role
from ticketsvc.tickets.follow_keys import ticket_opened_by

TICKET_KEY_HEADER = "X-Ticket-Key"


class CallerKind(StrEnum):
    ANONYMOUS = "anonymous"
    CUSTOMER = "customer"  # holds the private key of one ticket
    AGENT = "agent"
    ADMIN = "admin"
    # The MTA or mail provider that hands incoming mail in, with MAIL_INBOUND_TOKEN.
    MAIL_SERVER = "mail_server"


class BadCredentials(Exception):
    """A credential was sent and it does not hold."""


@dataclass(frozen=True)
class Caller:
    kind: CallerKind
    # Agents and admins: a row with id, email, name, role. Any, not "Row | None": the views
    # that read it are for staff only (access.py's table), which mypy cannot know.
    user: Any = None
    session: sessions.Session | None = None  # when signed in through the browser cookie
    token_id: int | None = None  # when signed in with an API token
    ticket_id: int | None = None  # customers: the ticket their key opens

    @property
    def is_staff(self) -> bool:
        return self.user is not None


ANONYMOUS = Caller(CallerKind.ANONYMOUS)
MAIL_SERVER = Caller(CallerKind.MAIL_SERVER)


def identify(request: Request, ticket_id: int | None) -> Caller:
    """The caller of request: an Authorization header, when present, is the credential;
    otherwise the session cookie; otherwise, on the endpoints of ticket_id, its key
    (X-Ticket-Key, ignored anywhere else)."""
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer":
            raise BadCredentials
        if _is_mail_inbound_token(token.strip()):
            return MAIL_SERVER
        user = tokens.find(token.strip())
        return _staff(user, token_id=user and user.token_id)
    cookie = request.cookies.get(sessions.COOKIE_NAME)
    if cookie:
        session = sessions.find(cookie)
        return _staff(session and session.user, session)
    ticket_key = request.headers.get(TICKET_KEY_HEADER) if ticket_id is not None else None
    if ticket_id is not None and ticket_key is not None:
        return Caller(CallerKind.CUSTOMER, ticket_id=_ticket_opened_by(ticket_key, ticket_id))
    return ANONYMOUS


def _is_mail_inbound_token(token: str) -> bool:
    expected = current_app.config["MAIL_INBOUND_TOKEN"]
    return expected is not None and hmac.compare_digest(
        expected.encode(), token.encode("utf-8", "surrogatepass")
    )


def current_caller() -> Caller:
    """The caller of the request being served (set before any view runs)."""
    return g.caller


def _staff(user, session: sessions.Session | None = None, token_id: int | None = None) -> Caller:
    if user is None:
        raise BadCredentials
    kind = CallerKind.ADMIN if user.role == Role.ADMIN else CallerKind.AGENT
    return Caller(kind, user=user, session=session, token_id=token_id)


def _ticket_opened_by(key: str, ticket_id: int) -> int:
    opened = ticket_opened_by(key, ticket_id)
    if opened is None:
        raise BadCredentials
    return opened
