"""The app under gunicorn on a free loopback port, as production runs it (the project's
gunicorn.conf.py), with `flask worker` beside it when asked, for the tests and the
benchmark that need a real server."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ticketsvc.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    """Return once url answers; fail if process exits first or nothing answers in time."""
    _wait_until(lambda: urllib.request.urlopen(url, timeout=2).close(), url, process, seconds)


def wait_until_listening(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    """Return once something accepts connections on port of this machine (a server whose
    every path wants credentials); fail as wait_until_serving does."""
    _wait_until(
        lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close(),
        f"port {port}",
        process,
        seconds,
    )


def _wait_until(attempt: Callable[[], None], what: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering on {what}")
        try:
            attempt()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer within {seconds} s")


@dataclass(frozen=True)
class Gunicorn:
    url: str
    pid: int  # the master's; its children are the workers


@contextmanager
def gunicorn_serving(
    database_url: str, output: BinaryIO | int = subprocess.DEVNULL, *, worker: bool = False, **settings: str
) -> Iterator[Gunicorn]:
    """Serve the app until the block ends, with rate limits off, no Gemini, cookies over
    plain http and links in mail to this server unless settings (environment variables) say
    otherwise; with worker, `flask worker` runs beside it with the same settings, as compose
    runs them (mail is delivered only then). Their output goes to output."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {name: value for name, value in os.environ.items() if name != "GEMINI_API_KEY"}
    environment.update(
        {
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "RATELIMIT_CLASSIFY": "off",
            "RATELIMIT_CREATE": "off",
            "RATELIMIT_LOGIN": "off",
            "RATELIMIT_COMMENT": "off",
            # Plain http on loopback; a key of this server's own unless one is given.
            "SESSION_COOKIE_SECURE": "false",
            "SECRET_KEY": environment.get("SECRET_KEY") or secrets.token_urlsafe(32),
            "PUBLIC_URL": url,
            **settings,
        }
    )
    bin_dir = Path(sys.executable).parent
    commands = [[str(bin_dir / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]]
    if worker:
        commands.append([str(bin_dir / "flask"), "--app", "wsgi", "worker"])
    processes = [
        subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        for command in commands
    ]
    try:
        wait_until_serving(f"{url}/api/health/", processes[0], seconds=60)
        for process in processes[1:]:
            if process.poll() is not None:
                raise RuntimeError(f"the worker exited with {process.returncode} before the server answered")
        yield Gunicorn(url, processes[0].pid)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
