"""The category/priority/status filters shared by the ticket list and the stats, and the
exact count of the tickets they select.

tickets and ticket_counts name these columns alike, so one function serves both.
Statements are built once per shape (which filters are given) with the values as bind
parameters: building and compiling a SQLAlchemy statement costs more than the rollup
queries themselves, and a reused statement skips both.
"""

from functools import cache

from sqlalchemy import ColumnElement, Table, bindparam, func, select

from ticketsvc.extensions import db
from ticketsvc.models import TicketCount

ticket_counts = TicketCount.__table__

FILTER_NAMES = ("category", "priority", "status")


def filters_given(filters: dict) -> tuple[str, ...]:
    """The names of the filters that have values: the shape of a filtered statement."""
    return tuple(name for name in FILTER_NAMES if filters.get(name))


def filter_conditions(table: Table, names: tuple[str, ...]) -> list[ColumnElement[bool]]:
    """``column IN (:name)`` for each named filter; repeated values mean "any of"."""
    return [table.c[name].in_(bindparam(name, expanding=True)) for name in names]


def filter_values(filters: dict) -> dict[str, list[str]]:
    """The bind parameters for filter_conditions()."""
    return {name: filters[name] for name in filters_given(filters)}


def count_tickets(filters: dict) -> int:
    """Exact, from the rollup: a sum over at most 768 rows whatever the table's size."""
    count = db.session.scalar(rollup_count_statement(filters_given(filters)), filter_values(filters))
    return int(count)  # sum() of bigint is numeric


@cache
def rollup_count_statement(shape: tuple[str, ...]):
    return select(func.coalesce(func.sum(ticket_counts.c.ticket_count), 0)).where(
        *filter_conditions(ticket_counts, shape)
    )
