"""The orderings a ticket list accepts: by severity and workflow rank, not alphabetically,
or by an instant, with ties broken by id in the same direction so pages never repeat or
skip a ticket. Each instant has an index of (instant, id) to walk."""

from sqlalchemy import case

from ticketsvc.enums import Priority, Status
from ticketsvc.models import Ticket

tickets = Ticket.__table__

RANKS = {
    "priority": case({p.value: rank for rank, p in enumerate(Priority)}, value=tickets.c.priority),
    "status": case({s.value: rank for rank, s in enumerate(Status)}, value=tickets.c.status),
    "created_at": tickets.c.created_at,
    "last_activity_at": tickets.c.last_activity_at,
    "last_customer_message_at": tickets.c.last_customer_message_at,
}


def order_by(ordering: str):
    return ordered(ordering, sort_key(ordering), tickets.c.id)


def sort_key(ordering: str):
    """What the ordering sorts tickets by before their id, in either direction."""
    return RANKS[ordering.lstrip("-")]


def ordered(ordering: str, key, id_column):
    """ORDER BY key, then id_column, in the ordering's direction (for tickets, or for a
    subquery holding each ticket's sort_key and id)."""
    if ordering.startswith("-"):
        return key.desc(), id_column.desc()
    return key.asc(), id_column.asc()
