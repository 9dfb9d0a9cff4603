"""GET and PATCH /api/tickets/<id>/, with ETag and If-Match."""

import pytest


def test_get_carries_an_etag_of_the_quoted_updated_at(client, create_ticket):
    ticket = create_ticket()
    response = client.get(f"/api/tickets/{ticket['id']}/")
    assert response.headers["ETag"] == f'"{ticket["updated_at"]}"'


def test_patch_changes_the_fields_and_moves_updated_at(client, create_ticket):
    ticket = create_ticket()
    response = client.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "in_progress", "priority": "low"}
    )
    assert response.status_code == 200
    changed = response.get_json()
    assert changed["status"] == "in_progress" and changed["priority"] == "low"
    assert changed["updated_at"] > ticket["updated_at"]
    assert changed["created_at"] == ticket["created_at"]
    assert response.headers["ETag"] == f'"{changed["updated_at"]}"'
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json() == changed


def test_patch_without_trailing_slash_works(client, create_ticket):
    ticket = create_ticket()
    assert client.patch(f"/api/tickets/{ticket['id']}", json={"status": "closed"}).status_code == 200


def test_patch_with_the_current_etag_succeeds(client, create_ticket):
    ticket = create_ticket()
    etag = client.get(f"/api/tickets/{ticket['id']}/").headers["ETag"]
    response = client.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "resolved"}, headers={"If-Match": etag}
    )
    assert response.status_code == 200


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(client, create_ticket):
    ticket = create_ticket()
    stale = f'"{ticket["updated_at"]}"'
    assert (
        client.patch(
            f"/api/tickets/{ticket['id']}/", json={"status": "resolved"}, headers={"If-Match": stale}
        ).status_code
        == 200
    )
    response = client.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers={"If-Match": stale}
    )
    assert response.status_code == 412
    assert response.get_json()["message"]
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json()["status"] == "resolved"


@pytest.mark.parametrize("if_match", ['"not-a-tag"', 'W/"2026-01-01T00:00:00.000000Z"', "garbage"])
def test_patch_with_a_foreign_or_weak_etag_is_412(client, create_ticket, if_match):
    ticket = create_ticket()
    response = client.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers={"If-Match": if_match}
    )
    assert response.status_code == 412


def test_a_weak_form_of_the_current_etag_is_accepted(client, create_ticket):
    # Compressing proxies (nginx's gzip) turn "tag" into W/"tag"; it names the same version.
    ticket = create_ticket()
    response = client.patch(
        f"/api/tickets/{ticket['id']}/",
        json={"status": "closed"},
        headers={"If-Match": f'W/"{ticket["updated_at"]}"'},
    )
    assert response.status_code == 200


def test_patch_with_if_match_star_succeeds(client, create_ticket):
    ticket = create_ticket()
    response = client.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers={"If-Match": "*"}
    )
    assert response.status_code == 200


def test_patch_of_an_unknown_ticket_is_404_even_with_if_match(client):
    response = client.patch("/api/tickets/424242/", json={"status": "closed"}, headers={"If-Match": '"x"'})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"id": 5}, "id"),
        ({"created_at": "2020-01-01T00:00:00Z"}, "created_at"),
        ({"updated_at": "2020-01-01T00:00:00Z"}, "updated_at"),
        ({"suggested_category": "billing"}, "suggested_category"),
        ({"classification_source": "gemini"}, "classification_source"),
        ({"status": "done"}, "status"),
        ({"status": None}, "status"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": "a\x00b"}, "description"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_bad_patch_is_400_naming_the_field_and_changes_nothing(client, create_ticket, body, field):
    ticket = create_ticket()
    response = client.patch(f"/api/tickets/{ticket['id']}/", json={**body})
    assert response.status_code == 400
    assert field in response.get_json()["errors"]
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json() == ticket


def test_empty_patch_is_400(client, create_ticket):
    ticket = create_ticket()
    response = client.patch(f"/api/tickets/{ticket['id']}/", json={})
    assert response.status_code == 400
    assert response.get_json()["message"]


def test_patch_with_a_non_json_body_is_415(client, create_ticket):
    ticket = create_ticket()
    response = client.patch(
        f"/api/tickets/{ticket['id']}/",
        data="status=closed",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415


@pytest.mark.parametrize(
    "if_match",
    ['"bogus', "W/", 'W/"', "W/ ", "bogus, *", '*, "x"', ",", "", "{etag}junk", "{etag} {etag}", "w/{etag}"],
)
def test_patch_with_a_malformed_if_match_is_412_and_changes_nothing(client, create_ticket, if_match):
    ticket = create_ticket()
    etag = client.get(f"/api/tickets/{ticket['id']}/").headers["ETag"]
    response = client.patch(
        f"/api/tickets/{ticket['id']}/",
        json={"status": "closed"},
        headers={"If-Match": if_match.format(etag=etag)},
    )
    assert response.status_code == 412
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json() == ticket


def test_patch_with_the_current_etag_among_others_succeeds(client, create_ticket):
    ticket = create_ticket()
    etag = client.get(f"/api/tickets/{ticket['id']}/").headers["ETag"]
    response = client.patch(
        f"/api/tickets/{ticket['id']}/",
        json={"status": "closed"},
        headers={"If-Match": f'"2020-01-01T00:00:00.000000Z", {etag},'},
    )
    assert response.status_code == 200
