"""`make bench`: issue 9's workload against the app under gunicorn, on a seeded database,
beside the API floor over the same rows.

    python -m bench.run [--rows N] [--duration S] [--concurrency C] [--keep] [--only NAME…]
                        [--no-floor] [--mail on|off] [--no-jobs]

Creates (or, with --keep from an earlier run, reuses) the database ticketsvc_bench_<rows>
on the machine's PostgreSQL (127.0.0.1:5432; an embedded one if there is none, or
--server URL), seeds it, and loads the same tickets into the floor's database
(bench/floor/, ticketsvc_bench_<rows>_floor). Serves the app with gunicorn.conf.py,
`flask worker` and `flask events` beside it (mail on: MAIL_URL=file://<temporary
directory>), and the floor with as many gunicorn workers on another port. For each
scenario: checks its answers, drives it with wrk (one client for latency, --concurrency
clients for throughput), then the floor's same request the same way, and EXPLAIN ANALYZEs
each read's SQL. Then what 200 open pages cost (on streams of changes, and polling), the
export, a bulk job beside a PATCH loop and, mail on, the inbound mail door; once the
servers have stopped, a mail backlog delivered by a worker of its own, and the timed jobs;
prints the tables. Results and query plans land in
bench/results/<time>/.
"""

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

import sqlalchemy as sa

