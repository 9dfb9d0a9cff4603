"""Who changes a ticket, told to the history triggers; and a ticket's history, read back.

The entries themselves are written by triggers (migration 0005) in the same transaction as
the change: every write path, bulk SQL and COPY included, records history without being
asked, and none can forget to. What a trigger cannot know is who is writing, so each
transaction says so with set_config('ticketsvc.actor', …, true), and one that does not is
refused. A request's single statement carries it in the same round trip (WRITES_AS,
connections.py); jobs set it at the start of their transaction.
"""

import json
from dataclasses import dataclass

from ticketsvc.api.fields import POSTGRESQL_TIMESTAMP_FORMAT
from ticketsvc.api.pagination import page_offset
from ticketsvc.enums import HistoryActorKind
from ticketsvc.prepared_statements import PreparedStatement


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as history records it."""

    kind: HistoryActorKind
    id: int | None = None  # agents and admins
    name: str | None = None  # the system: what ran

    @classmethod
    def agent(cls, user_id: int) -> "Actor":
        return cls(HistoryActorKind.AGENT, id=user_id)

    @classmethod
    def customer(cls) -> "Actor":
        return cls(HistoryActorKind.CUSTOMER)

    @classmethod
    def system(cls, what_ran: str) -> "Actor":
        return cls(HistoryActorKind.SYSTEM, name=what_ran)

    def setting(self) -> str:
        """The value of ticketsvc.actor that the triggers read."""
        return json.dumps({"kind": self.kind.value, "id": self.id, "name": self.name})


# Prepared: PostgreSQL took longer to plan it than to run it (docs/decisions/023-hot-statements-prepared.md).
PAGE = PreparedStatement(
    "ticketsvc_history_page",
    f"""
SELECT count(*) OVER () AS total, json_build_object(
    'id', ticket_history.id,
    'at', to_char(ticket_history.at AT TIME ZONE 'UTC', '{POSTGRESQL_TIMESTAMP_FORMAT}'),
    'actor', CASE ticket_history.actor_kind
        WHEN '{HistoryActorKind.AGENT}' THEN json_build_object(
            'kind', ticket_history.actor_kind, 'id', ticket_history.actor_id, 'name', users.name)
        WHEN '{HistoryActorKind.SYSTEM}' THEN json_build_object(
            'kind', ticket_history.actor_kind, 'name', ticket_history.actor_name)
        ELSE json_build_object('kind', ticket_history.actor_kind)
    END,
    'action', ticket_history.action,
    'changes', ticket_history.changes
)::text AS entry
FROM ticket_history LEFT JOIN users ON users.id = ticket_history.actor_id
WHERE ticket_history.ticket_id = $1
ORDER BY ticket_history.id
LIMIT $2 OFFSET $3
""",
)


def history_page(ticket_id: int, page: int, page_size: int) -> tuple[int, list[str]]:
    """(how many entries the ticket has, the page's entries as JSON text, oldest first), in
    one query along ix_ticket_history_ticket_id_id. Every ticket has at least its "created"
    entry, so none at all means no such ticket.

    PostgreSQL writes each entry's JSON: read as Python objects, the stored changes were
    decoded only to be encoded again, which with the timestamps cost more than the query
    (docs/decisions/026-history-json-written-by-postgresql.md)."""
    rows = PAGE.execute(ticket_id, page_size, page_offset(page, page_size)).all()
    return (rows[0].total if rows else 0), [row.entry for row in rows]
