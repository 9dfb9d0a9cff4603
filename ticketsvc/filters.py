"""The category/priority/status filters shared by the ticket list and the stats.

tickets and ticket_counts name these columns alike, so one function serves both.
Statements are built once per shape (which filters are given) with the values as bind
parameters: building and compiling a SQLAlchemy statement costs more than the rollup
queries themselves, and a reused statement skips both.
"""

from sqlalchemy import ColumnElement, Table, bindparam

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
