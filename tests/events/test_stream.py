"""GET /api/events/ as `flask events` serves it: who may open a stream, what it carries,
and when it ends (ticketsvc/events/server.py, watcher.py)."""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from tests.deploy.deploy_stack import wait_for_port
from tests.events.streams import Stream, events_server
from tests.staff import ADMIN, AGENT
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import free_port
from ticketsvc.events import server, watcher

# Enough for a change to be looked at and handed out several times over.
SETTLE_S = 3.0


@pytest.fixture
def running(app, monkeypatch):
    """The events server, looking often and keeping idle streams busy, so that a test's
    wait is short and a stream always has a line to read."""
    monkeypatch.setattr(server, "WATCH_INTERVAL_S", 0.2)
    monkeypatch.setattr(server, "KEEP_ALIVE_S", 0.5)
    with events_server(app) as events:
        yield events


@pytest.fixture
def open_stream(running):
    opened = []

    def open_(headers: dict[str, str]) -> Stream:
        opened.append(Stream(running.port, headers))
        return opened[-1]

    yield open_
    for stream in opened:
        stream.close()


def ids_in(changes: list[dict]) -> list[int]:
    return [ticket["id"] for event in changes for ticket in event["results"]]


@pytest.mark.parametrize("member", [AGENT, ADMIN], ids=["agent", "admin"])
def test_staff_are_told_of_a_new_ticket_as_the_list_shows_it(open_stream, client, create_ticket, member):
    stream = open_stream(member.bearer)
    assert stream.response.status == 200
    assert stream.response.getheader("Content-Type").startswith("text/event-stream")
    assert stream.response.getheader("Cache-Control") == "no-store"
    created = create_ticket(title="Smoke from the printer")
    listed = client.get("/api/tickets/?ordering=-last_activity_at&page_size=1").get_json()["results"][0]
    changes = stream.changes(SETTLE_S)
    sent = [ticket for event in changes for ticket in event["results"]]
    assert sent == [listed]
    assert listed["id"] == created["id"]
    assert all(event["count"] == len(event["results"]) and event["count_exact"] for event in changes)


def test_flask_events_lets_in_many_pages_opening_at_once(app, database_url, tmp_path):
    """The command, not make_server alone: it serves inside the CLI's app context, which
    calls made at once on threads must not share (server.in_thread)."""
    port, log = free_port(), tmp_path / "events.log"
    command = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "events", "--port", str(port)]
    environment = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "events-test"}
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=output)
    try:
        wait_for_port(port, process, log)
        with ThreadPoolExecutor(20) as pool:
            statuses = list(pool.map(lambda _: _opened_status(port), range(60)))
    finally:
        process.terminate()
        process.wait(10)
    assert statuses == [200] * 60, log.read_text()


def _opened_status(port: int) -> int:
    stream = Stream(port, AGENT.bearer)
    try:
        return stream.response.status
    finally:
        stream.close()


def test_the_stream_first_says_how_soon_to_reconnect(open_stream):
    first = next(open_stream(AGENT.bearer).events(SETTLE_S))
    assert (first.name, first.data) == ("retry", str(server.RECONNECT_MS))


def test_each_change_is_told_once_although_the_looks_overlap(open_stream, client, create_ticket):
    stream = open_stream(AGENT.bearer)
    first, second = create_ticket(), create_ticket()
    assert sorted(ids_in(stream.changes(SETTLE_S))) == [first["id"], second["id"]]
    assert client.patch(f"/api/tickets/{first['id']}/", json={"status": "in_progress"}).status_code == 200
    assert ids_in(stream.changes(SETTLE_S)) == [first["id"]]


def test_an_idle_stream_hears_an_empty_event_that_moves_looked_at_on(open_stream):
    changes = open_stream(AGENT.bearer).changes(2.0)
    assert len(changes) >= 2
    assert all(event == {**event, "count": 0, "results": []} for event in changes)
    assert changes[0]["looked_at"] < changes[-1]["looked_at"]


