"""Re-running the classifier over stored tickets (`flask tickets reclassify`).

Suggestions are refreshed in id order, a batch per transaction, with a checkpoint after
each batch so an interrupted run picks up where it stopped. With apply, a ticket's
category or priority follows the new suggestion only while it still equals the old one:
a value a person chose is never overwritten.

Only calls that reach Gemini are paced (the quota is Gemini's) and run in parallel; the
offline classifier answers in well under a millisecond, so without a key a batch is
classified in a loop and stored with one UPDATE.
"""

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import ColumnElement, Row, func, select, text

from ticketsvc.classifier import Suggestion, asks_gemini, classify
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.extensions import db
from ticketsvc.models import Ticket

tickets = Ticket.__table__
NO_SOURCE = "none"
RECLASSIFIER = Actor.system("flask tickets reclassify")
# Tickets per transaction (and checkpoint): a Gemini batch takes seconds at a few calls a
# second, so it is kept small; offline, larger batches make fewer round trips.
GEMINI_BATCH_SIZE = 100
OFFLINE_BATCH_SIZE = 2_000

# Locks the batch's rows (in id order, so two runs cannot deadlock) and reads them as they
# are now, not as they were when the batch was classified; writes only rows that change.
STORE_BATCH = text("""
WITH current_values AS (
    SELECT id, category, priority, suggested_category, suggested_priority
    FROM tickets WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id FOR UPDATE
), proposed AS (
    SELECT current_values.id, suggested.category AS suggested_category,
        suggested.priority AS suggested_priority, suggested.source, suggested.model,
        CASE WHEN :apply AND current_values.category = current_values.suggested_category
            THEN suggested.category ELSE current_values.category END AS category,
        CASE WHEN :apply AND current_values.priority = current_values.suggested_priority
            THEN suggested.priority ELSE current_values.priority END AS priority,
        current_values.category AS old_category, current_values.priority AS old_priority
    FROM current_values JOIN unnest(
        CAST(:ids AS bigint[]), CAST(:categories AS text[]), CAST(:priorities AS text[]),
        CAST(:sources AS text[]), CAST(:models AS text[])
    ) AS suggested(id, category, priority, source, model) USING (id)
)
UPDATE tickets SET
    suggested_category = proposed.suggested_category,
    suggested_priority = proposed.suggested_priority,
    classification_source = proposed.source,
    classification_model = proposed.model,
    category = proposed.category,
    priority = proposed.priority,
    updated_at = CASE
        WHEN (proposed.category, proposed.priority) = (proposed.old_category, proposed.old_priority)
        THEN tickets.updated_at
        ELSE greatest(clock_timestamp(), tickets.updated_at + interval '1 microsecond') END
FROM proposed
WHERE tickets.id = proposed.id AND (
    tickets.suggested_category, tickets.suggested_priority, tickets.classification_source,
    tickets.classification_model, tickets.category, tickets.priority
) IS DISTINCT FROM (
    proposed.suggested_category, proposed.suggested_priority, proposed.source,
    proposed.model, proposed.category, proposed.priority
)
RETURNING (proposed.category, proposed.priority) <> (proposed.old_category, proposed.old_priority)
""")


@dataclass(frozen=True)
class Selection:
    """Which tickets to reclassify; also the identity of a resumable run."""

    statuses: tuple[str, ...] = ()
    source: str | None = None  # gemini, fallback, or "none" for tickets without a suggestion
    since: str | None = None  # ISO date: created on or after
    limit: int | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
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
    """How many tickets the job will go through (its progress bar's total). Counted without
    the requests' statement_timeout, as the job is not a request: on a million tickets read
    cold from disk the count outlasted it, and the job stopped before it began."""
    query = select(func.count()).where(tickets.c.id > after_id, *selection.conditions())
    with transaction(unbounded=True) as connection:
        total = connection.execute(query).scalar_one()
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
    """Refresh suggestions of the selected tickets with ids above after_id.

    concurrency and per_second apply to Gemini calls only.
    """
    outcome = Outcome()
    with _batch_classifier(concurrency, per_second) as (batch_size, classify_batch):
        for batch in _batches(selection, after_id, batch_size):
            suggestions = classify_batch(batch)
            for ticket, suggestion in zip(batch, suggestions, strict=True):
                _record(outcome, ticket, suggestion)
            if not dry_run:
                outcome.tickets_updated += _store_batch(batch, suggestions, apply)
            on_batch(len(batch), batch[-1].id)
    return outcome


@contextmanager
def _batch_classifier(concurrency: int, per_second: float) -> Iterator[tuple[int, Callable]]:
    """How many tickets a batch holds, and how a batch is classified."""
    if not asks_gemini():
        yield OFFLINE_BATCH_SIZE, _classify_in_turn
        return
    # current_app is a werkzeug LocalProxy, which Flask types as the app it stands for.
    classify_one = _paced(current_app._get_current_object(), RateLimiter(per_second))  # type: ignore[attr-defined]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        yield GEMINI_BATCH_SIZE, lambda batch: list(pool.map(classify_one, batch))


def _classify_in_turn(batch: list) -> list[Suggestion]:
    return [classify(ticket.title, ticket.description) for ticket in batch]


def _paced(app, limiter: RateLimiter) -> Callable:
    def classify_one(ticket) -> Suggestion:
        limiter.wait()
        with app.app_context():
            return classify(ticket.title, ticket.description)

    return classify_one


def _batches(selection: Selection, after_id: int, batch_size: int) -> Iterator[Sequence[Row]]:
    remaining = selection.limit
    while remaining is None or remaining > 0:
        size = batch_size if remaining is None else min(batch_size, remaining)
        query = (
            select(
                tickets.c.id,
                tickets.c.title,
                tickets.c.description,
                tickets.c.suggested_category,
                tickets.c.suggested_priority,
            )
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


def _store_batch(batch: Sequence[Row], suggestions: list[Suggestion], apply: bool) -> int:
    """Store a batch's suggestions in one statement; how many tickets' values moved."""
    with transaction(RECLASSIFIER, unbounded=True) as connection:
        moved = connection.execute(
            STORE_BATCH,
            {
                "apply": apply,
                "ids": [ticket.id for ticket in batch],
                "categories": [suggestion.category.value for suggestion in suggestions],
                "priorities": [suggestion.priority.value for suggestion in suggestions],
                "sources": [suggestion.source.value for suggestion in suggestions],
                "models": [suggestion.model for suggestion in suggestions],
            },
        ).scalars()
        return sum(moved)
