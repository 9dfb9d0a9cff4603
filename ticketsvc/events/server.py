"""The process that holds open pages' streams (`flask events`): asynchronous (Starlette under
uvicorn), so that a page waiting for news costs a socket, not one of gunicorn's threads.

Every stream is let in by the app's own door (routes.py), asked in-process with the
request's headers: whoever the app would refuse gets the app's own refusal (401, 403),
word for word. While a stream is open the door is asked again every ACCESS_RECHECK_S, and
the stream ends when the answer changes (signed out, deactivated, token revoked); it also
ends after STREAM_LIFETIME_S, and the browser opens a new one (EventSource does).

One task looks for changes (watcher.py) every WATCH_INTERVAL_S while any stream is open,
in a thread (the app's database code is synchronous), and hands each event to every
stream's inbox; a stream too slow to take them is ended, and its page catches up with a
look of its own when it reconnects.
"""

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from typing import TypeVar

from flask import Flask
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from werkzeug.test import EnvironBuilder, run_wsgi_app

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.events.watcher import ChangeWatcher

logger = logging.getLogger(__name__)
Answer = TypeVar("Answer")

PATH = "/api/events/"
WATCH_INTERVAL_S = 1.0
# An empty event this often keeps idle connections (and nginx's read timeout) alive, and
# moves the pages' looked_at on.
KEEP_ALIVE_S = 15.0
# More changed than an event carries (a bulk change) tells every page to fetch everything
# again: at most this often, as often as pages did when they polled (the SPA's CHANGES_POLL_MS).
FLOOD_EVERY_S = 4.0
ACCESS_RECHECK_S = 60.0
STREAM_LIFETIME_S = 600.0
# How long EventSource waits before opening a dropped stream again.
RECONNECT_MS = 2000
# Events a stream may have waiting before it counts as gone (a page reads them at once).
INBOX_SIZE = 32
STREAM_HEADERS = {
    "Cache-Control": "no-store",
    # nginx passes each event on as it comes, not when a buffer fills.
    "X-Accel-Buffering": "no",
}
# Not passed on from the door's answer: uvicorn sets its own.
HOP_BY_HOP = frozenset({"content-length", "transfer-encoding", "connection", "keep-alive", "date", "server"})
FELL_BEHIND = b""


@dataclass(frozen=True)
class DoorAnswer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def lets_in(self) -> bool:
        return self.status == 204

    def as_response(self) -> Response:
        response = Response(self.body, status_code=self.status)
        for name, value in self.headers:  # each Set-Cookie its own
            if name.lower() not in HOP_BY_HOP:
                response.headers.append(name, value)
        return response


def ask_the_door(app: Flask, request: Request) -> DoorAnswer:
    """The app's answer to this request, made of its method, path and headers."""
    environ = EnvironBuilder(
        path=PATH,
        method=request.method,
        headers=list(request.headers.items()),
        environ_base={"REMOTE_ADDR": request.client.host if request.client else ""},
    ).get_environ()
    body, status, headers = run_wsgi_app(app, environ, buffered=True)
    try:
        return DoorAnswer(int(status.split()[0]), list(headers.items()), b"".join(body))
    finally:
        if hasattr(body, "close"):
            body.close()


async def in_thread(function: Callable[..., Answer], *arguments) -> Answer:
    """function(*arguments) on a thread of the default pool, in that thread's own context.

    Not asyncio.to_thread, which runs it in a copy of the caller's context: `flask events`
    serves inside the CLI's app context, so every call would find that one app context
    current, Flask would push no other, and calls running at once would share its database
    session, and its connection (psycopg2: "execute cannot be used while an asynchronous
    query is underway"). Each call here pushes an app context of its own.
    """
    return await asyncio.get_running_loop().run_in_executor(None, functools.partial(function, *arguments))


