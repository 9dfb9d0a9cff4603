"""The events server on a thread of the test process, and a reader of its streams."""

import http.client
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn

from ticketsvc.events.server import Hub, make_server


@dataclass(frozen=True)
class RunningEvents:
    port: int
    hub: Hub  # its streams' inboxes


@contextmanager
def events_server(app) -> Iterator[RunningEvents]:
    """make_server(app) under uvicorn on a free loopback port until the block ends."""
    served = make_server(app)
    config = uvicorn.Config(served, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield RunningEvents(server.servers[0].sockets[0].getsockname()[1], served.state.hub)
    finally:
        server.should_exit = True
        thread.join(10)


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
