"""The schema as migrations build it: constraints are real, models and migrations agree,
and the ticket_counts rollup stays exact."""

import random
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from tests.conftest import client_of, empty_database, written_by_the_tests
from tests.staff import AGENT
from ticketsvc.enums import Category, ClassificationSource, Priority, Status, values
from ticketsvc.extensions import db

ROLLUP_FROM_TICKETS = """
    SELECT category, priority, status, coalesce(classification_source, '') AS source,
           coalesce(category = suggested_category, false) AS category_matches,
           coalesce(priority = suggested_priority, false) AS priority_matches,
           coalesce(waiting_on, '') AS waiting_on, count(*) AS n
    FROM tickets GROUP BY 1, 2, 3, 4, 5, 6, 7
"""
ASSIGNEES_FROM_TICKETS = """
    SELECT coalesce(assignee_id, 0), category, priority, status, coalesce(waiting_on, ''), count(*)
    FROM tickets GROUP BY 1, 2, 3, 4, 5
"""
ASSIGNEES_STORED = """
    SELECT assignee_id, category, priority, status, waiting_on, ticket_count
    FROM ticket_assignee_counts WHERE ticket_count <> 0
"""

ROLLUP_STORED = """
    SELECT category, priority, status, classification_source, category_matches, priority_matches, waiting_on,
           ticket_count
    FROM ticket_counts WHERE ticket_count <> 0
"""
# (what counting the tickets gives, what a rollup holds)
ROLLUPS = ((ROLLUP_FROM_TICKETS, ROLLUP_STORED), (ASSIGNEES_FROM_TICKETS, ASSIGNEES_STORED))


@pytest.fixture
def scratch_database_url(database_url):
    """An empty database on the test server, dropped afterwards."""
    with empty_database(database_url, f"ticketsvc_scratch_{uuid.uuid4().hex[:8]}") as url:
        yield url


def table_names(app):
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def test_upgrade_from_empty_reaches_head_and_downgrade_returns_to_empty(make_app, scratch_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=scratch_database_url)
    with app.app_context():
        upgrade()
    assert {"tickets", "ticket_counts", "alembic_version"} <= table_names(app)
    with app.app_context():
        downgrade(revision="base")
        functions = db.session.scalar(
            sa.text("SELECT count(*) FROM pg_proc WHERE proname = 'ticket_counts_apply'")
        )
    assert table_names(app) == {"alembic_version"} and functions == 0
    with app.app_context():
        upgrade()
        db.engine.dispose()
    assert "tickets" in table_names(app)


def test_models_and_migrations_do_not_drift(app):
    with app.app_context(), db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def allowed_values_in_database(app, constraint_name):
    with app.app_context():
        definition = db.session.scalar(
            sa.text("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = :name"),
            {"name": constraint_name},
        )
    return re.findall(r"'([a-z_]+)'::", definition)


@pytest.mark.parametrize(
    ("column", "enum_class"),
    [
        ("category", Category),
        ("priority", Priority),
        ("status", Status),
        ("suggested_category", Category),
        ("suggested_priority", Priority),
        ("classification_source", ClassificationSource),
    ],
)
def test_check_constraints_allow_exactly_the_enum_values(app, column, enum_class):
    assert allowed_values_in_database(app, f"ck_tickets_{column}_allowed") == values(enum_class)


@pytest.mark.parametrize(
    ("assignment", "constraint"),
    [
        ("category = 'sales'", "ck_tickets_category_allowed"),
        ("priority = 'urgent'", "ck_tickets_priority_allowed"),
        ("status = 'done'", "ck_tickets_status_allowed"),
        ("title = '   '", "ck_tickets_title_not_blank"),
        ("description = repeat('x', 10001)", "ck_tickets_description_length"),
        ("suggested_category = 'billing'", "ck_tickets_suggestion_complete"),
    ],
)
def test_the_database_refuses_bad_values_written_around_the_orm(app, create_ticket, assignment, constraint):
    ticket = create_ticket()
    with app.app_context(), pytest.raises(sa.exc.IntegrityError, match=constraint):
        db.session.execute(sa.text(f"UPDATE tickets SET {assignment} WHERE id = :id"), {"id": ticket["id"]})
    with app.app_context():
        db.session.rollback()