class Hub:
    """The open streams' inboxes, and the watcher's events handed to each."""

    def __init__(self) -> None:
        self._inboxes: set[asyncio.Queue[bytes]] = set()
        self._someone_listens = asyncio.Event()

    @contextmanager
    def subscription(self) -> Iterator[asyncio.Queue[bytes]]:
        inbox: asyncio.Queue[bytes] = asyncio.Queue(INBOX_SIZE)
        self._inboxes.add(inbox)
        self._someone_listens.set()
        try:
            yield inbox
        finally:
            self._inboxes.discard(inbox)
            if not self._inboxes:
                self._someone_listens.clear()

    @property
    def listeners(self) -> int:
        return len(self._inboxes)

    async def someone_listens(self) -> None:
        await self._someone_listens.wait()

    def hand_out(self, event: bytes) -> None:
        for inbox in self._inboxes:
            try:
                inbox.put_nowait(event)
            except asyncio.QueueFull:
                # The page stopped reading: its stream ends, and it catches up on return.
                inbox.get_nowait()
                inbox.put_nowait(FELL_BEHIND)


async def watch(hub: Hub, watcher: ChangeWatcher) -> None:
    """Look for changes while anyone listens; hand out what is found (more than an event
    carries, at most every FLOOD_EVERY_S), and an empty event every KEEP_ALIVE_S."""
    loop = asyncio.get_running_loop()
    last_handed_out = last_flood = loop.time() - FLOOD_EVERY_S
    while True:
        if not hub.listeners:
            await hub.someone_listens()
            watcher.start_over()
            last_handed_out = loop.time()
        try:
            changes = await in_thread(watcher.look)
        except DATABASE_UNAVAILABLE as error:
            # The streams stay open; the next look may find the database back.
            logger.warning(
                "database unavailable (%s); looking again in %s s", type(error).__name__, WATCH_INTERVAL_S
            )
        else:
            now = loop.time()
            if changes.more_than_sent:
                # A look skipped here reports nothing as seen (watcher.py): the next one
                # handed out, flood or not, covers what it found.
                due = now - last_flood >= FLOOD_EVERY_S
                last_flood = now if due else last_flood
            else:
                due = bool(changes.count) or now - last_handed_out >= KEEP_ALIVE_S
            if due:
                hub.hand_out(changes.event())
                last_handed_out = now
        await asyncio.sleep(WATCH_INTERVAL_S)


async def stream(request: Request) -> Response:
    """GET /api/events/: the door's refusal, or a stream of changes."""
    app = request.app.state.flask_app
    answer = await in_thread(ask_the_door, app, request)
    if not answer.lets_in:
        return answer.as_response()
    events = _events(request, app, request.app.state.hub)
    return StreamingResponse(events, headers=STREAM_HEADERS, media_type="text/event-stream")


async def _events(request: Request, app: Flask, hub: Hub) -> AsyncIterator[bytes]:
    # Starlette cancels this generator as soon as the page goes away.
    loop = asyncio.get_running_loop()
    ends_at = loop.time() + STREAM_LIFETIME_S
    with hub.subscription() as inbox:
        yield f"retry: {RECONNECT_MS}\n\n".encode()
        recheck_at = loop.time() + ACCESS_RECHECK_S
        while (now := loop.time()) < ends_at:
            if now >= recheck_at:
                if not (await in_thread(ask_the_door, app, request)).lets_in:
                    return
                recheck_at = now + ACCESS_RECHECK_S
            try:
                event = await asyncio.wait_for(inbox.get(), min(ends_at, recheck_at) - now)
            except TimeoutError:
                continue
            if event == FELL_BEHIND:
                return
            yield event


def make_server(app: Flask) -> Starlette:
    """The ASGI application serving PATH, and its watcher, for the Flask app."""

    @asynccontextmanager
    async def watching(_: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(watch(hub, ChangeWatcher(app)))
        yield
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task

    hub = Hub()
    server = Starlette(routes=[Route(PATH, stream, methods=["GET"])], lifespan=watching)
    server.state.flask_app, server.state.hub = app, hub
    return server
