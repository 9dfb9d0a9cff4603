"""POST /api/tickets/classify/ (with no key: the offline classifier answers)."""

import pytest

from ticketsvc.enums import Category, Priority


def test_classify_suggests_valid_values_from_the_fallback(client):
    response = client.post(
        "/api/tickets/classify/",
        json={
            "title": "Charged twice",
            "description": "My card was charged twice this month, please refund.",
        },
    )
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"suggested_category", "suggested_priority", "source"}
    assert body["suggested_category"] in list(Category) and body["suggested_priority"] in list(Priority)
    assert body["source"] == "fallback"


def test_classify_title_is_optional(client):
    response = client.post("/api/tickets/classify", json={"description": "I cannot log in to my account."})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "description"),
        ({"description": "  "}, "description"),
        ({"description": "x" * 10_001}, "description"),
        ({"description": "a\x00"}, "description"),
        ({"description": "d", "title": "t" * 201}, "title"),
    ],
)
def test_classify_bad_input_is_400(client, body, field):
    response = client.post("/api/tickets/classify/", json=body)
    assert response.status_code == 400
    assert field in response.get_json()["errors"]
