"""API tokens: shown once, listed without their secret, revoked at once."""

from sqlalchemy import text

from tests.staff import ADMIN, AGENT
from ticketsvc.extensions import db


def test_a_new_token_is_shown_once_and_works(client, anonymous):
    response = client.post("/api/auth/tokens/", json={"name": "  deploy script "})
    assert response.status_code == 201
    created = response.get_json()
    assert set(created) == {"id", "name", "token", "created_at", "last_used_at"}
    assert created["name"] == "deploy script" and created["last_used_at"] is None
    bearer = {"Authorization": f"Bearer {created['token']}"}
    assert anonymous.get("/api/auth/me/", headers=bearer).get_json()["email"] == AGENT.email
    listed = client.get("/api/auth/tokens/").get_json()
    assert all("token" not in token for token in listed)
    assert created["token"] not in client.get("/api/auth/tokens/").get_data(as_text=True)


def test_the_list_is_the_callers_own_newest_first_with_last_use(client, admin_client, anonymous):
    first = client.post("/api/auth/tokens/", json={"name": "first"}).get_json()
    client.post("/api/auth/tokens/", json={"name": "second"})
    admin_client.post("/api/auth/tokens/", json={"name": "the admin's"})
    anonymous.get("/api/tickets/", headers={"Authorization": f"Bearer {first['token']}"})
    listed = client.get("/api/auth/tokens/").get_json()
    assert [token["name"] for token in listed] == ["second", "first", "tests"]
    assert next(token for token in listed if token["name"] == "first")["last_used_at"] is not None


def test_revoking_stops_the_token_at_once(client, anonymous):
    created = client.post("/api/auth/tokens/", json={"name": "short-lived"}).get_json()
    bearer = {"Authorization": f"Bearer {created['token']}"}
    assert anonymous.get("/api/tickets/", headers=bearer).status_code == 200
    assert client.delete(f"/api/auth/tokens/{created['id']}/").status_code == 204
    refused = anonymous.get("/api/tickets/", headers=bearer)
    assert refused.status_code == 401
    assert refused.get_json() == {"message": "Invalid or expired credentials."}
    assert [token["name"] for token in client.get("/api/auth/tokens/").get_json()] == ["tests"]
    assert client.delete(f"/api/auth/tokens/{created['id']}/").status_code == 404


def test_another_users_token_is_404_and_keeps_working(client, admin_client):
    admins = admin_client.post("/api/auth/tokens/", json={"name": "mine"}).get_json()
    response = client.delete(f"/api/auth/tokens/{admins['id']}/")
    assert response.status_code == 404 and response.get_json()["message"]
    still_working = client.get("/api/tickets/", headers={"Authorization": f"Bearer {admins['token']}"})
    assert still_working.status_code == 200


def test_a_token_name_is_required_text(client):
    for body in ({}, {"name": "   "}, {"name": "x" * 101}, {"name": "a\x00b"}):
        response = client.post("/api/auth/tokens/", json=body)
        assert response.status_code == 400 and "name" in response.get_json()["errors"], body


def test_tokens_are_stored_as_digests_only(app, client):
    created = client.post("/api/auth/tokens/", json={"name": "kept secret"}).get_json()
    with app.app_context():
        stored = db.session.execute(text("SELECT * FROM api_tokens WHERE id = :id"), created).one()
    assert created["token"].encode() not in repr(stored).encode()
    assert len(stored.secret_digest) == 32


def test_logging_out_with_a_token_leaves_it_working(client):
    assert client.post("/api/auth/logout/").status_code == 204
    assert client.get("/api/tickets/").status_code == 200


def test_each_staff_member_is_who_their_token_says(anonymous):
    assert anonymous.get("/api/auth/me/", headers=ADMIN.bearer).get_json()["role"] == "admin"
