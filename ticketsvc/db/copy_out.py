"""COPY … TO STDOUT streamed as PostgreSQL sends it, for answers too large to hold: the
CSV export (docs/decisions/045-csv-export-streamed-by-copy-through-psycopg-3.md).

Not through the app's engine: a served process waits on psycopg2 connections through a
wait callback (connections.bound_waits), under which psycopg2 refuses COPY, and with the
requests' statement_timeout, which a million rows outlast. So a stream opens a psycopg 3
connection of its own, with its own statement_timeout, and closes it when the stream
ends, fails or is closed (the client went away). It is not taken from the pool: an
export holds its connection for as long as the client reads, which would starve the
requests that the pool is sized for.

The bounds: statement_timeout (a live server stops the COPY), connect_timeout and the
kernel's keepalives (an unreachable host, a dead network path). A server frozen while it
still acknowledges (SIGSTOP) holds the stream's thread until it resumes, as for the
CLI's jobs; bound_waits() cannot watch psycopg 3's connections.
"""

from collections.abc import Iterator

import psycopg
from sqlalchemy import URL

from ticketsvc.db.connections import libpq_settings

# How pg_stat_activity names a stream's connection.
APPLICATION_NAME = "ticketsvc copy-out"
# PostgreSQL sends COPY's output a row at a time; the client gets blocks of about this
# many bytes (one write each), not a million writes of one row.
BLOCK_BYTES = 64 * 1024


def copy_out(
    url: URL, query: str, parameters: dict, *, timeout_s: float, statement_timeout_s: float
) -> Iterator[bytes]:
    """The output of ``COPY (query) TO STDOUT WITH (FORMAT csv, HEADER)``, in blocks.

    query is a SELECT with ``%(name)s`` placeholders; psycopg writes parameters into it
    as literals (COPY takes no bound parameters), escaped for this connection. The stream
    is returned started, connected and its COPY begun, so that a database that cannot be
    reached fails the caller (a 503) rather than a response already under way.
    """
    blocks = _blocks(url, query, parameters, libpq_settings(timeout_s, statement_timeout_s))
    next(blocks)
    return blocks


def _blocks(url: URL, query: str, parameters: dict, settings: dict) -> Iterator[bytes]:
    copy_statement = f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)"
    with (
        psycopg.connect(
            _libpq_url(url),
            autocommit=True,
            application_name=APPLICATION_NAME,
            client_encoding="UTF8",
            **settings,
        ) as connection,
        connection.cursor() as cursor,
        cursor.copy(copy_statement, parameters) as copy,
    ):
        yield b""  # started: see copy_out()
        block = bytearray()
        for row in copy:
            block += row
            if len(block) >= BLOCK_BYTES:
                yield bytes(block)
                block.clear()
        if block:
            yield bytes(block)


def _libpq_url(url: URL) -> str:
    """The app's database URL as libpq reads it (without SQLAlchemy's driver name)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)
