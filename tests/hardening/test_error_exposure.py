"""Whatever fails inside, a client sees the contract's JSON error and nothing of the inside:
no stack trace, no SQL, no file path, no connection string, no key. Operators still get the
details in the log. (The Gemini key in logs: tests/classifier/test_gemini_failures.py.)"""

import logging
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError, ProgrammingError

from tests.staff import ADMIN, AGENT, PASSWORD
from ticketsvc import classifier
from ticketsvc.stats import service as stats_service
from ticketsvc.tickets import service as tickets_service

SECRET_PATH = "/srv/ticketsvc/ticketsvc/tickets/service.py"
SECRET_SQL = "SELECT secret_column FROM tickets WHERE api_key = 'AIzaFAKE-do-not-leak'"
SECRET_DSN = "postgresql://admin:hunter2@db.internal:5432/ticketsvc"
SECRETS = (SECRET_PATH, "secret_column", "AIzaFAKE-do-not-leak", "hunter2", "db.internal", "Traceback")

INTERNAL_FAILURES = {
    "a bug": RuntimeError(f"unexpected state in {SECRET_PATH}: {SECRET_SQL}"),
    "an SQL error": ProgrammingError(SECRET_SQL, {"api_key": "AIzaFAKE-do-not-leak"}, Exception(SECRET_PATH)),
    "a lost database": OperationalError(SECRET_SQL, None, Exception(f"could not connect to {SECRET_DSN}")),
}
TICKET = {
    "title": "Printer jam",
    "description": "The printer jams.",
    "category": "general",
    "priority": "low",
}
# Each endpoint, its body, and the internal function its failure is provoked in.
ENDPOINTS = {
    "list": ("GET", "/api/tickets/?search=printer", None, tickets_service, "list_tickets"),
    "read": ("GET", "/api/tickets/1/", None, tickets_service, "get_ticket"),
    "create": ("POST", "/api/tickets/", TICKET, tickets_service, "create_ticket"),
    "change": ("PATCH", "/api/tickets/1/", {"status": "closed"}, tickets_service, "update_ticket"),
    "stats": ("GET", "/api/tickets/stats/", None, stats_service, "ticket_stats"),
    "classify": ("POST", "/api/tickets/classify/", {"description": "Printer jams."}, classifier, "classify"),
}


@pytest.fixture
def production_errors_app(app, make_app):
    """Errors handled as in production, not propagated to the test."""
    return make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)


@pytest.mark.parametrize("failure", INTERNAL_FAILURES.values(), ids=INTERNAL_FAILURES.keys())
@pytest.mark.parametrize("endpoint", ENDPOINTS.values(), ids=ENDPOINTS.keys())
def test_an_internal_failure_answers_json_without_internals_and_is_logged(
    production_errors_app, monkeypatch, caplog, endpoint, failure
):
    method, path, body, module, function_name = endpoint

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(module, function_name, fail)
    with caplog.at_level(logging.ERROR):
        client = production_errors_app.test_client()
        response = client.open(path, method=method, json=body, headers=AGENT.bearer)

    assert response.status_code in (500, 503)
    assert response.is_json and set(response.get_json()) == {"message"}
    answer = response.get_data(as_text=True) + str(response.headers)
    assert not [secret for secret in SECRETS if secret in answer], answer
    assert any(record.exc_info and record.exc_info[1] is failure for record in caplog.records)


# ---- what a failing statement leaves in the log ----

NEW_ACCOUNT = {"email": "lena@example.test", "name": "Lena", "role": "agent", "password": "a secret password"}


@contextmanager
def rows_held_by_another_transaction(database_url: str):
    """The agent's row locked, and NEW_ACCOUNT's email taken but not committed, until the
    block ends: writes to either wait, and a short statement_timeout cancels them."""
    engine = sa.create_engine(database_url)
    with engine.connect() as connection, connection.begin() as held:
        connection.execute(
            sa.text("SELECT * FROM users WHERE email = :email FOR UPDATE"), {"email": AGENT.email}
        )
        connection.execute(
            sa.text(
                "INSERT INTO users (email, name, role, password_hash) VALUES (:email, 'x', 'agent', 'x')"
            ),
            {"email": NEW_ACCOUNT["email"]},
        )
        yield
        held.rollback()
    engine.dispose()


def test_a_failing_write_logs_none_of_its_parameters(app, make_app, database_url, caplog):
    impatient = make_app(DATABASE_TIMEOUT_S=0.3, TESTING=False, PROPAGATE_EXCEPTIONS=False)
    writes = [  # each carries a secret, or an email, as a parameter
        ("PATCH", "/api/users/1/", {"password": "a brand new password"}, ADMIN.bearer),
        ("POST", "/api/users/", NEW_ACCOUNT, ADMIN.bearer),
        ("POST", "/api/auth/tokens/", {"name": "made while the row is locked"}, AGENT.bearer),
        ("POST", "/api/auth/login/", {"email": AGENT.email, "password": PASSWORD}, {}),
    ]
    with caplog.at_level(logging.DEBUG), rows_held_by_another_transaction(database_url):
        client = impatient.test_client()
        statuses = [
            client.open(path, method=method, json=body, headers=headers).status_code
            for method, path, body, headers in writes
        ]
    assert statuses == [503] * len(writes)
    assert "statement timeout" in caplog.text  # the failure itself is logged
    for leaked in ("$argon2id$", NEW_ACCOUNT["email"], "[parameters:", "\\x"):
        assert leaked not in caplog.text, leaked