def test_more_changes_than_one_event_carries_tell_pages_to_fetch_everything(
    open_stream, create_ticket, monkeypatch
):
    monkeypatch.setattr(watcher, "MOST_SENT", 2)
    for _ in range(3):
        create_ticket()
    # The first look, made for the first stream, reaches back the overlap: all three at once
    # (made while it looks, they could come one look at a time).
    stream = open_stream(AGENT.bearer)
    flood = next(event for event in stream.changes(SETTLE_S) if event["count"])
    assert (flood["count"], len(flood["results"])) == (3, 2)


def test_while_more_keep_changing_than_an_event_carries_pages_are_told_so_every_few_seconds(
    open_stream, create_ticket, monkeypatch
):
    monkeypatch.setattr(watcher, "MOST_SENT", 2)
    stream = open_stream(AGENT.bearer)
    for _ in range(8):  # a bulk change, say: every look finds more than two
        create_ticket()
    floods = [event for event in stream.changes(2.0) if event["count"] > len(event["results"])]
    # Looks every 0.2 s, each finding more than two; everything fetched again at most
    # every FLOOD_EVERY_S (4 s), whatever the creates took.
    told_at = [datetime.fromisoformat(event["looked_at"]) for event in floods]
    assert told_at
    assert all(later - earlier >= timedelta(seconds=3.9) for earlier, later in pairwise(told_at))


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer tsvc_not-a-token"}, {"Cookie": "ticketsvc_session=forged"}],
    ids=["anonymous", "bad token", "forged cookie"],
)
def test_without_a_credential_that_holds_the_apps_own_401_comes_back(open_stream, anonymous, headers):
    stream = open_stream(headers)
    cookie = headers.get("Cookie")
    if cookie:  # Flask's test client takes cookies only this way
        anonymous.set_cookie(*cookie.split("=", 1))
    from_the_app = anonymous.get("/api/events/", headers={} if cookie else headers)
    assert stream.response.status == from_the_app.status_code == 401
    for header in ("WWW-Authenticate", "Set-Cookie"):
        assert stream.response.getheader(header) == from_the_app.headers.get(header)
    assert stream.response.read() == from_the_app.data


def test_a_customers_key_opens_no_stream(open_stream, anonymous):
    created = anonymous.post("/api/tickets/", json={"title": "Locked out", "description": "Help."}).get_json()
    stream = open_stream({"X-Ticket-Key": created["access_key"]})
    assert stream.response.status == 401


def test_a_stream_ends_once_its_token_is_revoked(open_stream, client, monkeypatch):
    monkeypatch.setattr(server, "ACCESS_RECHECK_S", 0.5)
    token = client.post("/api/auth/tokens/", json={"name": "stream"}).get_json()
    stream = open_stream({"Authorization": f"Bearer {token['token']}"})
    assert stream.response.status == 200
    assert client.delete(f"/api/auth/tokens/{token['id']}/").status_code == 204
    list(stream.events(SETTLE_S))  # returns early only if the stream ended
    assert stream.response.isclosed()


def test_a_stream_ends_after_its_lifetime_and_the_browser_opens_another(open_stream, monkeypatch):
    monkeypatch.setattr(server, "STREAM_LIFETIME_S", 1.0)
    stream = open_stream(AGENT.bearer)
    list(stream.events(SETTLE_S))
    assert stream.response.isclosed()


def test_a_page_that_goes_away_leaves_no_inbox_behind(open_stream, running):
    first, second = open_stream(AGENT.bearer), open_stream(ADMIN.bearer)
    list(first.events(0.6))  # both are in by now: the keep-alive reached the first
    assert running.hub.listeners == 2
    first.close()
    second.close()
    deadline = time.monotonic() + SETTLE_S
    while running.hub.listeners and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.hub.listeners == 0