from bench import (
    bulk_job,
    calibration,
    database,
    export_memory,
    fixtures,
    floor_database,
    jobs,
    load,
    mail_cost,
    mail_throughput,
    open_streams,
    polling,
    report,
    standalone,
)
from bench.fixtures import Fixtures
from bench.measurement import Measurement
from bench.scenarios import SCENARIOS, floor_problems
from bench.server import MAIL_INBOUND_TOKEN, Server, floor_gunicorn, gunicorn
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
    parser.add_argument("--keep", action="store_true", help="keep the databases for the next run")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scenarios")
    parser.add_argument(
        "--no-jobs",
        dest="jobs",
        action="store_false",
        help="skip the open pages' cost, the export, the bulk job, the mail measurements, reclassify, import",
    )
    parser.add_argument(
        "--no-floor", dest="floor", action="store_false", help="skip loading, serving and driving the floor"
    )
    parser.add_argument(
        "--mail",
        choices=("on", "off"),
        default="on",
        help="mail on (MAIL_URL=file://…, delivered by the worker) or off, for an A/B"
        " (without the mail measurements) [on]",
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
        preparation = database.create_seeded(server, name, rows)
    database.vacuum(url)
    return url, preparation


def max_ticket_id(url: str) -> int:
    engine = sa.create_engine(database_url_for_sqlalchemy(url))
    with engine.connect() as connection:
        highest = connection.execute(sa.text("SELECT max(id) FROM tickets")).scalar_one()
    engine.dispose()
    return highest


def run_scenario(
    scenario,
    served: Server,
    floor: Server | None,
    app,
    wrk: str,
    options,
    out: Path,
    ready: Fixtures,
    settle: Callable[[], object],
) -> report.Row:
    """Check the scenario's answers (and the floor's), put both under load in turn (each run
    after settle()), time the scenario's SQL."""
    scenario = ready.filled(scenario)
    # Patches pick among the seeded tickets: both databases hold them under the same ids,
    # and a patch must not close the ticket the comment scenario writes to (409).
    seeded = ready.last_seeded_id
    load.check_answers(served.url, scenario, seeded, ready.token)
    sides = [(served.url, scenario, ready.token)]
    if floor and scenario.floor:
        on_floor = replace(scenario, path=scenario.floor)
        load.check_answers(floor.url, on_floor, seeded, floor_database.TOKEN, problems=floor_problems)
        sides.append((floor.url, on_floor, floor_database.TOKEN))
    (latency, throughput), *on_floor_figures = _alternated(wrk, sides, options, seeded, settle)
    sql_ms = None
    if scenario.reads:
        bearer = {"Authorization": f"Bearer {ready.token}"}
        sql_ms = sql_milliseconds(app, scenario.path, bearer, out / "plans" / f"{scenario.name}.txt")
    floor_figures = report.Floor(*on_floor_figures[0]) if on_floor_figures else None
    return report.Row(scenario, latency, throughput, sql_ms, floor_figures)


def _alternated(wrk: str, sides: list, options, highest_id: int, settle: Callable[[], object]) -> list[tuple]:
    """For each side (base URL, scenario, token): (latency with one client, throughput with
    --concurrency clients), each over load.ROUNDS rounds of --duration / load.ROUNDS
    seconds (whole, at least 1) taken in turn with the other side's, after a warm-up.
    Each run starts once settle() returns: with mail on, once the worker has sent what the
    run before queued, so that a run pays for the mail it makes (sent meanwhile), not for
    its predecessor's backlog (eight clients creating tickets queue acknowledgements faster
    than one worker sends them, and the next run, the floor's included, met the rest)."""
    seconds = max(1, round(options.duration / load.ROUNDS))
    for base_url, scenario, token in sides:
        load.run_wrk(wrk, base_url, scenario, load.WARM_UP_S, options.concurrency, highest_id, token)
    rounds: list[tuple[list, list]] = [([], []) for _ in sides]
    for _ in range(load.ROUNDS):
        for (base_url, scenario, token), (latencies, throughputs) in zip(sides, rounds, strict=True):
            for connections, results in ((1, latencies), (options.concurrency, throughputs)):
                settle()
                results.append(load.run_wrk(wrk, base_url, scenario, seconds, connections, highest_id, token))
    return [(load.combined(latencies), load.combined(throughputs)) for latencies, throughputs in rounds]


def _nothing_to_wait_for() -> None:
    """Mail off: no run leaves work behind."""


def reported(measured) -> list[Measurement]:
    """measured's lines, printed as they come."""
    lines = measured.measurements()
    standalone.print_measurements(lines)
    return lines


def main() -> None:
    options = arguments()
    started = datetime.now().astimezone()
    load_at_start = " ".join(f"{value:.2f}" for value in os.getloadavg())
    loop_ms = calibration.python_loop_ms()
    wrk = load.ensure_wrk()
    server = database.server_url(options.server)
    url, preparation = prepared_database(server, options.rows)
    print(f"Database: {options.rows:,} tickets ({preparation}).", flush=True)
    last_seeded_id = max_ticket_id(url)
    floor_url, floor_preparation = None, "not measured (--no-floor)"
    if options.floor:
        reuse = options.keep and preparation == "reused"
        floor_url, floor_preparation = floor_database.prepared(server, url, last_seeded_id, reuse)
        print(f"Floor database: {floor_preparation}.", flush=True)
    out = RESULTS / started.strftime("%Y%m%d-%H%M%S")
    (out / "plans").mkdir(parents=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(url), "SECRET_KEY": "bench"})
    ready = fixtures.prepare(app, last_seeded_id)
    scenarios = [s for s in SCENARIOS if not options.only or s.name in options.only]
    rows, measurements = [], []
    with ExitStack() as running:
        mail_directory = None
        if options.mail == "on":
            mail_directory = Path(running.enter_context(tempfile.TemporaryDirectory(prefix="bench-mail-")))
        served = running.enter_context(gunicorn(url, out / "gunicorn.log", mail_directory))
        floor = None
        if floor_url:
            workers = len(served.worker_pids())
            floor = running.enter_context(floor_gunicorn(floor_url, workers, out / "floor.log"))
        memory_before = served.worker_memory_mb()
        settle = partial(database.wait_until_no_mail_queued, url) if mail_directory else _nothing_to_wait_for
        for scenario in scenarios:
            row = run_scenario(scenario, served, floor, app, wrk, options, out, ready, settle)
            rows.append(row)
            print(report.table([row]).splitlines()[-1], flush=True)
        memory_after = served.worker_memory_mb()
        if options.jobs:
            # After the scenarios, so the workers are warm and their memory settled; the
            # bulk job after the polling and the export, as it changes the tickets they
            # read, and before the inbound door, whose new tickets it would hand over too.
            # The door only with mail on: its replies answer the acknowledgements mail queues.
            measurements += reported(open_streams.measure(served, url, ready.token))
            measurements += reported(polling.measure(served, url, ready.token))
            measurements += reported(export_memory.measure(served, ready.token, max_ticket_id(url)))
            measurements += reported(
                bulk_job.measure(
                    served.url, ready.token, ready.colleague_id, last_seeded_id, options.duration
                )
            )
            if mail_directory:
                measurements += reported(mail_throughput.measure_door(served.url, url, MAIL_INBOUND_TOKEN))
        mail = database.outgoing_mail_by_state(url, started) if mail_directory else {}
    if options.jobs and options.mail == "on":
        print("Serving with mail on and off side by side…", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-mail-") as mail_on:
            measurements += reported(mail_cost.measure(url, out, Path(mail_on), wrk, ready, options.duration))
        # With the served worker stopped, so that the measured one delivers the whole backlog.
        print("Timing the mail worker…", flush=True)
        backlog = mail_throughput.backlog_size(options.rows)
        measurements += reported(mail_throughput.measure_worker(url, backlog, out / "mail-worker.log"))
    job_rows = []
    if options.jobs:
        print("Timing the jobs…", flush=True)
        job_rows.append(jobs.timed_reclassify(url, options.rows, out, RECLASSIFY_TARGET_S))
        job_rows.append(jobs.timed_import(server, options.rows, out, IMPORT_TARGET_S))
    if options.keep:
        database.forget_created(url, last_seeded_id)
        if floor_url:
            floor_database.forget_created(floor_url, last_seeded_id)
    else:
        database.drop(server, url.rsplit("/", 1)[1])
        if floor_url:
            database.drop(server, floor_database.name_for(last_seeded_id))
    mail_line = "off (--mail off)"
    if options.mail == "on":
        # Read as the scenarios end: what the worker has not sent yet is still queued.
        states = ", ".join(f"{count:,} {state}" for state, count in sorted(mail.items())) or "none"
        mail_line = f"on (MAIL_URL=file://…, flask worker running); the run's mail at the end: {states}"
    context = {
        "command": (
            f"python -m bench.run --rows {options.rows} --duration {options.duration:g}"
            f" --concurrency {options.concurrency}"
            + ("" if options.floor else " --no-floor")
            + ("" if options.mail == "on" else " --mail off")
            + ("" if options.jobs else " --no-jobs")
            + (" --keep" if options.keep else "")
        ),
        "database": f"{options.rows:,} tickets, {preparation}",
        "floor": f"bench/floor/ on the same tickets ({floor_preparation}), as many workers as ticketsvc",
        "mail": mail_line,
        "gunicorn workers": f"{len(memory_before)}, resident MB before → after: "
        + ", ".join(f"{a:.0f} → {b:.0f}" for a, b in zip(memory_before, memory_after, strict=False)),
        "load average (1, 5, 15 min) at the start": load_at_start,
        "machine speed (bench/calibration.py, a million-step Python loop)": f"{loop_ms:.0f} ms",
        "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    markdown = report.write(out, rows, measurements, job_rows, context)
    print()
    print(markdown.read_text())


if __name__ == "__main__":
    main()
