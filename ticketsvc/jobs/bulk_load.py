"""Loading many tickets at COPY speed, for seeding and imports."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from sqlalchemy import text

from ticketsvc.connections import transaction
from ticketsvc.tickets.history import Actor

BATCH_SIZE = 20_000
# How much CSV text is handed to the driver at a time: PostgreSQL parses one chunk
# while Python writes the next, so generating and loading overlap on two cores.
CHUNK_SIZE = 64 * 1024


def copy_tickets(
    columns: Sequence[str], rows: Iterable[tuple], writer: Actor, on_batch=lambda size: None
) -> int:
    """COPY rows (tuples of values for columns; None is NULL) into tickets, in batches.

    One transaction for everything: a failure, including an exception raised while rows
    are produced, leaves nothing half-loaded. The rollup and history triggers fire once
    per COPY statement, not once per row; each ticket's "created" entry names writer.
    """
    statement = f"COPY tickets ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
    loaded = 0
    job = transaction(writer=writer.setting(), unbounded=True)
    with job as connection, connection.connection.dbapi_connection.cursor() as cursor:
        for batch in _batches(rows, BATCH_SIZE):
            cursor.copy_expert(statement, _CsvStream(batch), size=CHUNK_SIZE)
            loaded += len(batch)
            on_batch(len(batch))
    # The planner's estimates (how common a search word is) must see the new rows now,
    # not when autovacuum gets to them; ANALYZE reads a sample (README, Performance).
    with transaction(unbounded=True) as connection:
        connection.execute(text("ANALYZE tickets"))
    return loaded


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class _CsvStream:
    """A file the driver reads: rows become CSV text only as it asks for more."""

    def __init__(self, rows: Iterable[tuple]):
        self._rows = iter(rows)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def read(self, size: int = -1) -> str:
        while size < 0 or self._buffer.tell() < size:
            row = next(self._rows, None)
            if row is None:
                break
            self._writer.writerow(row)
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

