"""What open agent pages cost the server while nothing changes (issue 21: 200 pages polling
every 5 s cost less than 10% of one core).

Each simulated page, every INTERVAL_S, asks what changed the way the SPA's look does (the
list with updated_since, newest activity first) and fetches its open ticket; the pages'
looks are spread evenly over the interval. Each request comes on a connection of its own,
as nginx (which keeps no upstream connections open) passes requests on to gunicorn. The
figure is the CPU time (user + system) of the gunicorn master and its workers over the
window, from /proc, as a share of one core, and PostgreSQL's beside it (every postgres
process of the machine: run it on a quiet one), which writes the lists' JSON; the target is
on the sum.
"""

import http.client
import json
import random
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from bench.measurement import Measurement
from bench.server import Server, postgresql_cpu_seconds

PAGES = 200
INTERVAL_S = 5.0
DURATION_S = 60.0
TARGET_SHARE = 0.10
# Threads sending the pages' requests: enough that one slow answer does not delay the
# looks of the pages after it past their turn.
CLIENT_THREADS = 16
# How far back each look reaches (the SPA looks from its newest activity minus a few seconds).
OVERLAP = timedelta(seconds=5)
LOOK = "/api/tickets/?updated_since={since}&ordering=-last_activity_at&page_size=100"


@dataclass(frozen=True)
class PollingCost:
    pages: int
    seconds: float  # of the window
    requests: int
    errors: int  # answers other than 200, and failed connections
    p50_ms: float  # of all the requests
    gunicorn_cpu_s: float
    postgresql_cpu_s: float

    @property
    def share(self) -> float:
        """Of one core: gunicorn's and PostgreSQL's."""
        return (self.gunicorn_cpu_s + self.postgresql_cpu_s) / self.seconds

    def measurements(self) -> list[Measurement]:
        return [
            Measurement(
                f"{self.pages} open agent pages polling every {INTERVAL_S:g} s for {self.seconds:.0f} s"
                f" ({self.requests:,} requests, p50 {self.p50_ms:.1f} ms, {self.errors} errors)",
                f"gunicorn {self.gunicorn_cpu_s / self.seconds:.1%} + PostgreSQL"
                f" {self.postgresql_cpu_s / self.seconds:.1%} = {self.share:.1%} of one core",
                f"< {TARGET_SHARE:.0%} of one core",
                self.errors == 0 and self.share < TARGET_SHARE,
            )
        ]


def measure(server: Server, token: str, ticket_ids: range, seconds: float = DURATION_S) -> PollingCost:
    """Poll from PAGES pages for seconds, each with one of ticket_ids open."""
    rng = random.Random(21)
    pages = [(number, rng.choice(ticket_ids)) for number in range(PAGES)]
    # Nothing changes meanwhile: every look reaches back from the same instant, as the
    # SPA's do, from the desk's newest activity less the overlap (so each look answers
    # with the tickets of those last seconds, as it does in the browser).
    since = _newest_activity(server.url, token) - OVERLAP
    look = LOOK.format(since=since.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    clients = [_Client(server.url, token, look, pages[n::CLIENT_THREADS]) for n in range(CLIENT_THREADS)]
    cpu_before, postgresql_before = server.cpu_seconds(), postgresql_cpu_seconds()
    started = time.monotonic()
    threads = [threading.Thread(target=client.run, args=(started, seconds)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    window = time.monotonic() - started
    cpu, postgresql_cpu = server.cpu_seconds() - cpu_before, postgresql_cpu_seconds() - postgresql_before
    latencies = [ms for client in clients for ms in client.latencies_ms]
    errors = sum(client.errors for client in clients)
    return PollingCost(
        PAGES, window, len(latencies), errors, statistics.median(latencies), cpu, postgresql_cpu
    )


def _newest_activity(base_url: str, token: str) -> datetime:
    """The desk's newest last_activity_at, which the SPA's first look asks for."""
    request = urllib.request.Request(
        f"{base_url}/api/tickets/?ordering=-last_activity_at&page_size=1",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        newest = json.load(response)["results"][0]["last_activity_at"]
    return datetime.fromisoformat(newest).astimezone(UTC)


class _Client:
    """One thread's share of the pages: page number n looks at (n / PAGES + k) * INTERVAL_S
    after the start, k = 0, 1, …, so that the pages' looks are spread evenly."""

    def __init__(self, base_url: str, token: str, look: str, pages: list[tuple[int, int]]):
        address = urlsplit(base_url)
        self._host, self._port = address.hostname, address.port
        self._headers = {"Authorization": f"Bearer {token}", "Connection": "close"}
        self._look = look
        self._pages = pages
        self.latencies_ms: list[float] = []
        self.errors = 0

    def run(self, started: float, seconds: float) -> None:
        turns = sorted(
            (INTERVAL_S * (number / PAGES + round_), ticket)
            for round_ in range(round(seconds / INTERVAL_S))
            for number, ticket in self._pages
        )
        for due, ticket in turns:
            time.sleep(max(0.0, started + due - time.monotonic()))
            self._get(self._look)
            self._get(f"/api/tickets/{ticket}/")

    def _get(self, path: str) -> None:
        connection = http.client.HTTPConnection(self._host, self._port, timeout=10)
        sent = time.perf_counter()
        try:
            connection.request("GET", path, headers=self._headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                self.errors += 1
        except OSError:
            self.errors += 1
        finally:
            connection.close()
        self.latencies_ms.append((time.perf_counter() - sent) * 1000)
