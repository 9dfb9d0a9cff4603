"""A ticket's private key: the customer's credential for that ticket (X-Ticket-Key), and
what the follow link in every mail to them carries (PUBLIC_URL/follow/<id>#<key>).

The key is derived from SECRET_KEY and the ticket's follow_salt (accounts/derived_secrets.py),
so mail can carry it while only its digest is stored. The digest of the key as first made
opens the ticket too: a link sent before SECRET_KEY changed keeps working.
"""

import uuid

from sqlalchemy import select

from ticketsvc.accounts.credentials import digest
from ticketsvc.accounts.derived_secrets import derived_secret, derives, new_derived_secret
from ticketsvc.extensions import db
from ticketsvc.models import Ticket

PURPOSE = "follow-link"
tickets = Ticket.__table__


def new_follow_key() -> tuple[uuid.UUID, str, bytes]:
    """(the ticket's follow_salt, its key, the key's digest to store)."""
    return new_derived_secret(PURPOSE)


def follow_key(salt: uuid.UUID) -> str:
    return derived_secret(PURPOSE, salt)


def ticket_opened_by(key: str, ticket_id: int) -> int | None:
    """The ticket key opens: the one whose stored digest it matches (one lookup of
    uq_tickets_access_key_digest), else ticket_id if key is derived from its salt under
    the current SECRET_KEY; None when it opens neither."""
    opened = db.session.scalar(select(tickets.c.id).where(tickets.c.access_key_digest == digest(key)))
    if opened is not None:
        return opened
    salt = db.session.scalar(select(tickets.c.follow_salt).where(tickets.c.id == ticket_id))
    return ticket_id if salt is not None and derives(PURPOSE, salt, key) else None
