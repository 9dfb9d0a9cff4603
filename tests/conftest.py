"""Fixtures: a real PostgreSQL for the whole run, an app bound to it, clean tables per test.

TEST_DATABASE_URL names a server to use (a fresh database is created on it and dropped
afterwards); without it an embedded PostgreSQL starts in a temporary directory.
"""

import os
import subprocess
import uuid
from collections import Counter
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from tests.staff import ADMIN, AGENT, StaffMember, insert_staff
from ticketsvc import create_app
from ticketsvc.config import database_url_for_sqlalchemy
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.devtools import embedded_db, local_gunicorn
from ticketsvc.extensions import db

TEST_SECRET_KEY = "a-secret-key-for-the-tests-only"
# What the tests' MTA sends to POST /api/mail/inbound/.
TEST_MAIL_INBOUND_TOKEN = "an-inbound-mail-token-for-the-tests-only"
EMPTIED_TABLES = (
    "tickets",
    "ticket_comments",
    "ticket_history",
    "users",
    "user_sessions",
    "api_tokens",
    "outgoing_mail",
    "incoming_mail",
    "password_resets",
    "canned_replies",
    "bulk_jobs",
)
# The sender of live_server's mail.
LIVE_MAIL_FROM = "Support <support@ticketsvc.test>"
# Who the tests' own SQL writes as: like every write path, it must say (history triggers).
TESTS = Actor.system("tests")


def written_by_the_tests():
    """A transaction whose writes history attributes to the tests."""
    return transaction(TESTS)


# The modules that take longest, longest first (make test's parallel pass, 2026-12-07).
# Under pytest -n they start first, one per worker (--dist loadfile without xdist's own
# reordering, setup.cfg): started last, one would hold up the pass's end alone.
LONGEST_MODULES = (
    "tests/hardening/test_openapi_fuzzing.py",
    "tests/e2e/test_browser.py",
    "tests/deploy/test_e2e_through_nginx.py",
    "tests/mail/test_imap.py",
    "tests/classifier/test_classifier_accuracy.py",
)


def longest_modules_first(item: pytest.Item) -> int:
    module = item.nodeid.split("::", 1)[0]
    return LONGEST_MODULES.index(module) if module in LONGEST_MODULES else len(LONGEST_MODULES)


@pytest.hookimpl(trylast=True)  # after -m has deselected
def pytest_collection_modifyitems(config, items):
    """The longest modules first (a stable sort: each module's tests stay together, in
    order). A pytest-xdist worker runs one test per test id: tests sharing an id would
    silently not run in the parallel pass."""
    items.sort(key=longest_modules_first)
    if not hasattr(config, "workerinput"):
        return
    shared = sorted(nodeid for nodeid, count in Counter(item.nodeid for item in items).items() if count > 1)
    if shared:
        raise pytest.UsageError(f"tests sharing an id cannot run under pytest -n (mark serial): {shared}")


@contextmanager
def empty_database(server_url: str, name: str):
    """A new database on server_url's server, dropped afterwards; yields its URL."""
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    server_url = os.environ.get("TEST_DATABASE_URL")
    if not server_url:
        yield database_url_for_sqlalchemy(embedded_db.start(tmp_path_factory.mktemp("pgdata")))
        return
    name = f"ticketsvc_test_{uuid.uuid4().hex[:12]}"
    with empty_database(database_url_for_sqlalchemy(server_url), name) as url:
        yield url


@pytest.fixture(scope="session")
def make_app(database_url):
    """Build an app on the test database, with config overrides."""

    def build(**overrides):
        config = {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "GEMINI_API_KEY": None,
            "SECRET_KEY": TEST_SECRET_KEY,
            "MAIL_INBOUND_TOKEN": TEST_MAIL_INBOUND_TOKEN,
            # The test client speaks plain http.
            "SESSION_COOKIE_SECURE": False,
            # Tests send many requests from one address; those about limits turn them on.
            "RATELIMIT_CLASSIFY": "off",
            "RATELIMIT_CREATE": "off",
            "RATELIMIT_LOGIN": "off",
            "RATELIMIT_COMMENT": "off",
            **overrides,
        }
        return create_app(config)

    return build


@pytest.fixture(scope="session")
def migrated_app(make_app):
    app = make_app()
    with app.app_context():
        upgrade()
    return app


@pytest.fixture
def app(migrated_app):
    """The app on empty tables but for the staff of tests/staff.py (emptied before, since
    live-server tests leave data behind)."""
    with migrated_app.app_context():
        empty_tables(db.session.connection())
        db.session.commit()
    return migrated_app


def empty_tables(connection: sa.Connection) -> None:
    """Every table emptied and numbered from 1 again, then the test staff put back."""
    connection.execute(sa.text(f"TRUNCATE {', '.join(EMPTIED_TABLES)} RESTART IDENTITY CASCADE"))
    # Its one row stays: as if no mailbox had been read yet.
    connection.execute(sa.text("UPDATE mail_fetch_state SET last_fetch_at = NULL, last_error = NULL"))
    insert_staff(connection)


@pytest.fixture
def anonymous(app):
    """A client with no credentials: a customer without their ticket's key."""
    return app.test_client()


@pytest.fixture
def client(app):
    """A client signed in as the test agent (with an API token)."""
    return client_of(app, AGENT)


@pytest.fixture
def admin_client(app):
    return client_of(app, ADMIN)


def client_of(app, member: StaffMember):
    test_client = app.test_client()
    test_client.environ_base["HTTP_AUTHORIZATION"] = member.bearer["Authorization"]
    return test_client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def create_ticket(client):
    """POST a ticket (category and priority given unless overridden); return its JSON."""

    def create(**fields):
        body = {
            "title": "Printer on fire",
            "description": "The office printer is on fire.",
            "category": "technical",
            "priority": "high",
            **fields,
        }
        body = {name: value for name, value in body.items() if value is not None}
        response = client.post("/api/tickets/", json=body)
        assert response.status_code == 201, response.get_json()
        ticket = response.get_json()
        del ticket["access_key"]  # shown once, at creation; never part of the ticket
        return ticket

    return create


@contextmanager
def gunicorn_serving(database_url: str, log: Path | None = None, *, worker: bool = False, **settings: str):
    """The app under gunicorn (two workers), and `flask worker` if asked, their output in
    log if given; see local_gunicorn."""
    log_file = log.open("wb") if log else nullcontext(subprocess.DEVNULL)
    two_workers = {"GUNICORN_WORKERS": "2", **settings}
    with (
        log_file as output,
        local_gunicorn.gunicorn_serving(database_url, output, worker=worker, **two_workers) as server,
    ):
        yield server


@pytest.fixture(scope="session")
def live_mail_directory(tmp_path_factory) -> Path:
    """Where live_server's mail goes, one .eml file per message, named so that they sort
    oldest first (the browser journeys read it as E2E_MAIL_DIR)."""
    return tmp_path_factory.mktemp("live-mail")


@pytest.fixture(scope="module")
def live_server(migrated_app, database_url, live_mail_directory):
    """The app under gunicorn with a worker beside it, as compose runs them, shared by the
    tests of a module that need a real server; its mail is delivered into
    live_mail_directory. Per module, not per run: a worker left running would claim the
    mail and bulk jobs of every later test that runs the worker itself."""
    with gunicorn_serving(
        database_url, worker=True, MAIL_URL=live_mail_directory.as_uri(), MAIL_FROM=LIVE_MAIL_FROM
    ) as server:
        yield server.url
