"""Who writes: every change to a ticket says who makes it, for the history triggers.

The triggers (db/sql/, listed in db/objects.py) write each history entry in the same
transaction as the change, whatever wrote it; what a trigger cannot know is who is
writing. Each transaction tells it with set_config('ticketsvc.actor', …, true), and one that
does not is refused (ticketsvc_actor()). A request's single statement carries the setting
in its own round trip (WRITES_AS); a transaction sets it once at its start (transaction()).
"""

import json
from dataclasses import dataclass

from sqlalchemy import Engine, event, text

from ticketsvc.enums import ActorKind

# An execution option naming who writes (an Actor's setting): the statement is sent after
# a set_config of ticketsvc.actor in the same query string, which PostgreSQL runs as one
# transaction, so the history triggers see it for that statement only, at no extra round
# trip.
WRITES_AS = "ticketsvc_writes_as"
SET_WRITER = text("SELECT set_config('ticketsvc.actor', :writer, true)")


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as history records it: its name as it was at that moment."""

    kind: ActorKind
    id: int | None = None  # agents and admins
    name: str | None = None  # an agent's name then; for the system, what ran

    @classmethod
    def agent(cls, user_id: int, name: str) -> "Actor":
        return cls(ActorKind.AGENT, id=user_id, name=name)

    @classmethod
    def customer(cls) -> "Actor":
        return cls(ActorKind.CUSTOMER)

    @classmethod
    def system(cls, what_ran: str) -> "Actor":
        return cls(ActorKind.SYSTEM, name=what_ran)

    def setting(self) -> str:
        """The value of ticketsvc.actor that the triggers read."""
        return json.dumps({"kind": self.kind.value, "id": self.id, "name": self.name})

    def writes(self) -> dict:
        """The execution options of a statement this actor writes alone."""
        return {WRITES_AS: self.setting()}


def say_who_writes(engine: Engine) -> None:
    """Honour the WRITES_AS execution option on engine's statements."""
    event.listen(engine, "before_cursor_execute", _prefix_actor, retval=True)


def _prefix_actor(connection, cursor, statement, parameters, context, executemany):
    actor = context.execution_options.get(WRITES_AS) if context is not None else None
    if actor is None:
        return statement, parameters
    prefix = f"SELECT set_config('ticketsvc.actor', %({WRITES_AS})s, true); "
    return prefix + statement, {**parameters, WRITES_AS: actor}
