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
from functools import cache

from sqlalchemy import bindparam, func, over, select

from ticketsvc.api.fields import utc_iso
from ticketsvc.api.pagination import page_offset
from ticketsvc.enums import HistoryActorKind
from ticketsvc.extensions import db
from ticketsvc.models import HistoryEntry, User

entries = HistoryEntry.__table__
users = User.__table__


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


def history_page(ticket_id: int, page: int, page_size: int) -> tuple[int, list]:
    """(how many entries the ticket has, the page's entries, oldest first), in one query
    along ix_ticket_history_ticket_id_id. Every ticket has at least its "created" entry,
    so none at all means no such ticket."""
    window = {"limit": page_size, "offset": page_offset(page, page_size)}
    rows = db.session.execute(_page_statement(), {"ticket_id": ticket_id, **window}).all()
    return (rows[0].total if rows else 0), rows


def entry_json(row) -> dict:
    actor = {"kind": row.actor_kind}
    if row.actor_kind == HistoryActorKind.AGENT:
        actor.update(id=row.actor_id, name=row.agent_name)
    elif row.actor_kind == HistoryActorKind.SYSTEM:
        actor["name"] = row.actor_name
    return {"id": row.id, "at": utc_iso(row.at), "actor": actor, "action": row.action, "changes": row.changes}


@cache
def _page_statement():
    return (
        select(
            entries.c.id,
            entries.c.at,
            entries.c.actor_kind,
            entries.c.actor_id,
            entries.c.actor_name,
            users.c.name.label("agent_name"),
            entries.c.action,
            entries.c.changes,
            over(func.count()).label("total"),
        )
        .select_from(entries.outerjoin(users, users.c.id == entries.c.actor_id))
        .where(entries.c.ticket_id == bindparam("ticket_id"))
        .order_by(entries.c.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
