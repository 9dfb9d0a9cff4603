"""The category/priority/status filters shared by the ticket list and the stats.

tickets and ticket_counts name these columns alike, so one function serves both.
"""

from sqlalchemy import ColumnElement, Table

FILTER_NAMES = ("category", "priority", "status")


def filter_conditions(table: Table, filters: dict) -> list[ColumnElement[bool]]:
    """``column IN (values)`` for every filter given; repeated values mean "any of"."""
    return [table.c[name].in_(filters[name]) for name in FILTER_NAMES if filters.get(name)]
