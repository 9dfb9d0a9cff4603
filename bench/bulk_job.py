"""A bulk change by filter while agents keep working (issue 22: a job over 100,000 tickets
done in under 60 s, PATCH p50 meanwhile under twice its idle figure, in the same run).

A loop sends PATCHes back to back (a random status on a random seeded ticket, as the patch
scenario does) for a while with nothing else running: the idle p50. Then, the loop still
running, POST /api/tickets/bulk/ hands every ticket of the job's filter to a colleague;
the worker beside gunicorn carries it out a chunk at a time, and the job's state is read
until it is done: the time from the POST to done, and the PATCH p50 meanwhile.

`make bench` runs it after its scenarios; on its own, on a seeded database of its own:

    python -m bench.bulk_job [--rows N] [--keep]
"""

import http.client
import json
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench import standalone
from bench.measurement import Measurement
from bench.server import gunicorn
from ticketsvc.jobs.seed import STATUS_WEIGHTS

JOB_TICKETS = 100_000
TARGET_S_PER_100K = 60
PATCH_RATIO_LIMIT = 2.0
STATE_INTERVAL_S = 0.2
JOB_TIMEOUT_S = 1800


def job_filter(rows: int) -> str:
    """A list filter selecting about JOB_TICKETS of rows seeded tickets, or all of them when
    there are fewer: statuses added from the rarest (in_progress alone is a tenth, 100,000
    of a million)."""
    chosen, share = [], 0.0
    total = sum(STATUS_WEIGHTS.values())
    for status, weight in sorted(STATUS_WEIGHTS.items(), key=lambda item: item[1]):
        chosen.append(status)
        share += weight / total
        if share * rows >= JOB_TICKETS:
            break
    return "&".join(f"status={status}" for status in chosen)


@dataclass(frozen=True)
class BulkJobMeasurement:
    filter: str
    matched: int
    changed: int
    state: str
    seconds: float  # from the POST to the state done (or failed)
    idle_patch_p50_ms: float
    busy_patch_p50_ms: float
    patches_during: int
    patch_errors: int

    @property
    def target_s(self) -> float:
        return TARGET_S_PER_100K * self.matched / 100_000

    @property
    def patch_ratio(self) -> float:
        return self.busy_patch_p50_ms / self.idle_patch_p50_ms

    def measurements(self) -> list[Measurement]:
        return [
            Measurement(
                f"bulk job by filter ({self.filter}: {self.matched:,} tickets to a colleague,"
                f" {self.changed:,} changed), POST to {self.state}",
                f"{self.seconds:.1f} s",
                f"≤ {self.target_s:.1f} s ({TARGET_S_PER_100K} s per 100,000)",
                self.state == "done" and self.seconds <= self.target_s,
            ),
            Measurement(
                f"PATCH p50 during the job ({self.patches_during:,} PATCHes, {self.patch_errors} errors)"
                f" ÷ idle just before ({self.idle_patch_p50_ms:.2f} ms)",
                f"{self.busy_patch_p50_ms:.2f} ms: {self.patch_ratio:.2f}x",
                f"< {PATCH_RATIO_LIMIT:g}x",
                self.patch_errors == 0 and self.patch_ratio < PATCH_RATIO_LIMIT,
            ),
        ]


def measure(base_url: str, token: str, colleague_id: int, rows: int, idle_s: float) -> BulkJobMeasurement:
    """The PATCH loop idle for idle_s, then a job over job_filter(rows) while it goes on."""
    patches = _PatchLoop(base_url, token, rows)
    patches.start()
    try:
        time.sleep(idle_s)
        idle = patches.latencies_since(0)
        filter_ = job_filter(rows)
        body = {"filter": filter_, "set": {"assignee_id": colleague_id}}
        client = _Client(base_url, token)
        started = time.perf_counter()
        status, accepted = client.send("POST", "/api/tickets/bulk/", body)
        if status != 202:
            raise RuntimeError(f"the bulk change answered {status}: {accepted}")
        during_from = len(patches.latencies)
        job = _until_finished(client, accepted["job"])
        seconds = time.perf_counter() - started
        during = patches.latencies_since(during_from)
    finally:
        patches.stop()
    return BulkJobMeasurement(
        filter=filter_,
        matched=accepted["matched"],
        changed=job["changed"],
        state=job["state"],
        seconds=seconds,
        idle_patch_p50_ms=statistics.median(idle),
        busy_patch_p50_ms=statistics.median(during),
        patches_during=len(during),
        patch_errors=patches.errors,
    )


def _until_finished(client: "_Client", job_id: int) -> dict:
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        status, job = client.send("GET", f"/api/tickets/bulk/{job_id}/")
        if status != 200:
            raise RuntimeError(f"the job's state answered {status}: {job}")
        if job["state"] != "running":
            return job
        time.sleep(STATE_INTERVAL_S)
    raise RuntimeError(f"bulk job {job_id} still running after {JOB_TIMEOUT_S} s")


class _Client:
    """One keep-alive connection, signed with the token, JSON both ways."""

    def __init__(self, base_url: str, token: str):
        address = urlsplit(base_url)
        self._connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        self._headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def send(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        self._connection.request(method, path, body=body and json.dumps(body), headers=self._headers)
        response = self._connection.getresponse()
        return response.status, json.loads(response.read() or b"null")

    def close(self) -> None:
        self._connection.close()


class _PatchLoop:
    """PATCHes back to back from one client until stopped, each latency kept in order."""

    def __init__(self, base_url: str, token: str, rows: int):
        self._client = _Client(base_url, token)
        self._rows = rows
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="patch-loop", daemon=True)
        self.latencies: list[float] = []
        self.errors = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
        self._client.close()

    def latencies_since(self, first: int) -> list[float]:
        return self.latencies[first:]

    def _run(self) -> None:
        rng = random.Random(22)
        statuses = list(STATUS_WEIGHTS)
        while not self._stopped.is_set():
            path = f"/api/tickets/{rng.randint(1, self._rows)}/"
            sent = time.perf_counter()
            status, _ = self._client.send("PATCH", path, {"status": rng.choice(statuses)})
            self.latencies.append((time.perf_counter() - sent) * 1000)
            if status != 200:
                self.errors += 1


def main() -> None:
    with (
        standalone.prepared(__doc__, default_rows=100_000) as (options, url, ready),
        tempfile.TemporaryDirectory(prefix="bench-mail-") as mail,
        tempfile.NamedTemporaryFile() as log,
        gunicorn(url, Path(log.name), Path(mail)) as served,
    ):
        measured = measure(served.url, ready.token, ready.colleague_id, options.rows, idle_s=10)
    standalone.print_measurements(measured.measurements())


if __name__ == "__main__":
    main()
