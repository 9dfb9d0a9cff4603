"""The process that holds open pages' streams (`flask events`): asyncio, so that a page
waiting for news costs a socket, not one of gunicorn's threads.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TypeVar

from aiohttp import web
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

from ticketsvc.events.watcher import ChangeWatcher

logger = logging.getLogger(__name__)
Answer = TypeVar("Answer")

PATH = "/api/events/"
WATCH_INTERVAL_S = 1.0
# An empty event this often keeps idle connections (and nginx's read timeout) alive, and
# moves the pages' looked_at on.
KEEP_ALIVE_S = 15.0
ACCESS_RECHECK_S = 60.0
STREAM_LIFETIME_S = 600.0
# How long EventSource waits before opening a dropped stream again.
RECONNECT_MS = 2000
# Events a stream may have waiting before it counts as gone (a page reads them at once).
INBOX_SIZE = 32
STREAM_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-store",
    # nginx passes each event on as it comes, not when a buffer fills.
    "X-Accel-Buffering": "no",
}
# Not passed on from the door's answer: aiohttp sets its own.
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

    def as_response(self) -> web.Response:
        headers = [(name, value) for name, value in self.headers if name.lower() not in HOP_BY_HOP]
        return web.Response(status=self.status, headers=headers, body=self.body)


def ask_the_door(app: Flask, request: web.Request) -> DoorAnswer:
    """The app's answer to this request, made of its method, path and headers."""
    environ = EnvironBuilder(
        path=PATH,
        method=request.method,
        headers=list(request.headers.items()),
        environ_base={"REMOTE_ADDR": request.remote or ""},
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
    """Look for changes while anyone listens; hand out what is found, and an empty event
    every KEEP_ALIVE_S."""
    loop = asyncio.get_running_loop()
    last_handed_out = loop.time()
    while True:
        if not hub.listeners:
            await hub.someone_listens()
            watcher.start_over()
            last_handed_out = loop.time()
        try:
            changes = await in_thread(watcher.look)
        except Exception:
            # The database away, or a fault: the streams stay open, and the next look may work.
            logger.exception("looking for changes failed; trying again in %s s", WATCH_INTERVAL_S)
        else:
            if changes.count or loop.time() - last_handed_out >= KEEP_ALIVE_S:
                hub.hand_out(changes.event())
                last_handed_out = loop.time()
        await asyncio.sleep(WATCH_INTERVAL_S)


HUB = web.AppKey("hub", Hub)
FLASK_APP = web.AppKey("flask_app", Flask)


async def stream(request: web.Request) -> web.StreamResponse:
    """GET /api/events/: the door's refusal, or a stream of changes."""
    app = request.app[FLASK_APP]
    answer = await in_thread(ask_the_door, app, request)
    if not answer.lets_in:
        return answer.as_response()
    response = web.StreamResponse(headers=STREAM_HEADERS)
    await response.prepare(request)
    loop = asyncio.get_running_loop()
    ends_at = loop.time() + STREAM_LIFETIME_S
    # A page that went away is noticed at the next write (within KEEP_ALIVE_S).
    with request.app[HUB].subscription() as inbox, suppress(ConnectionResetError):
        await response.write(f"retry: {RECONNECT_MS}\n\n".encode())
        recheck_at = loop.time() + ACCESS_RECHECK_S
        while (now := loop.time()) < ends_at:
            if now >= recheck_at:
                if not (await in_thread(ask_the_door, app, request)).lets_in:
                    break
                recheck_at = now + ACCESS_RECHECK_S
            try:
                event = await asyncio.wait_for(inbox.get(), min(ends_at, recheck_at) - now)
            except TimeoutError:
                continue
            if event == FELL_BEHIND:
                break
            await response.write(event)
    return response


def make_server(app: Flask) -> web.Application:
    """The aiohttp application serving PATH, and its watcher, for the Flask app."""
    server = web.Application()
    server[FLASK_APP] = app
    server[HUB] = Hub()
    server.router.add_get(PATH, stream, allow_head=False)
    server.cleanup_ctx.append(_watching)
    return server


async def _watching(server: web.Application):
    task = asyncio.create_task(watch(server[HUB], ChangeWatcher(server[FLASK_APP])))
    yield
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
