"""The tables, one module per group; importing this registers them all with the metadata
(which migrations' autogenerate compares with the database)."""

from ticketsvc.models.tickets import (
    DESCRIPTION_MAX_LENGTH,
    ENUM_MAX_LENGTH,
    SEARCH_CONFIG,
    TITLE_MAX_LENGTH,
    Ticket,
    TicketCount,
)

__all__ = [
    "DESCRIPTION_MAX_LENGTH",
    "ENUM_MAX_LENGTH",
    "SEARCH_CONFIG",
    "TITLE_MAX_LENGTH",
    "Ticket",
    "TicketCount",
]
