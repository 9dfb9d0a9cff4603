"""Loading many tickets at COPY speed, for seeding and imports."""

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from ticketsvc import seed_data
from ticketsvc.extensions import db

COPY_COLUMNS = ("title", "description", "category", "priority", "status", "created_at", "updated_at")
BATCH_SIZE = 20_000


def copy_tickets(rows: Iterable[tuple], on_batch=lambda size: None) -> int:
    """COPY (title, description, category, priority, status, created_at) rows in batches.

    One transaction for everything: a failure leaves nothing half-loaded. The rollup
    triggers fire once per COPY statement, not once per row.
    """
    connection = db.session.connection().connection.dbapi_connection
    loaded = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows, BATCH_SIZE):
            cursor.copy_expert(
                f"COPY tickets ({', '.join(COPY_COLUMNS)}) FROM STDIN WITH (FORMAT csv)",
                _as_csv(batch),
            )
            loaded += len(batch)
            on_batch(len(batch))
    db.session.commit()
    return loaded


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _as_csv(batch: list[tuple]) -> io.StringIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in batch:
        # updated_at starts equal to created_at.
        writer.writerow((*row, row[-1].isoformat()))
    buffer.seek(0)
    return buffer


def seed(count: int, random_seed: int = 0, on_batch=lambda size: None) -> int:
    """Load count generated demo tickets (see seed_data)."""
    rows = (
        (t.title, t.description, t.category, t.priority, t.status, t.created_at)
        for t in seed_data.generate(count, seed=random_seed)
    )
    return copy_tickets(rows, on_batch)
