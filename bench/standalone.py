"""What a measurement run on its own (`python -m bench.<module>`) shares with the others:
its options, the database ticketsvc_bench_<rows>, kept from an earlier run or seeded, the
benchmark's fixtures, and how it prints what it measured."""

import argparse
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from bench import database, fixtures
from bench.fixtures import Fixtures
from bench.measurement import Measurement
from bench.server import Server, gunicorn
from ticketsvc import create_app
from ticketsvc.config import database_url_for_sqlalchemy


def options(description: str, default_rows: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=default_rows, help=f"tickets to seed [{default_rows}]")
    parser.add_argument("--server", help="PostgreSQL server URL [127.0.0.1:5432, else embedded]")
    parser.add_argument("--keep", action="store_true", help="keep the database for the next run")
    return parser.parse_args()


def seeded_database(server: str, rows: int) -> tuple[str, str]:
    """(name, URL) of the database holding rows seeded tickets, seeded first unless it
    already does, and vacuumed."""
    name = f"ticketsvc_bench_{rows}"
    url = database.database_url(server, name)
    if not database.holds_seeded(url, rows):
        print(f"Seeding {rows:,} tickets into {name}…", flush=True)
        database.create_seeded(server, name, rows)
    database.vacuum(url)
    return name, url


@contextmanager
def prepared(description: str, default_rows: int) -> Iterator[tuple[argparse.Namespace, str, Fixtures]]:
    """(options, database URL, fixtures) of a run on its own; on leaving, what the run
    created is forgotten (--keep) or the database dropped."""
    chosen = options(description, default_rows)
    server = database.server_url(chosen.server)
    name, url = seeded_database(server, chosen.rows)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(url), "SECRET_KEY": "bench"})
    ready = fixtures.prepare(app, chosen.rows)
    try:
        yield chosen, url, ready
    finally:
        if chosen.keep:
            database.forget_created(url, chosen.rows)
        else:
            database.drop(server, name)


def print_measurements(measured: Iterable[Measurement]) -> None:
    """Each line as it comes (a long run's progress)."""
    for line in measured:
        print(f"{line.name}: {line.figure} (target {line.target})", flush=True)


class Measured(Protocol):
    def measurements(self) -> list[Measurement]: ...


def measure_served(description: str, measure: Callable[[Server, str, str], Measured]) -> None:
    """measure(server, database URL, token) on its own, the app served as production serves
    it (gunicorn, `flask worker`, `flask events`) with mail on, from ticketsvc_bench_<rows>;
    then print what it measured."""
    with (
        prepared(description, default_rows=100_000) as (_, url, ready),
        tempfile.TemporaryDirectory(prefix="bench-mail-") as mail,
        tempfile.TemporaryDirectory() as logs,
        gunicorn(url, Path(logs) / "gunicorn.log", Path(mail)) as served,
    ):
        measured = measure(served, url, ready.token)
    print_measurements(measured.measurements())
