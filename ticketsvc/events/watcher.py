"""What changed on the desk since the last look: one look a second for every open page.

A look is the one an open page made every 4 s before it had a stream (the tickets list with
updated_since, newest activity first, at most MOST_SENT): the same filters, the same
bounded count, the same JSON. It reaches back OVERLAP from the database's clock at the
previous look, because a change carries its transaction's start time and may commit after
a look that began later (the contract's overlap); a ticket the previous look reported
with the same last_activity_at is not reported again.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import func, select

from ticketsvc.api.fields import utc_iso
from ticketsvc.api.pagination import with_results
from ticketsvc.extensions import db
from ticketsvc.tickets import service
from ticketsvc.tickets.schemas import TicketListArgsSchema

# The SPA's CHANGES_OVERLAP_MS and CHANGES_PAGE_SIZE.
OVERLAP = timedelta(seconds=5)
MOST_SENT = 100
LOOK_ARGS = TicketListArgsSchema()


@dataclass(frozen=True)
class Changes:
    """What one look found that earlier looks had not reported."""

    looked_at: datetime  # the database's clock as the look began
    # How many changed: len(results), or, when more changed than one look reads, all of
    # them in its reach (bounded like a search's count): then the pages fetch everything.
    count: int
    count_exact: bool
    results: list[str]  # the changed tickets not reported before, as JSON text

    @property
    def more_than_sent(self) -> bool:
        return self.count > len(self.results)

    def event(self) -> bytes:
        """As a Server-Sent Event named `changes` (its data on one line: JSON has no newline)."""
        envelope = {
            "looked_at": utc_iso(self.looked_at),
            "count": self.count,
            "count_exact": self.count_exact,
        }
        return f"event: changes\ndata: {with_results(envelope, self.results)}\n\n".encode()


class ChangeWatcher:
    """Looks for changes on behalf of every stream of a process; not thread-safe (one
    look at a time)."""

    def __init__(self, app: Flask):
        self._app = app
        self._previous_look: datetime | None = None
        self._reported: dict[int, str] = {}  # id → last_activity_at, of the previous look

    def start_over(self) -> None:
        """Forget the previous look: the next reaches back OVERLAP from its own time (for
        when nobody was listening, and whatever changed meanwhile was nobody's to hear)."""
        self._previous_look, self._reported = None, {}

    def look(self) -> Changes:
        with self._app.app_context():
            looked_at: datetime = db.session.execute(select(func.now())).scalar_one()
            since = (self._previous_look or looked_at) - OVERLAP
            args = LOOK_ARGS.load(
                {"updated_since": utc_iso(since), "ordering": "-last_activity_at", "page_size": MOST_SENT}
            )
            page = service.list_tickets(args, self._app.config["SEARCH_COUNT_LIMIT"])
        self._previous_look = looked_at
        if page.count > len(page.results):
            # More changed than one event carries: every page fetches everything again, so
            # nothing found here counts as reported to the next look.
            self._reported = {}
            return Changes(looked_at, page.count, page.count_exact, list(page.results))
        found = {ticket["id"]: (ticket["last_activity_at"], text) for ticket, text in _parsed(page.results)}
        unseen = [text for id_, (at, text) in found.items() if self._reported.get(id_) != at]
        self._reported = {id_: at for id_, (at, _) in found.items()}
        return Changes(looked_at, len(unseen), True, unseen)


def _parsed(results) -> list[tuple[dict, str]]:
    return [(json.loads(text), text) for text in results]
