"""The benchmark's own database: created on a server, migrated, seeded, dropped."""

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from bench import fixtures
from ticketsvc import create_app
from ticketsvc.config import PROJECT_ROOT, database_url_for_sqlalchemy
from ticketsvc.devtools import embedded_db
from ticketsvc.extensions import db
from ticketsvc.jobs import seed

LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
QUEUED_MAIL = sa.text("SELECT count(*) FROM outgoing_mail WHERE state = 'queued'")


def server_url(requested: str | None) -> str:
    """The server to use: the one asked for, else the machine's, else an embedded one."""
    if requested:
        return requested
    try:
        with _autocommit_connection(LOCAL_SERVER):
            return LOCAL_SERVER
    except sa.exc.OperationalError:
        print("No PostgreSQL at 127.0.0.1:5432; starting an embedded one.")
        return embedded_db.start(Path(tempfile.mkdtemp(prefix="ticketsvc-bench-")), "postgres")


def database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


@contextmanager
def _autocommit_connection(url: str) -> Iterator[sa.Connection]:
    engine = sa.create_engine(database_url_for_sqlalchemy(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def holds_seeded(url: str, rows: int) -> bool:
    """Whether the database at url is a kept benchmark database of rows seeded tickets
    and the benchmark's staff, on the current schema (one kept by an older version is
    seeded again), with conversations, and neither reclassified nor changed by a bulk job.
    Those jobs, like tickets left by an earlier run's scenarios (see forget_created), change
    which tickets are newest in a filter: list_filtered's walk then read 7,000 tickets,
    not 60."""
    head = ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_current_head()
    engine = sa.create_engine(database_url_for_sqlalchemy(url))
    try:
        with engine.connect() as connection:
            version = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            tickets = connection.execute(sa.text("SELECT count(*) FROM tickets")).scalar_one()
            staff = connection.execute(
                sa.text("SELECT count(*) FROM users WHERE email = :email"), {"email": fixtures.BENCH_EMAIL}
            ).scalar_one()
            reclassified = connection.execute(
                sa.text("SELECT EXISTS (SELECT FROM ticket_history WHERE action = 'reclassified')")
            ).scalar_one()
            commented = sa.text("SELECT EXISTS (SELECT FROM ticket_comments)")
            conversations = connection.execute(commented).scalar_one()
            bulk_changed = connection.execute(sa.text("SELECT EXISTS (SELECT FROM bulk_jobs)")).scalar_one()
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return False
    finally:
        engine.dispose()
    as_seeded = conversations and not reclassified and not bulk_changed
    return version == head and tickets == rows and staff == 1 and as_seeded


def create_empty(server: str, name: str) -> None:
    with _autocommit_connection(server) as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))


def create_seeded(server: str, name: str, rows: int) -> str:
    """(Re)create database name, migrate it, seed rows tickets from customers and a
    three-comment conversation on each; say how long each took."""
    drop(server, name)
    create_empty(server, name)
    url = database_url_for_sqlalchemy(database_url(server, name))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        staff = fixtures.create_staff()
        started = time.perf_counter()
        seed.seed_tickets(rows, assignee_ids=[user_id for user_id, _ in staff], seeder="make bench")
        seeded = time.perf_counter()
        comments = seed.seed_conversations(staff, seeder="make bench")
        finished = time.perf_counter()
        db.engine.dispose()
    return f"seeded in {seeded - started:.1f} s, and {comments:,} comments in {finished - seeded:.1f} s"


def forget_created(url: str, last_seeded_id: int) -> None:
    """Delete the tickets a run created (the fixtures' and the create scenario's, with
    their comments and history) and the mail it queued and received, so that a kept
    database is as seeded again: ids 1 to last_seeded_id and no gap after them (scenarios
    pick ids up to the highest), and no mail left for the next run's worker to catch up on."""
    with _autocommit_connection(url) as connection:
        connection.execute(sa.text("DELETE FROM outgoing_mail"))
        connection.execute(sa.text("DELETE FROM incoming_mail"))
        connection.execute(sa.text("DELETE FROM tickets WHERE id > :id"), {"id": last_seeded_id})
        connection.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('tickets', 'id'), :id)"), {"id": last_seeded_id}
        )


def outgoing_mail_by_state(url: str, since: datetime) -> dict[str, int]:
    """How many mails queued since then are in each state (queued, sent, skipped, failed)."""
    with _autocommit_connection(url) as connection:
        counted = connection.execute(
            sa.text("SELECT state, count(*) FROM outgoing_mail WHERE created_at >= :since GROUP BY state"),
            {"since": since},
        )
        return dict(counted.all())


def client_backend_pids(url: str) -> list[int]:
    """The PostgreSQL backends serving clients of url's database, but the one asking."""
    with _autocommit_connection(url) as connection:
        return list(
            connection.execute(
                sa.text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                )
            ).scalars()
        )


# Long enough for a worker to send a few minutes' writes' mail.
MAIL_DRAIN_TIMEOUT_S = 300


def wait_until_no_mail_queued(url: str, timeout_s: float = MAIL_DRAIN_TIMEOUT_S) -> int:
    """Wait (up to timeout_s) for a running worker to send every queued mail; how many are
    still queued."""
    deadline = time.monotonic() + timeout_s
    with _autocommit_connection(url) as connection:
        while True:
            queued = connection.execute(QUEUED_MAIL).scalar_one()
            if queued == 0 or time.monotonic() > deadline:
                return queued
            time.sleep(0.5)


def vacuum(url: str) -> None:
    """Set the visibility map and statistics, as autovacuum would after a while, and write
    the pages that seeding and vacuuming dirtied now, not in the checkpoint that would
    otherwise follow during the first scenarios (a run on a database seeded just before
    it measured list_first's SQL at 1.47 ms, against 0.69 ms in the run before)."""
    with _autocommit_connection(url) as connection:
        connection.execute(sa.text("VACUUM ANALYZE"))
        connection.execute(sa.text("CHECKPOINT"))


def drop(server: str, name: str) -> None:
    with _autocommit_connection(server) as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
