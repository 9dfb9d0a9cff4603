"""Reading the deployment files, and running what they describe on loopback."""

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.http_client import Reply, call
from ticketsvc.config import PROJECT_ROOT

NGINX_CONF = PROJECT_ROOT / "nginx" / "nginx.conf"
REAL_SPA_BUILD = PROJECT_ROOT / "frontend" / "dist"


def skip_or_fail(reason: str):
    """Skip with a visible reason on a workstation; in CI a missing piece is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: not skipping)")
    pytest.skip(reason)


# ---- the files ----


def dockerfile_stages() -> dict[str, list[tuple[str, str]]]:
    """Stage name -> its (INSTRUCTION, arguments) in order; comments and line breaks gone."""
    text = (PROJECT_ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    stages: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        instruction, arguments = instruction.upper(), " ".join(arguments.split())
        if instruction == "FROM":
            current = stages.setdefault(arguments.split()[-1], [])
        current.append((instruction, arguments))
    return stages


def compose_environment(service: dict) -> dict[str, str | None]:
    """A service's `environment:` as a dict; None for names passed on from the shell or .env."""
    entries = service.get("environment", [])
    if isinstance(entries, dict):
        return entries
    return {name: (value if sep else None) for name, sep, value in (e.partition("=") for e in entries)}


def healthcheck_command(compose: dict, port: int) -> list[str]:
    """The backend's compose healthcheck, aimed at `port` instead of 8000."""
    kind, *command = compose["services"]["backend"]["healthcheck"]["test"]
    assert kind == "CMD"
    return [part.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for part in command]


def render_nginx_conf(
    *, upstream_port: int, events_port: int, static_root: Path, listen_port: int, prefix: Path
) -> str:
    """nginx.conf for loopback: exactly the substitutions documented at its top."""
    text = NGINX_CONF.read_text()
    for compose_value, loopback_value in {
        "backend:8000 resolve": f"127.0.0.1:{upstream_port}",
        "events:8001 resolve": f"127.0.0.1:{events_port}",
        "/usr/share/nginx/html": str(static_root),
        "listen 3000": f"listen 127.0.0.1:{listen_port}",
        "/tmp/nginx/": f"{prefix}/",
    }.items():
        assert compose_value in text, f"nginx.conf no longer contains {compose_value!r}"
        text = text.replace(compose_value, loopback_value)
    return text


# ---- processes ----


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listened on port {port} within {seconds} s:\n{log.read_text()}")


def wait_until_healthy(healthcheck: list[str], process, log: Path, seconds: float = 45) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the backend command exited with {process.returncode}:\n{log.read_text()}")
        if subprocess.run(healthcheck, capture_output=True).returncode == 0:
            return
        time.sleep(0.3)
    pytest.fail(f"the backend's healthcheck did not pass within {seconds} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group we started: gunicorn or nginx, with their workers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# ---- HTTP ----


@dataclass
class Site:
    """A running nginx, spoken to like a browser or curl would."""

    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, **options) -> Reply:
        return call(self.url, method, path, timeout=15, **options)

    def get(self, path: str, **options) -> Reply:
        return self.request("GET", path, **options)
