"""The filters shared by the ticket list and the stats, and the exact count of the
tickets they select.

category, priority and status are columns of tickets and of both rollups alike; so is
waiting (the list's only; the column waiting_on, which the rollups key '' for nobody);
assignee (the list's only) is a user id, 0 standing for nobody, as the assignee rollup and
the index ix_tickets_assignee_created_at_id key it. Statements are built once per shape
(which filters are given) with the values as bind parameters: building and compiling a
SQLAlchemy statement costs more than the rollup queries themselves.
"""

from functools import cache

from sqlalchemy import ColumnElement, Table, bindparam, func, literal_column, select

from ticketsvc.extensions import db
from ticketsvc.models import Ticket, TicketAssigneeCount, TicketCount

tickets = Ticket.__table__
ticket_counts = TicketCount.__table__
assignee_counts = TicketAssigneeCount.__table__

FILTER_NAMES = ("category", "priority", "status", "assignee", "waiting")
NO_ASSIGNEE_ID = 0


def filters_given(filters: dict) -> tuple[str, ...]:
    """The names of the filters that have values: the shape of a filtered statement."""
    return tuple(name for name in FILTER_NAMES if filters.get(name))


def filter_conditions(table: Table, names: tuple[str, ...]) -> list[ColumnElement[bool]]:
    """``column IN (:name)`` for each named filter; repeated values mean "any of"."""
    return [_filtered_column(table, name).in_(bindparam(name, expanding=True)) for name in names]


def filter_values(filters: dict) -> dict[str, list]:
    """The bind parameters for filter_conditions()."""
    return {name: filters[name] for name in filters_given(filters)}


def count_tickets(filters: dict) -> int:
    """Exact, from a rollup: a sum over a few hundred rows whatever the table's size."""
    count = db.session.scalar(rollup_count_statement(filters_given(filters)), filter_values(filters))
    return int(count)  # sum() of bigint is numeric


@cache
def rollup_count_statement(shape: tuple[str, ...]):
    """The count of the tickets a shape selects, from the rollup that holds its filters."""
    rollup = assignee_counts if "assignee" in shape else ticket_counts
    return select(func.coalesce(func.sum(rollup.c.ticket_count), 0)).where(*filter_conditions(rollup, shape))


def _filtered_column(table: Table, name: str):
    if name == "assignee" and table is tickets:
        # The very expression of ix_tickets_assignee_created_at_id, so lists walk it.
        return func.coalesce(tickets.c.assignee_id, literal_column("0::bigint"))
    if name == "assignee":
        return table.c.assignee_id
    if name == "waiting":
        return table.c.waiting_on
    return table.c[name]
