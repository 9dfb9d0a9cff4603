"""Running a coroutine from synchronous code with a hard deadline on the whole of it.

Why not rely on the SDK's timeout alone: google-genai hands `HttpOptions.timeout` to
httpx as one number, which httpx applies to each phase separately (connect, each read,
each write, pool). A server that sends a byte every second never trips a 5 s read
timeout and can hold a request open indefinitely. Only a deadline over the whole call
bounds it.

Why an event loop rather than a worker thread: a thread that is given up on keeps
running, and a trickling server can hold it (and its connection) forever, until the
pool of threads is exhausted. Cancelling an asyncio task, by contrast, stops the request
where it waits and closes its connection. So the calls run on one event loop in a
daemon thread, shared by every request thread of the process (httpx's async client
multiplexes them), and `run()` cancels whatever outlives its deadline.
"""

import asyncio
import os
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

Result = TypeVar("Result")

# How much longer than the deadline the caller waits for the loop to deliver the
# cancellation, if the loop is busy; after that the caller gives up on its own.
CANCELLATION_GRACE_S = 0.2


class _BackgroundLoop:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(
                    target=self._loop.run_forever, name="ticketsvc-classifier-loop", daemon=True
                ).start()
            return self._loop

    def forget_after_fork(self) -> None:
        # A forked child (gunicorn worker) has the parent's loop object but not its thread.
        self._loop = None
        self._lock = threading.Lock()


_background = _BackgroundLoop()
os.register_at_fork(after_in_child=_background.forget_after_fork)


def run_with_deadline(make_coroutine: Callable[[], Awaitable[Result]], timeout_s: float) -> Result:
    """Await make_coroutine() on the background loop; TimeoutError after timeout_s.

    Whatever the coroutine is doing when the deadline passes is cancelled, so nothing it
    started outlives the call.
    """
    if timeout_s <= 0:
        raise TimeoutError("no time left")

    async def bounded() -> Result:
        return await asyncio.wait_for(make_coroutine(), timeout_s)

    future = asyncio.run_coroutine_threadsafe(bounded(), _background.running_loop())
    try:
        return future.result(timeout=timeout_s + CANCELLATION_GRACE_S)
    except TimeoutError:  # also concurrent.futures' and asyncio's since Python 3.11
        future.cancel()
        raise