def test_the_database_refuses_a_title_over_200_characters(app, create_ticket):
    ticket = create_ticket()
    with app.app_context(), pytest.raises(sa.exc.DataError):
        db.session.execute(
            sa.text("UPDATE tickets SET title = repeat('x', 201) WHERE id = :id"), {"id": ticket["id"]}
        )


def test_status_defaults_to_open_in_the_database(app):
    with app.app_context(), written_by_the_tests() as connection:
        status = connection.scalar(
            sa.text(
                "INSERT INTO tickets (title, description, category, priority)"
                " VALUES ('t', 'd', 'general', 'low') RETURNING status"
            )
        )
    assert status == "open"


def rollup_is_exact(app):
    """Both rollups hold exactly what counting the tickets gives."""
    with app.app_context():
        return all(
            sorted(tuple(row) for row in db.session.execute(sa.text(counted)))
            == sorted(tuple(row) for row in db.session.execute(sa.text(stored)))
            for counted, stored in ROLLUPS
        )


def random_ticket(rng):
    ticket = {
        "title": "t",
        "description": "d",
        "category": rng.choice(values(Category)),
        "priority": rng.choice(values(Priority)),
    }
    if rng.random() < 0.5:
        ticket.update(
            suggested_category=rng.choice(values(Category)),
            suggested_priority=rng.choice(values(Priority)),
            classification_source=rng.choice(values(ClassificationSource)),
        )
    return ticket


def random_change(rng):
    field, enum_class = rng.choice([("status", Status), ("category", Category), ("priority", Priority)])
    return {field: rng.choice(values(enum_class))}


def random_comment(rng):
    return {"body": "A word.", "internal": rng.random() < 0.3}


def test_rollup_equals_count_after_random_creates_changes_and_comments(app, client, anonymous):
    rng = random.Random(7)
    created = [anonymous.post("/api/tickets/", json=random_ticket(rng)).get_json() for _ in range(40)]
    ids, keys = [ticket["id"] for ticket in created], [ticket["access_key"] for ticket in created]
    for _ in range(120):
        number = rng.randrange(len(ids))
        if rng.random() < 0.4:
            client.patch(f"/api/tickets/{ids[number]}/", json=random_change(rng))
        elif rng.random() < 0.5:  # waits on the customer
            client.post(f"/api/tickets/{ids[number]}/comments/", json=random_comment(rng))
        else:  # waits on us again (and reopens a resolved ticket)
            customer = {"X-Ticket-Key": keys[number]}
            anonymous.post(f"/api/tickets/{ids[number]}/comments/", json={"body": "Hm."}, headers=customer)
    with app.app_context(), written_by_the_tests() as connection:
        connection.execute(sa.text("DELETE FROM tickets WHERE id = ANY(:ids)"), {"ids": ids[:5]})
        connection.execute(sa.text("UPDATE tickets SET status = 'closed' WHERE id % 3 = 0"))
        connection.execute(sa.text("UPDATE tickets SET assignee_id = 1 WHERE id % 4 = 0"))
    assert rollup_is_exact(app)


def test_rollup_equals_count_under_concurrent_writers(app):
    """Writers change and comment on tickets of their own and on those every writer shares."""
    client = client_of(app, AGENT)
    shared = [
        client.post("/api/tickets/", json=random_ticket(random.Random(0))).get_json()["id"] for _ in range(3)
    ]

    def writer(seed):
        rng, client = random.Random(seed), client_of(app, AGENT)
        ids = [client.post("/api/tickets/", json=random_ticket(rng)).get_json()["id"] for _ in range(10)]
        for _ in range(30):
            ticket_id = rng.choice(ids + shared)
            if rng.random() < 0.6:
                response = client.patch(f"/api/tickets/{ticket_id}/", json=random_change(rng))
                assert response.status_code == 200
            else:
                response = client.post(f"/api/tickets/{ticket_id}/comments/", json=random_comment(rng))
                assert response.status_code in (201, 409)  # 409: closed meanwhile

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(writer, range(6)))
    assert rollup_is_exact(app)


def test_truncate_empties_the_rollups(app, create_ticket):
    create_ticket()
    with app.app_context():
        db.session.execute(sa.text("TRUNCATE tickets CASCADE"))
        db.session.commit()
        assert db.session.scalar(sa.text("SELECT count(*) FROM ticket_counts")) == 0
        assert db.session.scalar(sa.text("SELECT count(*) FROM ticket_assignee_counts")) == 0
