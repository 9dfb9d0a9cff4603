"""Statements run on every request are prepared once per connection, and again on a new one."""

from sqlalchemy import text

from ticketsvc.db.prepared import PreparedStatement
from ticketsvc.extensions import db

DOUBLED = PreparedStatement("ticketsvc_test_doubled", "SELECT $1::int * 2")


def prepared_here() -> set[str]:
    names = db.session.execute(text("SELECT name FROM pg_prepared_statements")).scalars()
    return set(names)


def test_a_statement_is_prepared_on_first_use_and_reused(app):
    with app.app_context():
        db.session.connection().invalidate()  # a connection that has prepared nothing yet
        db.session.rollback()
        assert DOUBLED.name not in prepared_here()
        assert DOUBLED.execute(21).scalar() == 42
        assert DOUBLED.name in prepared_here()
        assert DOUBLED.execute(4).scalar() == 8  # a second PREPARE would fail: already exists


def test_a_replaced_connection_prepares_it_again(app):
    with app.app_context():
        assert DOUBLED.execute(1).scalar() == 2
        db.session.connection().invalidate()  # as after a restart of PostgreSQL
        db.session.rollback()
        assert DOUBLED.execute(5).scalar() == 10
