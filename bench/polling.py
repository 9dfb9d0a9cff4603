"""What open agent pages cost the server while nothing changes when they poll: the SPA's
fallback where no events server runs (`make run`), or while its stream is down. Issue 21's
target (200 pages, less than 10% of one core) is on what the SPA does beside `flask events`
(open_streams.py); this figure is reported beside it, with no target of its own.

Each simulated page does what an agent's queue page of the SPA does
(frontend/src/features/tickets/api/get-ticket-changes.ts): every CHANGES_POLL_MS it asks
what changed (the list with updated_since, newest activity first), reaching back the
overlap from the newest activity it has seen or from the server's `Date` of its last
answer, whichever is later. Nothing else is asked while nothing changes: the SPA fetches
a ticket, a list page or the queue's counts again only when a look reports a change.
The pages' looks are spread evenly over the interval, and reach gunicorn over a few
connections kept open, one per client thread, as nginx passes them on (nginx/nginx.conf's
upstream keepalive). The figure is the CPU time (user + system) of the gunicorn master
and its workers over the window, from /proc, as a share of one core, and that of the
PostgreSQL backends serving the app's database beside it (the app's and its worker's
connections, which write the lists' JSON; not autovacuum's after the write scenarios, nor
other databases'); the target is on the sum.
"""

import http.client
import json
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlsplit

from bench import database, standalone
from bench.measurement import Measurement
from bench.server import Server, cpu_seconds_between, database_backends_cpu_seconds

PAGES = 200
# The SPA's CHANGES_POLL_MS (tests/bench/test_polling.py holds them equal).
INTERVAL_S = 4.0
DURATION_S = 60.0
# Threads sending the pages' requests: enough that one slow answer does not delay the
# looks of the pages after it past their turn.
CLIENT_THREADS = 16
# How far back each look reaches (the SPA's CHANGES_OVERLAP_MS).
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
                "none: the fallback (open_streams.py has the target)",
                self.errors == 0,
            )
        ]


def measure(server: Server, database_url: str, token: str, seconds: float = DURATION_S) -> PollingCost:
    """Poll from PAGES pages for seconds, server serving from database_url."""
    # The worker first sends the mail the write scenarios queued: its connection is one of
    # the app's, and its PostgreSQL time while it works through them (9.9% of a core in a
    # run that did not wait) is not what open pages cost.
    database.wait_until_no_mail_queued(database_url)
    # Nothing changes from here: once the overlap has passed since the desk's last change,
    # a look reaching back from now finds none (the benchmark's write scenarios end just
    # before; their last seconds of changes are not what the pages cost while nothing changes).
    last_change = _first_look(server.url, token).newest
    time.sleep(max(0.0, (last_change + OVERLAP - datetime.now(UTC)).total_seconds() + 1))
    # Every page opened on the desk as it is then, after its first look (the desk's newest
    # activity, and when the server answered it), as the SPA's are.
    first = _first_look(server.url, token)
    pages = [_Page(number, first.newest, first.answered_at) for number in range(PAGES)]
    clients = [_Client(server.url, token, pages[n::CLIENT_THREADS]) for n in range(CLIENT_THREADS)]
    cpu_before, postgresql_before = server.cpu_seconds(), database_backends_cpu_seconds(database_url)
    started = time.monotonic()
    threads = [threading.Thread(target=client.run, args=(started, seconds)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    window = time.monotonic() - started
    cpu = server.cpu_seconds() - cpu_before
    postgresql_cpu = cpu_seconds_between(postgresql_before, database_backends_cpu_seconds(database_url))
    latencies = [ms for client in clients for ms in client.latencies_ms]
    errors = sum(client.errors for client in clients)
    return PollingCost(
        PAGES, window, len(latencies), errors, statistics.median(latencies), cpu, postgresql_cpu
    )


def _first_look(base_url: str, token: str) -> "_Page":
    """The SPA's first look: the desk's newest last_activity_at, and the server's Date."""
    request = urllib.request.Request(
        f"{base_url}/api/tickets/?ordering=-last_activity_at&page_size=1",
        headers={"Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer, date = response.read(), response.headers["Date"]
    page = _Page(-1, datetime.min.replace(tzinfo=UTC))
    page.take(answer, date)
    return page


def _instant(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def look_path(since: datetime) -> str:
    """The SPA's look for tickets changed since `since`."""
    return LOOK.format(since=quote(since.strftime("%Y-%m-%dT%H:%M:%S.%fZ")))


@dataclass
class _Page:
    """One open page and where its last look left off, kept as the SPA keeps it."""

    number: int
    newest: datetime  # the newest last_activity_at seen
    answered_at: datetime | None = None  # the server's Date of the last look, less a second

    def look(self) -> str:
        reach_from = max(self.newest, self.answered_at) if self.answered_at else self.newest
        return look_path(reach_from - OVERLAP)

    def take(self, answer: bytes, date: str | None) -> None:
        for ticket in json.loads(answer)["results"]:
            self.newest = max(self.newest, _instant(ticket["last_activity_at"]))
        if date:
            self.answered_at = parsedate_to_datetime(date) - timedelta(seconds=1)


class _Client:
    """One thread's share of the pages: page number n looks at (n / PAGES + k) * INTERVAL_S
    after the start, k = 0, 1, …, so that the pages' looks are spread evenly."""

    def __init__(self, base_url: str, token: str, pages: list[_Page]):
        address = urlsplit(base_url)
        self._host, self._port = address.hostname, address.port
        self._headers = {"Authorization": f"Bearer {token}"}
        self._connection: http.client.HTTPConnection | None = None
        self._pages = pages
        self.latencies_ms: list[float] = []
        self.errors = 0

    def run(self, started: float, seconds: float) -> None:
        # (due, number, page): numbers are unique, so pages are never compared.
        turns = sorted(
            (INTERVAL_S * (page.number / PAGES + round_), page.number, page)
            for round_ in range(round(seconds / INTERVAL_S))
            for page in self._pages
        )
        for due, _, page in turns:
            time.sleep(max(0.0, started + due - time.monotonic()))
            answered = self._get(page.look())
            if answered:
                page.take(*answered)

    def _get(self, path: str) -> tuple[bytes, str | None] | None:
        """(body, Date header) of a 200; None, counted as an error, otherwise."""
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self._host, self._port, timeout=10)
        sent = time.perf_counter()
        answered = None
        try:
            self._connection.request("GET", path, headers=self._headers)
            response = self._connection.getresponse()
            body = response.read()
            if response.status == 200:
                answered = body, response.getheader("Date")
            else:
                self.errors += 1
        except (OSError, http.client.HTTPException):
            self.errors += 1
            self._connection.close()
            self._connection = None  # the next request opens another
        self.latencies_ms.append((time.perf_counter() - sent) * 1000)
        return answered


def main() -> None:
    """Measured alone, mail on as in production (`python -m bench.polling --rows N --keep`)."""
    standalone.measure_served(__doc__, measure)


if __name__ == "__main__":
    main()
