"""The app under gunicorn on a free loopback port, as production runs it (the project's
gunicorn.conf.py), for the tests and the benchmark that need a real server."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
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
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@dataclass(frozen=True)
class Gunicorn:
    url: str
    pid: int  # the master's; its children are the workers


@contextmanager
def gunicorn_serving(
    database_url: str, output: BinaryIO | int = subprocess.DEVNULL, **settings: str
) -> Iterator[Gunicorn]:
    """Serve the app until the block ends, with rate limits off, no Gemini and cookies
    over plain http unless settings (environment variables) say otherwise; gunicorn's
    output goes to output."""
    port = free_port()
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
            **settings,
        }
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{url}/api/health/", process, seconds=60)
        yield Gunicorn(url, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=60)
