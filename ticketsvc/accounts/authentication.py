"""Who is calling: each request is made by exactly one caller, worked out from what it
carries. A credential that does not hold (unknown or revoked token, ended session, wrong
ticket key) is refused, never read as "no credential": the caller would otherwise be
quietly served as anonymous, and never learn that their token stopped working.
"""

from dataclasses import dataclass
from enum import StrEnum

from flask import Request, g

from ticketsvc.accounts import sessions, tokens
from ticketsvc.accounts.credentials import digest
from ticketsvc.enums import Role
from ticketsvc.extensions import db
from ticketsvc.models import Ticket

TICKET_KEY_HEADER = "X-Ticket-Key"
tickets = Ticket.__table__


class CallerKind(StrEnum):
    ANONYMOUS = "anonymous"
    CUSTOMER = "customer"  # holds the private key of one ticket
    AGENT = "agent"
    ADMIN = "admin"


class BadCredentials(Exception):
    """A credential was sent and it does not hold."""


@dataclass(frozen=True)
class Caller:
    kind: CallerKind
    user: object = None  # agents and admins: a row with id, email, name, role
    session: sessions.Session | None = None  # when signed in through the browser cookie
    token_id: int | None = None  # when signed in with an API token
    ticket_id: int | None = None  # customers: the ticket their key opens

    @property
    def is_staff(self) -> bool:
        return self.user is not None


ANONYMOUS = Caller(CallerKind.ANONYMOUS)


def identify(request: Request, ticket_endpoint: bool) -> Caller:
    """The caller of request: an Authorization header, when present, is the credential;
    otherwise the session cookie; otherwise, on a ticket's own endpoints, its key
    (X-Ticket-Key, ignored anywhere else)."""
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        user = tokens.find(token.strip()) if scheme.lower() == "bearer" else None
        return _staff(user, token_id=user and user.token_id)
    cookie = request.cookies.get(sessions.COOKIE_NAME)
    if cookie:
        session = sessions.find(cookie)
        return _staff(session and session.user, session)
    ticket_key = request.headers.get(TICKET_KEY_HEADER) if ticket_endpoint else None
    if ticket_key is not None:
        return Caller(CallerKind.CUSTOMER, ticket_id=_ticket_opened_by(ticket_key))
    return ANONYMOUS


def current_caller() -> Caller:
    """The caller of the request being served (set before any view runs)."""
    return g.caller


def _staff(user, session: sessions.Session | None = None, token_id: int | None = None) -> Caller:
    if user is None:
        raise BadCredentials
    kind = CallerKind.ADMIN if user.role == Role.ADMIN else CallerKind.AGENT
    return Caller(kind, user=user, session=session, token_id=token_id)


def _ticket_opened_by(key: str) -> int:
    """The ticket a key opens (one lookup of uq_tickets_access_key_digest)."""
    ticket_id = db.session.scalar(
        tickets.select().with_only_columns(tickets.c.id).where(tickets.c.access_key_digest == digest(key))
    )
    if ticket_id is None:
        raise BadCredentials
    return ticket_id
