"""GET /api/tickets/stats/"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from tests.conftest import written_by_the_tests


def stats(client, query=""):
    response = client.get(f"/api/tickets/stats/?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def backdate(app, ticket_id, days):
    with app.app_context(), written_by_the_tests() as connection:
        connection.execute(
            sa.text("UPDATE tickets SET created_at = :moment WHERE id = :id"),
            {"moment": datetime.now(UTC) - timedelta(days=days), "id": ticket_id},
        )


def test_empty_database_has_zeros_for_every_value(client):
    body = stats(client)
    assert body["total_tickets"] == 0 and body["open_tickets"] == 0 and body["avg_tickets_per_day"] == 0
    assert body["priority_breakdown"] == {"low": 0, "medium": 0, "high": 0, "critical": 0}
    assert body["category_breakdown"] == {"billing": 0, "technical": 0, "account": 0, "general": 0}
    assert body["status_breakdown"] == {"open": 0, "in_progress": 0, "resolved": 0, "closed": 0}


def test_counts_and_breakdowns(client, create_ticket):
    create_ticket(category="billing", priority="high")
    create_ticket(category="billing", priority="low")
    closed = create_ticket(category="account", priority="critical")
    client.patch(f"/api/tickets/{closed['id']}/", json={"status": "closed"})
    body = stats(client)
    assert body["total_tickets"] == 3 and body["open_tickets"] == 2
    assert body["category_breakdown"] == {"billing": 2, "technical": 0, "account": 1, "general": 0}
    assert body["priority_breakdown"] == {"low": 1, "medium": 0, "high": 1, "critical": 1}
    assert body["status_breakdown"] == {"open": 2, "in_progress": 0, "resolved": 0, "closed": 1}


def test_stats_can_be_scoped_by_the_list_filters(client, create_ticket):
    create_ticket(category="billing", priority="high")
    create_ticket(category="technical", priority="high")
    create_ticket(category="technical", priority="low")
    body = stats(client, "category=technical&priority=high&priority=low")
    assert body["total_tickets"] == 2
    assert body["category_breakdown"]["billing"] == 0
    assert client.get("/api/tickets/stats/?status=bogus").status_code == 400


def test_average_counts_calendar_days_from_the_first_ticket_to_today_inclusive(app, client, create_ticket):
    oldest = create_ticket()
    for _ in range(6):
        create_ticket()
    backdate(app, oldest["id"], days=3)  # four calendar days, today included
    assert stats(client)["avg_tickets_per_day"] == round(7 / 4, 1)


def test_average_on_the_first_day_is_the_total(client, create_ticket):
    create_ticket()
    create_ticket()
    assert stats(client)["avg_tickets_per_day"] == 2.0


def test_average_is_rounded_to_one_decimal(app, client, create_ticket):
    oldest = create_ticket()
    create_ticket()
    backdate(app, oldest["id"], days=2)  # 2 tickets / 3 days = 0.666…
    assert stats(client)["avg_tickets_per_day"] == 0.7


def test_classification_agreement_overall_and_by_source(client, create_ticket):
    suggestion = {"suggested_category": "billing", "suggested_priority": "high"}
    create_ticket(category="billing", priority="high", classification_source="gemini", **suggestion)
    create_ticket(category="billing", priority="low", classification_source="gemini", **suggestion)
    overridden = create_ticket(
        category="billing", priority="high", classification_source="fallback", **suggestion
    )
    create_ticket()  # no suggestion: not counted
    client.patch(f"/api/tickets/{overridden['id']}/", json={"category": "account"})

    block = stats(client)["classification"]
    assert (block["tickets"], block["category_matches"], block["priority_matches"]) == (3, 2, 2)
    assert block["category_agreement"] == 0.667 and block["priority_agreement"] == 0.667
    gemini, fallback = block["by_source"]["gemini"], block["by_source"]["fallback"]
    assert (gemini["tickets"], gemini["category_agreement"], gemini["priority_agreement"]) == (2, 1.0, 0.5)
    assert (fallback["tickets"], fallback["category_agreement"], fallback["priority_agreement"]) == (
        1,
        0.0,
        1.0,
    )


def test_agreement_is_null_without_suggestions(client, create_ticket):
    create_ticket()
    block = stats(client)["classification"]
    assert block["tickets"] == 0 and block["category_agreement"] is None
    assert block["by_source"]["gemini"]["priority_agreement"] is None


def test_any_change_of_a_ticket_is_in_the_next_stats_at_once(client, create_ticket):
    ticket = create_ticket(priority="low")
    first = client.get("/api/tickets/stats/")
    client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "high"})
    second = client.get("/api/tickets/stats/")
    assert second.get_json()["priority_breakdown"]["high"] == 1
    assert second.headers["ETag"] != first.headers["ETag"]


def test_unchanged_stats_answer_304_to_their_etag(client, create_ticket):
    create_ticket()
    billing = "/api/tickets/stats/?category=billing"
    etag = client.get(billing).headers["ETag"]
    assert client.get(billing, headers={"If-None-Match": etag}).status_code == 304
    other = client.get("/api/tickets/stats/?category=technical", headers={"If-None-Match": etag})
    assert other.status_code == 200  # other filters, other figures
    create_ticket()
    assert client.get(billing, headers={"If-None-Match": etag}).status_code == 200


def test_a_write_that_moves_no_figure_keeps_the_etag(client, create_ticket):
    """The revision moves with the counts only: notes and edits need no new figures."""
    ticket = create_ticket()
    etag = client.get("/api/tickets/stats/").headers["ETag"]
    client.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "A note.", "internal": True})
    client.patch(f"/api/tickets/{ticket['id']}/", json={"title": "Printer on fire, again"})
    assert client.get("/api/tickets/stats/", headers={"If-None-Match": etag}).status_code == 304
    client.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "On our way."})  # waits on them now
    answered = client.get("/api/tickets/stats/", headers={"If-None-Match": etag})
    assert answered.status_code == 200 and answered.get_json()["waiting_on_us"] == 0
