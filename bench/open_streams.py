"""What open agent pages cost the server while nothing changes, where `flask events` runs
(issue 21: 200 open pages under 10% of one core).

Each simulated page does what an agent's page of the SPA does beside an events server
(frontend/src/features/tickets/api/ticket-change-stream.ts): it holds a stream of changes
open (GET /api/events/ at `flask events`), and makes one look for changes through
gunicorn each time its stream opens (the catch-up of what it missed meanwhile). It does
not poll. The server ends each stream after STREAM_LIFETIME_S, and the page opens another
at once: in a window of `seconds`, PAGES * seconds / STREAM_LIFETIME_S pages do so,
spread evenly, as they would in a long steady state. The pages open before the window;
their first looks are not in it.

The figure is the CPU time (user + system) over the window of gunicorn (master and
workers), of `flask events` and of the PostgreSQL backends of the app's database, as a
share of one core; the target is on the sum, as polling.py's.
"""

import http.client
import selectors
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from bench import database, polling, standalone
from bench.measurement import Measurement
from bench.server import Server, cpu_seconds_between, database_backends_cpu_seconds
from ticketsvc.events.server import STREAM_LIFETIME_S

PAGES = polling.PAGES
DURATION_S = 60.0
# Issue 21's: 200 open agent pages cost less than 10% of one core.
TARGET_SHARE = 0.10
EVENT_MARK = b"event: changes"


@dataclass(frozen=True)
class StreamsCost:
    pages: int
    seconds: float  # of the window
    reopened: int  # streams ended and opened again in the window, each with its look
    events: int  # `changes` events the pages received in the window
    errors: int  # streams not answered 200, or cut; looks not answered 200
    gunicorn_cpu_s: float
    events_cpu_s: float
    postgresql_cpu_s: float

    @property
    def share(self) -> float:
        """Of one core: gunicorn's, the events server's and PostgreSQL's."""
        return (self.gunicorn_cpu_s + self.events_cpu_s + self.postgresql_cpu_s) / self.seconds

    def measurements(self) -> list[Measurement]:
        gunicorn, events, postgresql = (
            seconds / self.seconds
            for seconds in (self.gunicorn_cpu_s, self.events_cpu_s, self.postgresql_cpu_s)
        )
        parts = f"gunicorn {gunicorn:.1%} + events {events:.1%} + PostgreSQL {postgresql:.1%}"
        return [
            Measurement(
                f"{self.pages} open agent pages on streams of changes for {self.seconds:.0f} s"
                f" ({self.reopened} reopened with their look, {self.events} events, {self.errors} errors)",
                f"{parts} = {self.share:.1%} of one core",
                f"< {TARGET_SHARE:.0%} of one core",
                self.errors == 0 and self.share < TARGET_SHARE,
            )
        ]


class _Pages:
    """PAGES streams on raw sockets, read as they come, and the looks pages make."""

    def __init__(self, server: Server, token: str):
        assert server.events_url is not None, "the benchmark's server runs no events server"
        events = urlsplit(server.events_url)
        self._events_address = (events.hostname, events.port)
        self._request = (
            f"GET /api/events/ HTTP/1.1\r\nHost: {events.netloc}\r\nAccept: text/event-stream\r\n"
            f"Authorization: Bearer {token}\r\n\r\n"
        ).encode()
        app = urlsplit(server.url)
        self._looks = http.client.HTTPConnection(app.hostname, app.port, timeout=10)
        self._headers = {"Authorization": f"Bearer {token}"}
        self._selector = selectors.DefaultSelector()
        self._answered: dict[socket.socket, bool] = {}
        self.events = self.errors = 0

    def open(self) -> socket.socket:
        """A page opens: its stream, then its catch-up look."""
        stream = socket.create_connection(self._events_address, timeout=10)
        stream.sendall(self._request)
        stream.setblocking(False)
        self._selector.register(stream, selectors.EVENT_READ)
        self._answered[stream] = False
        self._look()
        return stream

    def reopen(self, stream: socket.socket) -> socket.socket:
        self._selector.unregister(stream)
        del self._answered[stream]
        stream.close()
        return self.open()

    def read_until(self, deadline: float) -> None:
        while (left := deadline - time.monotonic()) > 0:
            for key, _ in self._selector.select(left):
                self._read(key.fileobj)  # type: ignore[arg-type]

    def close(self) -> None:
        for stream in list(self._answered):
            stream.close()
        self._selector.close()
        self._looks.close()

    def _read(self, stream: socket.socket) -> None:
        received = stream.recv(65536)
        if not received:  # the server ended it: not expected within its lifetime
            self.errors += 1
            self._selector.unregister(stream)
            del self._answered[stream]
            return
        if not self._answered[stream]:
            self._answered[stream] = True
            self.errors += not received.startswith(b"HTTP/1.1 200")
        self.events += received.count(EVENT_MARK)

    def _look(self) -> None:
        # The catch-up of a page whose last look was just now: nothing changed since.
        self._looks.request("GET", polling.look_path(datetime.now(UTC)), headers=self._headers)
        response = self._looks.getresponse()
        response.read()
        self.errors += response.status != 200


def measure(server: Server, database_url: str, token: str, seconds: float = DURATION_S) -> StreamsCost:
    """Hold PAGES pages' streams open for seconds, reopening as their lifetime has them."""
    database.wait_until_no_mail_queued(database_url)  # as polling.measure, for the same reason
    pages = _Pages(server, token)
    try:
        streams = [pages.open() for _ in range(PAGES)]
        pages.read_until(time.monotonic() + 2)  # every stream answered, the watcher looking
        pages.events = 0
        reopening = round(PAGES * seconds / STREAM_LIFETIME_S)
        cpu_before, events_before = server.cpu_seconds(), server.events_cpu_seconds()
        postgresql_before = database_backends_cpu_seconds(database_url)
        started = time.monotonic()
        for turn in range(reopening):
            pages.read_until(started + seconds * turn / reopening)
            streams[turn] = pages.reopen(streams[turn])
        pages.read_until(started + seconds)
        window = time.monotonic() - started
        return StreamsCost(
            PAGES,
            window,
            reopening,
            pages.events,
            pages.errors,
            server.cpu_seconds() - cpu_before,
            server.events_cpu_seconds() - events_before,
            cpu_seconds_between(postgresql_before, database_backends_cpu_seconds(database_url)),
        )
    finally:
        pages.close()


def main() -> None:
    """Measured alone, mail on as in production (`python -m bench.open_streams --rows N --keep`)."""
    standalone.measure_served(__doc__, measure)


if __name__ == "__main__":
    main()
