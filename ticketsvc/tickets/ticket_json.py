"""Tickets as JSON-ready dicts without marshmallow, for lists, reads and changes.

TicketSchema still describes them (OpenAPI); dumping through it took five times as long
per ticket, and a page of 20 more than the page's SQL
(docs/decisions/025-responses-serialized-without-marshmallow.md).
The fields and the timestamp format are read from TicketSchema, and a test compares the
two outputs.
"""

from ticketsvc.api.fields import UtcDateTime, utc_iso
from ticketsvc.tickets.schemas import TicketSchema

_FIELDS = TicketSchema().dump_fields
_TIMESTAMPS = frozenset(name for name, field in _FIELDS.items() if isinstance(field, UtcDateTime))


def ticket_json(row) -> dict:
    """What TicketSchema().dump(row) gives, in the same key order, without marshmallow."""
    values = row._mapping
    return {name: utc_iso(values[name]) if name in _TIMESTAMPS else values[name] for name in _FIELDS}
