"""Migration 0011 on a database with tickets and comments: it gives
each ticket the place in the queue and the searchable words its comments give, recounts
both rollups by waiting_on, and its downgrade returns to the shape before it with exact
rollups and a working search."""

import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from tests.conftest import empty_database, written_by_the_tests
from ticketsvc.extensions import db

# Before 0011: an agent; ticket 1 answered by the agent after the customer, with a note;
# ticket 2 where the customer wrote last; ticket 3 resolved after a reply.
BEFORE_0011 = [
    "INSERT INTO users (email, name, role, password_hash) VALUES ('a@x.test', 'Ann', 'agent', 'x')",
    """INSERT INTO tickets (title, description, category, priority, status, created_at, updated_at)
       VALUES ('Printer', 'It jams.', 'technical', 'low', 'open', '2026-01-01Z', '2026-01-01Z'),
              ('Refund', 'Charged twice.', 'billing', 'high', 'in_progress', '2026-01-02Z', '2026-01-05Z'),
              ('Login', 'Locked out.', 'account', 'low', 'resolved', '2026-01-03Z', '2026-01-09Z')""",
    """INSERT INTO ticket_comments
           (ticket_id, author_kind, author_id, author_name, body, internal, created_at)
       VALUES (1, 'customer', NULL, NULL, 'Still jamming.', false, '2026-01-02Z'),
              (1, 'agent', 1, 'Ann', 'Try the blue lever.', false, '2026-01-03Z'),
              (1, 'agent', 1, 'Ann', 'Same as the zeppelin printer.', true, '2026-01-04Z'),
              (2, 'agent', 1, 'Ann', 'Refunded.', false, '2026-01-03Z'),
              (2, 'customer', NULL, NULL, 'Not yet on my card.', false, '2026-01-04Z'),
              (3, 'agent', 1, 'Ann', 'Unlocked.', false, '2026-01-08Z')""",
]
PREVIOUS = "0010"
QUEUE = """
    SELECT id, last_activity_at, last_customer_message_at, waiting_on FROM tickets ORDER BY id
"""


@pytest.fixture
def app_before_0011(make_app, database_url):
    with empty_database(database_url, f"ticketsvc_scratch_{uuid.uuid4().hex[:8]}") as url:
        app = make_app(SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade(revision=PREVIOUS)
            with written_by_the_tests() as connection:
                for statement in BEFORE_0011:
                    connection.execute(sa.text(statement))
        yield app
        with app.app_context():
            db.engine.dispose()


def rows(app, sql: str) -> list[tuple]:
    with app.app_context(), db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(sql))]


def matching(app, word: str) -> list[int]:
    return [
        ticket_id
        for (ticket_id,) in rows(
            app, f"SELECT id FROM tickets WHERE search_vector @@ to_tsquery('simple', '{word}') ORDER BY id"
        )
    ]


def rollups_by_waiting(app) -> list[tuple]:
    return rows(app, "SELECT status, waiting_on, ticket_count FROM ticket_counts ORDER BY status")


def test_0011_places_commented_tickets_in_the_queue_and_makes_their_words_searchable(app_before_0011):
    with app_before_0011.app_context():
        upgrade()
    queue = [
        (ticket_id, str(activity.date()), str(message.date()), waiting)
        for ticket_id, activity, message, waiting in rows(app_before_0011, QUEUE)
    ]
    assert queue == [
        (1, "2026-01-04", "2026-01-02", "customer"),
        (2, "2026-01-05", "2026-01-04", "us"),
        (3, "2026-01-09", "2026-01-03", None),
    ]
    assert matching(app_before_0011, "zeppelin") == [1]  # an internal note's word
    assert matching(app_before_0011, "lever") == [1] and matching(app_before_0011, "twice") == [2]
    assert rollups_by_waiting(app_before_0011) == [
        ("in_progress", "us", 1),
        ("open", "customer", 1),
        ("resolved", "", 1),
    ]
    assert rows(
        app_before_0011,
        "SELECT assignee_id, waiting_on, ticket_count FROM ticket_assignee_counts ORDER BY waiting_on",
    ) == [
        (0, "", 1),
        (0, "customer", 1),
        (0, "us", 1),
    ]


def test_0011_downgrades_to_the_rollups_and_search_before_it(app_before_0011):
    with app_before_0011.app_context():
        upgrade()
        downgrade(revision=PREVIOUS)
    assert rows(app_before_0011, "SELECT status, ticket_count FROM ticket_counts ORDER BY status") == [
        ("in_progress", 1),
        ("open", 1),
        ("resolved", 1),
    ]
    assert matching(app_before_0011, "twice") == [2] and matching(app_before_0011, "zeppelin") == []
    columns = {
        name
        for (name,) in rows(
            app_before_0011, "SELECT column_name FROM information_schema.columns WHERE table_name = 'tickets'"
        )
    }
    assert not columns & {"waiting_on", "last_activity_at", "conversation_vector", "last_comment_at"}
