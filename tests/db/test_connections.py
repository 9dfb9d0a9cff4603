"""Requests wait on PostgreSQL for a bounded time; jobs run without that bound."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from ticketsvc.db.transactions import transaction
from ticketsvc.extensions import db


def test_a_statement_longer_than_the_bound_is_cancelled_by_postgresql(make_app):
    app = make_app(DATABASE_TIMEOUT_S=0.3)
    with app.app_context():
        with pytest.raises(OperationalError, match="statement timeout"):
            db.session.execute(text("SELECT pg_sleep(2)"))
        db.session.rollback()
        # Cancelled by the server, the connection itself is still good.
        assert db.session.execute(text("SELECT 1")).scalar() == 1


def test_a_jobs_transaction_has_no_statement_bound(make_app):
    """Jobs ask for an unbounded transaction; a request's transaction keeps the bound."""
    app = make_app(DATABASE_TIMEOUT_S=0.3)
    with app.app_context():
        with transaction(unbounded=True) as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "0"
            connection.execute(text("SELECT pg_sleep(0.5)"))
        # The bound is back for what follows the transaction.
        assert db.session.execute(text("SHOW statement_timeout")).scalar() == "300ms"


def test_a_request_transaction_keeps_the_bound(make_app):
    app = make_app(DATABASE_TIMEOUT_S=0.3)
    with app.app_context(), transaction() as connection:
        assert connection.execute(text("SHOW statement_timeout")).scalar() == "300ms"


def test_statements_are_not_jit_compiled(app):
    """A page past the last is planned as a walk of the whole index, which never runs; JIT
    compiled it anyway, in longer than any request's statement takes."""
    with app.app_context():
        assert db.session.execute(text("SHOW jit")).scalar() == "off"
