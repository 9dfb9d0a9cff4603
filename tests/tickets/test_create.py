"""POST /api/tickets/"""

import re

import pytest

from ticketsvc.enums import Status


def test_create_returns_201_with_the_ticket_and_its_location(client):
    response = client.post(
        "/api/tickets/",
        json={
            "title": "Charged twice",
            "description": "Two charges on Nov 3.",
            "category": "billing",
            "priority": "high",
        },
    )
    assert response.status_code == 201
    ticket = response.get_json()
    assert response.headers["Location"].endswith(f"/api/tickets/{ticket['id']}/")
    assert ticket["title"] == "Charged twice"
    assert ticket["category"] == "billing" and ticket["priority"] == "high"
    assert ticket["status"] == Status.OPEN
    assert ticket["suggested_category"] is None and ticket["classification_source"] is None


def test_create_sets_utc_timestamps_with_z(create_ticket):
    ticket = create_ticket()
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
    assert stamp.match(ticket["created_at"]) and ticket["created_at"] == ticket["updated_at"]


def test_create_is_readable_afterwards(client, create_ticket):
    ticket = create_ticket(title="Persisted")
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json() == ticket


def test_create_without_trailing_slash_reaches_the_same_endpoint(client):
    response = client.post(
        "/api/tickets", json={"title": "t", "description": "d", "category": "general", "priority": "low"}
    )
    assert response.status_code == 201


def test_title_and_description_are_trimmed(create_ticket):
    ticket = create_ticket(title="  padded title \n", description="\t body  ")
    assert ticket["title"] == "padded title" and ticket["description"] == "body"


def test_missing_category_is_filled_by_the_classifier_and_recorded(create_ticket):
    ticket = create_ticket(
        title="Refund please",
        description="I was charged twice for my subscription, refund one.",
        category=None,
        priority=None,
    )
    assert ticket["classification_source"] == "fallback"
    assert ticket["category"] == ticket["suggested_category"]
    assert ticket["priority"] == ticket["suggested_priority"]


def test_a_given_category_is_kept_when_only_priority_is_missing(create_ticket):
    ticket = create_ticket(
        category="general", priority=None, description="I was charged twice for my subscription, refund one."
    )
    assert ticket["category"] == "general"
    assert ticket["priority"] == ticket["suggested_priority"]
    assert ticket["suggested_category"] is not None


def test_the_suggestion_the_client_showed_is_recorded(create_ticket):
    ticket = create_ticket(
        category="technical",
        priority="low",
        suggested_category="billing",
        suggested_priority="high",
        classification_source="gemini",
    )
    assert (ticket["suggested_category"], ticket["suggested_priority"], ticket["classification_source"]) == (
        "billing",
        "high",
        "gemini",
    )
    assert (ticket["category"], ticket["priority"]) == ("technical", "low")


def test_an_incomplete_suggestion_is_refused(client):
    response = client.post(
        "/api/tickets/",
        json={
            "title": "t",
            "description": "d",
            "category": "general",
            "priority": "low",
            "suggested_category": "billing",
        },
    )
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"suggested_priority", "classification_source"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"description": "d"}, "title"),
        ({"title": "t"}, "description"),
        ({"title": "   ", "description": "d"}, "title"),
        ({"title": "t", "description": " \n\t "}, "description"),
        ({"title": "x" * 201, "description": "d"}, "title"),
        ({"title": "t", "description": "x" * 10_001}, "description"),
        ({"title": "nul\x00byte", "description": "d"}, "title"),
        ({"title": "t", "description": "lone \ud800 surrogate"}, "description"),
        ({"title": 42, "description": "d"}, "title"),
        ({"title": None, "description": "d"}, "title"),
        ({"title": "t", "description": "d", "category": "sales"}, "category"),
        ({"title": "t", "description": "d", "priority": "urgent"}, "priority"),
        ({"title": "t", "description": "d", "status": "closed"}, "status"),
        ({"title": "t", "description": "d", "id": 7}, "id"),
        ({"title": "t", "description": "d", "created_at": "2020-01-01T00:00:00Z"}, "created_at"),
        ({"title": "t", "description": "d", "colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_stores_nothing(client, body, field):
    response = client.post("/api/tickets/", json=body)
    assert response.status_code == 400
    assert response.get_json()["message"]
    assert field in response.get_json()["errors"]
    assert client.get("/api/tickets/").get_json()["count"] == 0


def test_title_of_exactly_200_characters_is_accepted(create_ticket):
    assert len(create_ticket(title="x" * 200)["title"]) == 200


def test_unknown_enum_error_lists_the_allowed_values(client):
    response = client.post("/api/tickets/", json={"title": "t", "description": "d", "category": "sales"})
    assert "billing, technical, account, general" in response.get_json()["errors"]["category"][0]
