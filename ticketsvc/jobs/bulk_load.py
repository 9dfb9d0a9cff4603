"""Loading many tickets (and comments) at COPY speed, for seeding and imports."""

import csv
import io
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from sqlalchemy import text

from ticketsvc.db import rollups
from ticketsvc.db.actor import Actor
from ticketsvc.db.connections import psycopg2_connection
from ticketsvc.db.transactions import transaction

BATCH_SIZE = 20_000
# How much CSV text is handed to the driver at a time.
CHUNK_SIZE = 64 * 1024
# Chunks written ahead of the driver: enough to cover a batch's triggers (~1 s).
CHUNKS_AHEAD = 256


def copy_tickets(
    columns: Sequence[str], rows: Iterable[tuple], writer: Actor, on_batch=lambda size: None
) -> int:
    """COPY rows (tuples of values for columns; None is NULL) into tickets, in batches.

    One transaction for everything: a failure, including an exception raised while rows
    are produced, leaves nothing half-loaded. The rollup and history triggers fire once
    per COPY statement, not once per row; each ticket's "created" entry names writer.
    """
    return copy_rows("tickets", columns, rows, writer, on_batch)


def copy_rows(
    table: str, columns: Sequence[str], rows: Iterable[tuple], writer: Actor, on_batch=lambda size: None
) -> int:
    """copy_tickets for any table: a comment's triggers, too, fire once per batch."""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
    loaded = 0
    job = transaction(writer, unbounded=True)
    with (
        _CsvWriter(rows) as csv_text,
        job as connection,
        psycopg2_connection(connection.connection).cursor() as cursor,
    ):
        while (batch := csv_text.next_batch()) is not None:
            # psycopg2 only calls read(size), and takes text; its stubs ask for a whole TextIO.
            cursor.copy_expert(statement, batch, size=CHUNK_SIZE)  # type: ignore[arg-type]
            loaded += batch.rows
            on_batch(batch.rows)
    # The planner's estimates (how common a search word is) must see the new rows now,
    # not when autovacuum gets to them; ANALYZE reads a sample
    # (docs/decisions/032-bulk-loads-through-copy.md). Every batch moved the rollups'
    # rows to new pages: they are packed again (db/rollups.py).
    with transaction(unbounded=True) as connection:
        connection.execute(text(f"ANALYZE {table}"))
        rollups.compact(connection)
    return loaded


class _Batch:
    """One COPY's worth of CSV text, as a file the driver reads; empty text ends it."""

    def __init__(self, chunks: queue.Queue, first_chunk: str):
        self._chunks = chunks
        self._pending: str | None = first_chunk
        self.rows = 0

    def read(self, size: int = -1) -> str:
        if self._pending is not None:
            chunk, self._pending = self._pending, None
            return chunk
        item = _raised(self._chunks.get())
        if isinstance(item, int):  # the batch ends, holding this many rows
            self.rows = item
            return ""
        return item


class _CsvWriter:
    """Turns rows into CSV text on a thread of its own, a batch at a time.

    The driver gives up the GIL while it waits on PostgreSQL, so validating and writing
    the next rows goes on while PostgreSQL loads these and runs a batch's triggers; done
    in the driver's thread, an import took about a third longer
    (docs/decisions/032-bulk-loads-through-copy.md).
    An exception raised while producing rows reaches the reader.
    """

    def __init__(self, rows: Iterable[tuple]):
        self._rows = rows
        self._chunks: queue.Queue = queue.Queue(maxsize=CHUNKS_AHEAD)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._write, name="csv-writer", daemon=True)

    def __enter__(self) -> "_CsvWriter":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stopped.set()  # a writer waiting for room gives up
        self._thread.join()

    def next_batch(self) -> _Batch | None:
        """The next batch's text, or None after the last."""
        first_chunk = _raised(self._chunks.get())
        return None if first_chunk is _END else _Batch(self._chunks, first_chunk)

    def _write(self) -> None:
        try:
            for batch in _batches(self._rows, BATCH_SIZE):
                buffer = io.StringIO()
                writer = csv.writer(buffer)
                for row in batch:
                    writer.writerow(row)
                    if buffer.tell() >= CHUNK_SIZE:
                        self._put(buffer.getvalue())
                        buffer.seek(0)
                        buffer.truncate()
                if buffer.tell():
                    self._put(buffer.getvalue())
                self._put(len(batch))
            self._put(_END)
        except _Stopped:
            return
        except BaseException as error:  # handed to the reader, which raises it
            try:
                self._put(error)
            except _Stopped:
                return

    def _put(self, item) -> None:
        """Queue item, waiting for room; raises _Stopped once the reader has gone."""
        while True:
            if self._stopped.is_set():
                raise _Stopped
            try:
                self._chunks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue


class _Stopped(Exception):
    """The reader stopped reading: the writer ends too."""


# What the writer puts after the last batch.
_END = object()


def _raised(item):
    """item, unless the writer failed: then what it raised."""
    if isinstance(item, BaseException):
        raise item
    return item


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
