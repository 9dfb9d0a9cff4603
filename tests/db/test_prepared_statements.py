"""Statements run on every request are prepared once per connection, and again on a new
one; a SQLAlchemy statement prepared answers as SQLAlchemy's own execution of it does."""

import pytest
from sqlalchemy import Integer, bindparam, literal, select, text
from sqlalchemy.exc import DataError, OperationalError

from ticketsvc.db.actor import Actor
from ticketsvc.db.prepared import PreparedStatement, from_statement, values_for
from ticketsvc.db.transactions import transaction
from ticketsvc.extensions import db
from ticketsvc.models import Ticket

DOUBLED = PreparedStatement("ticketsvc_test_doubled", "SELECT $1::int * 2")


def prepared_here() -> set[str]:
    names = db.session.execute(text("SELECT name FROM pg_prepared_statements")).scalars()
    return set(names)


def test_a_statement_is_prepared_on_first_use_and_reused(app):
    with app.app_context():
        db.session.connection().invalidate()  # a connection that has prepared nothing yet
        db.session.rollback()
        assert DOUBLED.name not in prepared_here()
        assert DOUBLED.first(21) == (42,)
        assert DOUBLED.name in prepared_here()
        assert DOUBLED.first(4) == (8,)  # a second PREPARE would fail: already exists


def test_a_replaced_connection_prepares_it_again(app):
    with app.app_context():
        assert DOUBLED.first(1) == (2,)
        db.session.connection().invalidate()  # as after a restart of PostgreSQL
        db.session.rollback()
        assert DOUBLED.first(5) == (10,)


tickets = Ticket.__table__
SET_STATUS = text("UPDATE tickets SET status = :status WHERE id = :id")
# An expanding IN, a typed LIMIT, and a constant a driver must quote and not read as a
# parameter (a percent sign and a quote).
CORE = (
    select(tickets.c.id, literal("50% o'clock").label("constant"))
    .where(tickets.c.status.in_(bindparam("status", expanding=True)))
    .order_by(tickets.c.id)
    .limit(bindparam("at_most", type_=Integer))
)


@pytest.mark.parametrize("statuses", [["open"], ["open", "closed"], ["resolved", "closed", "open"]])
def test_a_core_statement_prepared_answers_as_sqlalchemy_does(app, create_ticket, statuses):
    ids = [create_ticket()["id"] for _ in range(4)]
    values = {"status": statuses, "at_most": 3}
    with app.app_context():
        with transaction(Actor.system("tests/db/test_prepared_statements.py")) as connection:
            for ticket_id, status in zip(ids, ("open", "closed", "open", "resolved"), strict=True):
                connection.execute(SET_STATUS, {"id": ticket_id, "status": status})
        statement, slots = from_statement(
            "ticketsvc_test_core", CORE, {"status": len(statuses)}, ("status", "at_most")
        )
        assert statement.parameter_types == ("VARCHAR(20)",) * len(statuses) + ("INTEGER",)
        prepared_rows = statement.all(*values_for(slots, values))
        assert prepared_rows == [tuple(row) for row in db.session.execute(CORE, values)]
        assert prepared_rows and all(row.constant == "50% o'clock" for row in prepared_rows)


FAILS = PreparedStatement("ticketsvc_test_fails", "SELECT 1 / $1::int")


def test_a_failing_statement_raises_sqlalchemys_error_without_its_values(app):
    with app.app_context():
        with pytest.raises(DataError) as raised:
            FAILS.first(0)
        assert "division by zero" in str(raised.value)
        assert "[SQL parameters hidden" in str(raised.value)
        db.session.rollback()
        assert FAILS.first(1) == (1,)


def test_a_connection_lost_under_a_statement_is_dropped_and_the_next_gets_a_new_one(app):
    with app.app_context():
        pid = DOUBLED.all(1) and db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with db.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        with pytest.raises(OperationalError) as raised:
            DOUBLED.first(2)
        assert raised.value.connection_invalidated
        db.session.rollback()
        assert DOUBLED.first(3) == (6,)
        assert db.session.execute(text("SELECT pg_backend_pid()")).scalar() != pid
