"""Re-running the classifier over stored tickets (`flask tickets reclassify`).

Suggestions are refreshed in id order, a batch per transaction, with a checkpoint after
each batch so an interrupted run picks up where it stopped. With apply, a ticket's
category or priority follows the new suggestion only while it still equals the old one:
a value a person chose is never overwritten.
"""

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select, update

from ticketsvc.classifier import Suggestion, classify
from ticketsvc.connections import transaction
from ticketsvc.extensions import db
from ticketsvc.models import Ticket
from ticketsvc.tickets.service import NEXT_UPDATED_AT

tickets = Ticket.__table__
BATCH_SIZE = 100
NO_SOURCE = "none"


@dataclass(frozen=True)
class Selection:
    """Which tickets to reclassify; also the identity of a resumable run."""

    statuses: tuple[str, ...] = ()
    source: str | None = None  # gemini, fallback, or "none" for tickets without a suggestion
    since: str | None = None  # ISO date: created on or after
    limit: int | None = None

    def conditions(self) -> list:
        conditions = []
        if self.statuses:
            conditions.append(tickets.c.status.in_(self.statuses))
        if self.source == NO_SOURCE:
            conditions.append(tickets.c.classification_source.is_(None))
        elif self.source:
            conditions.append(tickets.c.classification_source == self.source)
        if self.since:
            conditions.append(tickets.c.created_at >= self.since)
        return conditions


@dataclass
class Outcome:
    examined: int = 0
    suggestions_changed: int = 0
    tickets_updated: int = 0
    # (old "category/priority", new "category/priority") → how many tickets.
    transitions: Counter = field(default_factory=Counter)


class RateLimiter:
    """At most per_second calls start each second, across threads."""

    def __init__(self, per_second: float):
        self.interval = 1.0 / per_second
        self.next_start = time.monotonic()
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            start = max(self.next_start, time.monotonic())
            self.next_start = start + self.interval
        time.sleep(max(0.0, start - time.monotonic()))


class Checkpoint:
    """The last ticket id done by an unfinished run of the same selection."""

    def __init__(self, path: Path, selection: Selection):
        # As JSON would give it back (lists, not tuples), to compare with what was saved.
        self.path, self.key = path, json.loads(json.dumps(asdict(selection)))

    def last_id(self) -> int:
        try:
            saved = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return 0
        return saved["last_id"] if saved.get("selection") == self.key else 0

    def save(self, last_id: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"selection": self.key, "last_id": last_id}))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def count_selected(selection: Selection, after_id: int) -> int:
    query = select(func.count()).where(tickets.c.id > after_id, *selection.conditions())
    total = db.session.scalar(query)
    return min(total, selection.limit) if selection.limit is not None else total


def reclassify(
    selection: Selection,
    *,
    after_id: int = 0,
    apply: bool = False,
    dry_run: bool = False,
    concurrency: int = 4,
    per_second: float = 5.0,
    on_batch: Callable[[int, int], None] = lambda done, last_id: None,
) -> Outcome:
    """Refresh suggestions of the selected tickets with ids above after_id."""
    outcome, limiter = Outcome(), RateLimiter(per_second)
    classify_in_app = _in_app_context(current_app._get_current_object(), limiter)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for batch in _batches(selection, after_id):
            suggestions = list(pool.map(classify_in_app, batch))
            for ticket, suggestion in zip(batch, suggestions, strict=True):
                _record(outcome, ticket, suggestion)
            if not dry_run:
                outcome.tickets_updated += _store_batch(batch, suggestions, apply)
            on_batch(len(batch), batch[-1].id)
    return outcome


def _in_app_context(app, limiter: RateLimiter):
    def classify_one(ticket) -> Suggestion:
        limiter.wait()
        with app.app_context():
            return classify(ticket.title, ticket.description)

    return classify_one


def _batches(selection: Selection, after_id: int) -> Iterator[list]:
    remaining = selection.limit
    while remaining is None or remaining > 0:
        size = BATCH_SIZE if remaining is None else min(BATCH_SIZE, remaining)
        query = (
            select(tickets)
            .where(tickets.c.id > after_id, *selection.conditions())
            .order_by(tickets.c.id)
            .limit(size)
        )
        batch = db.session.execute(query).all()
        if not batch:
            return
        yield batch
        after_id = batch[-1].id
        remaining = None if remaining is None else remaining - len(batch)


def _record(outcome: Outcome, ticket, suggestion: Suggestion) -> None:
    outcome.examined += 1
    before = f"{ticket.suggested_category}/{ticket.suggested_priority}"
    after = f"{suggestion.category}/{suggestion.priority}"
    if before != after:
        outcome.suggestions_changed += 1
        outcome.transitions[before, after] += 1


def _store_batch(batch: list, suggestions: list[Suggestion], apply: bool) -> int:
    """Store a batch's suggestions in one transaction; how many tickets' values moved."""
    with transaction():
        pairs = zip(batch, suggestions, strict=True)
        return sum(_store(ticket.id, suggestion, apply) for ticket, suggestion in pairs)


def _store(ticket_id: int, suggestion: Suggestion, apply: bool) -> bool:
    """Write the new suggestion; with apply, move values nobody changed. True if they moved.

    The row is locked while deciding, so a person's edit made while the classifier was
    thinking is either seen here (and kept) or waits for this transaction.
    """
    current = db.session.execute(select(tickets).where(tickets.c.id == ticket_id).with_for_update()).one()
    values = {
        "suggested_category": suggestion.category.value,
        "suggested_priority": suggestion.priority.value,
        "classification_source": suggestion.source.value,
        "classification_model": suggestion.model,
    }
    if apply:
        for column, suggested in (("category", suggestion.category), ("priority", suggestion.priority)):
            untouched = current._mapping[column] == current._mapping[f"suggested_{column}"]
            if untouched and current._mapping[column] != suggested:
                values[column] = suggested.value
    moved = "category" in values or "priority" in values
    if moved:
        values["updated_at"] = NEXT_UPDATED_AT
    db.session.execute(update(tickets).where(tickets.c.id == ticket_id).values(values))
    return moved
