"""A ticket's history, read back.

The entries are written by triggers (db/objects.py lists them) in the same transaction as
the change: every write path, bulk SQL and COPY included, records history without being
asked, and none can forget to; who wrote is told them by db/actor.py. Each entry keeps the
actor's name as it was then: history is evidence, and a renamed agent must not rewrite it.
"""

from ticketsvc.api.fields import POSTGRESQL_TIMESTAMP_FORMAT
from ticketsvc.api.pagination import page_offset
from ticketsvc.db.prepared import PreparedStatement
from ticketsvc.enums import ActorKind

# Prepared: PostgreSQL took longer to plan it than to run it (docs/decisions/023-hot-statements-prepared.md).
PAGE = PreparedStatement(
    "ticketsvc_history_page",
    f"""
SELECT count(*) OVER () AS total, json_build_object(
    'id', ticket_history.id,
    'at', to_char(ticket_history.at AT TIME ZONE 'UTC', '{POSTGRESQL_TIMESTAMP_FORMAT}'),
    'actor', CASE ticket_history.actor_kind
        WHEN '{ActorKind.AGENT}' THEN json_build_object(
            'kind', ticket_history.actor_kind, 'id', ticket_history.actor_id,
            'name', ticket_history.actor_name)
        WHEN '{ActorKind.SYSTEM}' THEN json_build_object(
            'kind', ticket_history.actor_kind, 'name', ticket_history.actor_name)
        ELSE json_build_object('kind', ticket_history.actor_kind)
    END,
    'action', ticket_history.action,
    'changes', ticket_history.changes
)::text AS entry
FROM ticket_history
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
    rows = PAGE.all(ticket_id, page_size, page_offset(page, page_size))
    return (rows[0].total if rows else 0), [row.entry for row in rows]
