"""The events server on a thread of the test process, and a reader of its streams."""

import asyncio
import http.client
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from aiohttp import web

from ticketsvc.events.server import make_server


@contextmanager
def events_server(app) -> Iterator[int]:
    """make_server(app) listening on a free loopback port (yielded) until the block ends."""
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(make_server(app), shutdown_timeout=1)
    started = threading.Event()
    port: list[int] = []

    async def start() -> None:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        started.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()))
    thread.start()
    started.wait(10)
    try:
        yield port[0]
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@dataclass(frozen=True)
class Event:
    name: str
    data: str

    def json(self) -> dict:
        return json.loads(self.data)


class Stream:
    """GET /api/events/ with headers; the answer's status, headers and its events."""

    def __init__(self, port: int, headers: dict[str, str], timeout_s: float = 10):
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)
        self._connection.request("GET", "/api/events/", headers=headers)
        self.response = self._connection.getresponse()

    def close(self) -> None:
        self._connection.close()

    def events(self, within_s: float) -> Iterator[Event]:
        """Events (and `retry`, as an event named "retry") until within_s has passed or the
        stream ends."""
        deadline = time.monotonic() + within_s
        name, data = "message", []
        while time.monotonic() < deadline:
            line = self.response.readline()
            if not line:
                return  # the server ended the stream
            field, _, value = line.decode().rstrip("\n").partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
            elif field == "retry":
                yield Event("retry", value)
            elif field == "" and data:
                yield Event(name, "\n".join(data))
                name, data = "message", []

    def changes(self, within_s: float) -> list[dict]:
        """The data of every `changes` event within within_s."""
        return [event.json() for event in self.events(within_s) if event.name == "changes"]
