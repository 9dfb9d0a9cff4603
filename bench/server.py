"""The processes the benchmark serves from: the app under gunicorn with `flask worker` and
`flask events` beside it, as production runs them, and the floor under gunicorn; the
memory and CPU time of each."""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import database
from bench.floor_database import FLOOR_DIRECTORY
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import (
    Gunicorn,
    free_port,
    gunicorn_serving,
    wait_until_listening,
    wait_until_serving,
)

# What every process of the app reads besides its database: the worker and the served app
# must share the key that mail's follow links are derived from.
SECRET_KEY = "bench"
MAIL_FROM = "Support <support@bench.example.com>"
# What the benchmark, as an MTA, sends to POST /api/mail/inbound/.
MAIL_INBOUND_TOKEN = "bench-inbound-mail-token"
# /proc/<pid>/stat counts CPU time in clock ticks.
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@contextmanager
def gunicorn(database_url: str, log_path: Path, mail_directory: Path | None) -> Iterator["Server"]:
    """Serve the app with gunicorn.conf.py's own worker count, and run `flask worker` beside
    it, until the block ends. With mail_directory, mail is on (MAIL_URL=file://…): each
    write queues its mail in its transaction and the worker writes it out, as in production.
    The inbound mail door is open to MAIL_INBOUND_TOKEN.

    Throughput is measured from one client address, so per-client limits are off (the
    default of gunicorn_serving); classify answers from the offline fallback.
    """
    settings = {"SECRET_KEY": SECRET_KEY, "MAIL_INBOUND_TOKEN": MAIL_INBOUND_TOKEN}
    if mail_directory:
        settings |= {"MAIL_URL": mail_directory.as_uri(), "MAIL_FROM": MAIL_FROM}
    events_port = free_port()
    with (
        open(log_path, "wb") as log,
        gunicorn_serving(database_url, log, **settings) as served,
        flask_command(["worker"], database_url, log, settings),
        flask_command(["events", "--port", str(events_port)], database_url, log, settings) as events,
    ):
        wait_until_listening(events_port, events)
        yield Server(served, events.pid, f"http://127.0.0.1:{events_port}")


@contextmanager
def flask_command(arguments: list[str], database_url: str, log, settings: dict) -> Iterator[subprocess.Popen]:
    """`flask worker` (every kind of background work: mail, bulk jobs) or `flask events`
    (open pages' streams of changes), until the block ends."""
    environment = {
        **{name: value for name, value in os.environ.items() if name != "GEMINI_API_KEY"},
        "DATABASE_URL": database_url,
        **settings,
    }
    flask = Path(sys.executable).with_name("flask")
    process = subprocess.Popen(
        [str(flask), "--app", "wsgi", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=60)


@contextmanager
def floor_gunicorn(floor_url: str, workers: int, log_path: Path) -> Iterator["Server"]:
    """The floor (bench/floor/app.py) served as its README serves it, with as many workers as
    ticketsvc has, on a port of its own, until the block ends."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "app:app",
    ]
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        # Started in the floor's directory, so that gunicorn does not read ticketsvc's
        # gunicorn.conf.py, which it looks for in the current directory.
        process = subprocess.Popen(
            command,
            cwd=FLOOR_DIRECTORY,
            env={**os.environ, "FLOOR_DSN": floor_url},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            # The floor has no health endpoint; its stats are its cheapest read.
            wait_until_serving(f"{url}/api/tickets/stats/", process, seconds=60)
            yield Server(Gunicorn(url, process.pid))
        finally:
            process.terminate()
            process.wait(timeout=60)


class Server:
    def __init__(self, served: Gunicorn, events_pid: int | None = None, events_url: str | None = None):
        self.url = served.url
        self.master_pid = served.pid
        self.events_pid = events_pid  # `flask events`, where it runs beside gunicorn
        self.events_url = events_url

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_memory_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the master and its workers have used so far."""
        return sum(_cpu_seconds(pid) for pid in [self.master_pid, *self.worker_pids()])

    def events_cpu_seconds(self) -> float:
        """CPU time (user + system) `flask events` has used so far (threads included)."""
        assert self.events_pid is not None, "no events server runs beside this gunicorn"
        return _cpu_seconds(self.events_pid)


def database_backends_cpu_seconds(database_url: str) -> dict[int, float]:
    """pid → CPU time (user + system) so far of each PostgreSQL backend connected to the
    database of database_url, but the one asking: the app's and its worker's pooled
    connections. Autovacuum, the server's background processes and other databases'
    clients (other sessions' tests on a shared machine) are not theirs."""
    by_pid = {}
    for pid in database.client_backend_pids(database_url):
        try:
            by_pid[pid] = _cpu_seconds(pid)
        except (FileNotFoundError, ProcessLookupError):
            continue  # exited since the listing
    return by_pid


def cpu_seconds_between(before: dict[int, float], after: dict[int, float]) -> float:
    """What the backends of `after` used since `before` (a backend new since then: all of
    its time; one that exited meanwhile takes its time with it)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _cpu_seconds(pid: int) -> float:
    # The command name (field 2) may hold spaces: the fields after its ")" are fixed;
    # utime and stime are fields 14 and 15 (proc(5)).
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
