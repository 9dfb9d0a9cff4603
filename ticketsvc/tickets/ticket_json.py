"""Tickets as JSON without marshmallow: dicts for reads and changes, JSON text written by
PostgreSQL for pages of them.

TicketSchema still describes them (OpenAPI); dumping through it took five times as long
per ticket, and a page of 20 more than the page's SQL
(docs/decisions/025-responses-serialized-without-marshmallow.md). Building a page's dicts
in Python, its timestamps above all, still cost more than PostgreSQL takes to write the
same JSON (docs/decisions/048-list-pages-written-by-postgresql-in-one-round-trip.md).
The fields and the timestamp format are read from TicketSchema, and a test compares the
three outputs.
"""

from collections.abc import Mapping

from sqlalchemy import ColumnElement, Text, cast, func, literal_column

from ticketsvc.api.fields import POSTGRESQL_TIMESTAMP_FORMAT, UtcDateTime, utc_iso
from ticketsvc.tickets.schemas import TicketSchema

_FIELDS = TicketSchema().dump_fields
_TIMESTAMPS = frozenset(name for name, field in _FIELDS.items() if isinstance(field, UtcDateTime))
_UTC: ColumnElement[str] = literal_column("'UTC'")
_TIMESTAMP_FORMAT: ColumnElement[str] = literal_column(f"'{POSTGRESQL_TIMESTAMP_FORMAT}'")


def ticket_json(row) -> dict:
    """What TicketSchema().dump(row) gives, in the same key order, without marshmallow."""
    values = row._mapping
    return {name: utc_iso(values[name]) if name in _TIMESTAMPS else values[name] for name in _FIELDS}


def ticket_json_text(columns: Mapping[str, ColumnElement]) -> ColumnElement[str]:
    """What ticket_json gives, as JSON text written by PostgreSQL, from the columns that
    hold each field (by its name)."""
    pairs: list[ColumnElement] = []
    for name in _FIELDS:
        value = columns[name]
        if name in _TIMESTAMPS:
            value = func.to_char(func.timezone(_UTC, value), _TIMESTAMP_FORMAT)
        # The names as literals, not bind parameters: the statement's text stays the same.
        pairs += [literal_column(f"'{name}'"), value]
    return cast(func.json_build_object(*pairs), Text)
