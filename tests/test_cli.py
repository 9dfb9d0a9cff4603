"""flask tickets seed"""

from collections import Counter

import sqlalchemy as sa

from ticketsvc import seed_data
from ticketsvc.enums import Category, Priority, Status, values
from ticketsvc.extensions import db


def test_seed_loads_count_tickets_with_valid_values(app, runner, client):
    result = runner.invoke(args=["tickets", "seed", "--count", "1200"])
    assert result.exit_code == 0, result.output
    assert "Seeded 1200 tickets." in result.output
    stats = client.get("/api/tickets/stats/").get_json()
    assert stats["total_tickets"] == 1200
    with app.app_context():
        oldest, newest = db.session.execute(
            sa.text("SELECT min(created_at), max(created_at) FROM tickets")
        ).one()
    assert (newest - oldest).days > 300  # spread over the past year


def test_seed_if_empty_leaves_existing_tickets_alone(runner, create_ticket, client):
    create_ticket()
    result = runner.invoke(args=["tickets", "seed", "--count", "10", "--if-empty"])
    assert result.exit_code == 0 and "not seeding" in result.output
    assert client.get("/api/tickets/").get_json()["count"] == 1


def test_seeded_tickets_are_searchable(runner, client):
    runner.invoke(args=["tickets", "seed", "--count", "300"])
    page = client.get("/api/tickets/?search=charged").get_json()
    assert page["count"] > 0
    assert all("charged" in (t["title"] + t["description"]).lower() for t in page["results"])


def test_generated_mix_follows_the_rubric_shares():
    tickets = list(seed_data.generate(20_000, seed=1))
    categories = Counter(t.category for t in tickets)
    assert abs(categories["technical"] / len(tickets) - 0.35) < 0.02
    assert abs(categories["general"] / len(tickets) - 0.18) < 0.02
    statuses = Counter(t.status for t in tickets)
    assert abs(statuses["open"] / len(tickets) - 0.20) < 0.02
    assert {t.category for t in tickets} == set(values(Category))
    assert {t.priority for t in tickets} == set(values(Priority))
    assert {t.status for t in tickets} <= set(values(Status))
    assert len({t.title for t in tickets}) > 300  # varied, not a handful of strings


def test_marker_words_have_their_frequencies():
    tickets = list(seed_data.generate(50_000, seed=2))

    def share(word, text):
        return sum(word in text(t).lower() for t in tickets) / len(tickets)

    assert 0.08 < share(seed_data.COMMON_WORD, lambda t: t.title + t.description) < 0.12
    assert 0.0004 < share(seed_data.RARE_WORD, lambda t: t.title + t.description) < 0.002
    assert 0.02 < share(seed_data.TITLE_ONLY_WORD, lambda t: t.title) < 0.04
    assert share(seed_data.TITLE_ONLY_WORD, lambda t: t.description) == 0
