"""What `make run` runs: embedded PostgreSQL + migrations + demo seed + gunicorn, and
Ctrl-C stops all of it. Exercised as a real process tree, on a temporary data directory."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.http_client import call
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import free_port, wait_until_serving

CREATED_ACCOUNT = re.compile(r"^Created (?:admin|agent) (\S+) with password (\S+)$", re.M)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.load(response)


def wait_for_health(url: str, process) -> tuple[int, dict]:
    # The first start installs nothing but still initialises a database: allow 90 s.
    wait_until_serving(url, process, seconds=90)
    return get_json(url)


def start_server(pgdata: Path, port: int, output: Path, mail: Path):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment["TICKETSVC_PGDATA"] = str(pgdata)
    environment["MAIL_URL"] = mail.as_uri()
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
        stdout=output.open("ab"),
        stderr=subprocess.STDOUT,
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


def signed_in_listing(base_url: str, email: str, password: str) -> dict:
    """The first page of tickets, as the account signs in through the API (a cookie)."""
    login = call(base_url, "POST", "/api/auth/login/", json_body={"email": email, "password": password})
    assert login.status == 200, login.body
    cookie = login.headers["Set-Cookie"].split(";")[0]
    return call(base_url, "GET", "/api/tickets/", headers={"Cookie": cookie}).json()


def mail_arrives(mail: Path, seconds: float = 20) -> str:
    """The first .eml file the worker writes into mail, once it is there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        written = sorted(mail.glob("*.eml"))
        if written:
            return written[0].read_text()
        time.sleep(0.2)
    raise AssertionError(f"no mail in {mail} after {seconds} s")


def test_embedded_server_seeds_once_serves_and_stops_on_ctrl_c(tmp_path):
    pgdata, port, output, mail = tmp_path / "pgdata", free_port(), tmp_path / "output.log", tmp_path / "mail"
    base_url = f"http://127.0.0.1:{port}"
    first = start_server(pgdata, port, output, mail)
    try:
        assert wait_for_health(f"{base_url}/api/health/", first) == (200, {"status": "ok", "database": "ok"})
        # This machine only, unless asked otherwise (--host): never every interface.
        assert f"Listening at: http://127.0.0.1:{port} " in output.read_text()
        accounts = dict(CREATED_ACCOUNT.findall(output.read_text()))
        assert set(accounts) == {"admin@example.com", "dana@example.com"}
        assert call(base_url, "GET", "/api/tickets/").status == 401
        assert signed_in_listing(base_url, "admin@example.com", accounts["admin@example.com"])["count"] == 300
        # The worker runs beside gunicorn: a customer's acknowledgement lands as a file.
        ticket = {"title": "Hello", "description": "Does mail work?", "requester_email": "ana@example.org"}
        assert call(base_url, "POST", "/api/tickets/", json_body=ticket).status == 201
        assert "To: ana@example.org" in mail_arrives(mail)
        # No nginx in front: gunicorn logs the requests itself.
        assert '"POST /api/tickets/ HTTP/1.1" 201' in output.read_text()
    finally:
        press_ctrl_c(first)
    assert not postmaster_running(pgdata)

    second = start_server(pgdata, port, output, mail)
    try:
        wait_for_health(f"{base_url}/api/health/", second)
        # The data was kept (the demo tickets and the customer's), and neither seeded nor
        # given new accounts a second time.
        assert len(CREATED_ACCOUNT.findall(output.read_text())) == 2
        assert signed_in_listing(base_url, "dana@example.com", accounts["dana@example.com"])["count"] == 301
    finally:
        press_ctrl_c(second)
    assert not postmaster_running(pgdata)
