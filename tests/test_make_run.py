"""What `make run` runs: embedded PostgreSQL + migrations + demo seed + gunicorn, and
Ctrl-C stops all of it. Exercised as a real process tree, on a temporary data directory."""

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import free_port, wait_until_serving


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.load(response)


def wait_for_health(url: str, process) -> tuple[int, dict]:
    # The first start installs nothing but still initialises a database: allow 90 s.
    wait_until_serving(url, process, seconds=90)
    return get_json(url)


def start_server(pgdata: Path, port: int):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment["TICKETSVC_PGDATA"] = str(pgdata)
    environment["GUNICORN_WORKERS"] = "1"
    command = [
        sys.executable,
        "-m",
        "ticketsvc.devtools.embedded_db",
        sys.executable,
        "-m",
        "ticketsvc.devtools.serve",
        "--port",
        str(port),
    ]
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def press_ctrl_c(process):
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: the whole group
    assert process.wait(timeout=30) == 0


def postmaster_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except ProcessLookupError:
        return False
    return True


def test_embedded_server_seeds_once_serves_and_stops_on_ctrl_c(tmp_path):
    pgdata, port = tmp_path / "pgdata", free_port()
    first = start_server(pgdata, port)
    try:
        assert wait_for_health(f"http://127.0.0.1:{port}/api/health/", first) == (
            200,
            {"status": "ok", "database": "ok"},
        )
        _, page = get_json(f"http://127.0.0.1:{port}/api/tickets/")
        assert page["count"] == 300
    finally:
        press_ctrl_c(first)
    assert not postmaster_running(pgdata)

    second = start_server(pgdata, port)
    try:
        wait_for_health(f"http://127.0.0.1:{port}/api/health/", second)
        _, page = get_json(f"http://127.0.0.1:{port}/api/tickets/")
        assert page["count"] == 300  # the data was kept, and not seeded twice
    finally:
        press_ctrl_c(second)
    assert not postmaster_running(pgdata)
