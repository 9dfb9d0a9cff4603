"""`make bench`: issue 9's workload against the app under gunicorn, on a seeded database.

    python -m bench.run [--rows N] [--duration S] [--concurrency C] [--keep] [--only NAME…]

Creates (or, with --keep from an earlier run, reuses) the database ticketsvc_bench_<rows>
on the machine's PostgreSQL (127.0.0.1:5432; an embedded one if there is none, or
--server URL), seeds it, serves the app with gunicorn.conf.py, checks every scenario's
answers, drives each with wrk (one client for latency, --concurrency clients for
throughput), EXPLAIN ANALYZEs each read's SQL, and prints one table.
Results and query plans land in bench/results/<time>/.
"""

import argparse
import os
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from bench import calibration, database, export_memory, fixtures, jobs, load, report
from bench.fixtures import Fixtures
from bench.scenarios import SCENARIOS
from bench.server import gunicorn
from bench.sql_time import sql_milliseconds
from ticketsvc import create_app
from ticketsvc.config import database_url_for_sqlalchemy

RESULTS = Path(__file__).with_name("results")
# Seconds per million tickets (issue 13): an import under a minute, history included;
# offline reclassification "in minutes".
IMPORT_TARGET_S = 60
RECLASSIFY_TARGET_S = 600


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="tickets to seed [1000000]")
    parser.add_argument(
        "--duration", type=float, default=10, help="seconds of each of a scenario's two runs [10]"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent connections [8]")
    parser.add_argument("--server", help="PostgreSQL server URL [127.0.0.1:5432, else embedded]")
    parser.add_argument("--keep", action="store_true", help="keep the database for the next run")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scenarios")
    parser.add_argument(
        "--no-jobs", dest="jobs", action="store_false", help="skip timing import, reclassify and the export"
    )
    return parser.parse_args()


def prepared_database(server: str, rows: int) -> tuple[str, str]:
    """(URL, how it was prepared) of a database holding rows seeded tickets."""
    name = f"ticketsvc_bench_{rows}"
    url = database.database_url(server, name)
    if database.holds_seeded(url, rows):
        preparation = "reused"
    else:
        print(f"Seeding {rows:,} tickets into {name}…", flush=True)
        preparation = f"seeded in {database.create_seeded(server, name, rows):.1f} s"
    database.vacuum(url)
    return url, preparation


def max_ticket_id(url: str) -> int:
    engine = sa.create_engine(database_url_for_sqlalchemy(url))
    with engine.connect() as connection:
        highest = connection.execute(sa.text("SELECT max(id) FROM tickets")).scalar_one()
    engine.dispose()
    return highest


def run_scenario(scenario, base_url: str, app, wrk: str, options, out: Path, ready: Fixtures) -> report.Row:
    """Check the scenario's answers, put it under load, then time its SQL."""
    scenario = replace(scenario, path=ready.path(scenario.path))
    highest_id = max_ticket_id(app.config["SQLALCHEMY_DATABASE_URI"])
    load.check_answers(base_url, scenario, highest_id, ready.token)
    latency = load.run_wrk(wrk, base_url, scenario, options.duration, 1, highest_id, ready.token)
    throughput = load.run_wrk(
        wrk, base_url, scenario, options.duration, options.concurrency, highest_id, ready.token
    )
    sql_ms = None
    if scenario.reads:
        bearer = {"Authorization": f"Bearer {ready.token}"}
        sql_ms = sql_milliseconds(app, scenario.path, bearer, out / "plans" / f"{scenario.name}.txt")
    return report.Row(scenario, latency, throughput, sql_ms)


def main() -> None:
    options = arguments()
    load_at_start = " ".join(f"{value:.2f}" for value in os.getloadavg())
    loop_ms = calibration.python_loop_ms()
    wrk = load.ensure_wrk()
    server = database.server_url(options.server)
    url, preparation = prepared_database(server, options.rows)
    print(f"Database: {options.rows:,} tickets ({preparation}).", flush=True)
    out = RESULTS / datetime.now().strftime("%Y%m%d-%H%M%S")
    (out / "plans").mkdir(parents=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(url), "SECRET_KEY": "bench"})
    last_seeded_id = max_ticket_id(url)
    ready = fixtures.prepare(app)
    scenarios = [s for s in SCENARIOS if not options.only or s.name in options.only]
    rows = []
    with gunicorn(url, out / "gunicorn.log") as served:
        memory_before = served.worker_memory_mb()
        for scenario in scenarios:
            row = run_scenario(scenario, served.url, app, wrk, options, out, ready)
            rows.append(row)
            print(report.table([row]).splitlines()[-1], flush=True)
        memory_after = served.worker_memory_mb()
        if options.jobs:
            # After the scenarios, so the workers are warm and their memory settled.
            exported = export_memory.measure(served, ready.token, max_ticket_id(url))
            print(f"CSV export: {exported.summary()}", flush=True)
    job_rows = []
    if options.jobs:
        print("Timing the jobs…", flush=True)
        job_rows.append(jobs.timed_reclassify(url, options.rows, out, RECLASSIFY_TARGET_S))
        job_rows.append(jobs.timed_import(server, options.rows, out, IMPORT_TARGET_S))
    if options.keep:
        database.forget_created(url, last_seeded_id)
    else:
        database.drop(server, url.rsplit("/", 1)[1])
    context = {
        "command": (
            f"make bench ROWS={options.rows} DURATION={options.duration} CONCURRENCY={options.concurrency}"
        ),
        "database": f"{options.rows:,} tickets, {preparation}",
        "gunicorn workers": f"{len(memory_before)}, resident MB before → after: "
        + ", ".join(f"{a:.0f} → {b:.0f}" for a, b in zip(memory_before, memory_after, strict=False)),
        "CSV export of every ticket": exported.summary() if options.jobs else "not measured (--no-jobs)",
        "load average (1, 5, 15 min) at the start": load_at_start,
        "machine speed (bench/calibration.py, a million-step Python loop)": f"{loop_ms:.0f} ms",
        "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    markdown = report.write(out, rows, job_rows, context)
    print()
    print(markdown.read_text())


if __name__ == "__main__":
    main()
