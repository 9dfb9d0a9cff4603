"""The admin's accounts API: create, list, change; the last admin stays; nobody is deleted."""

import pytest

from tests.staff import ADMIN, AGENT, PASSWORD

NEW_AGENT = {"email": "sam@example.test", "name": "Sam", "role": "agent", "password": "twelve chars ok"}
USER_FIELDS = {"id", "email", "name", "role", "active", "created_at", "last_login_at"}


def test_an_admin_creates_an_account_that_can_sign_in(admin_client, anonymous):
    response = admin_client.post("/api/users/", json=NEW_AGENT)
    assert response.status_code == 201
    user = response.get_json()
    assert set(user) == USER_FIELDS and user["active"] is True and user["last_login_at"] is None
    assert response.headers["Location"].endswith(f"/api/users/{user['id']}/")
    assert NEW_AGENT["password"] not in response.get_data(as_text=True)
    credentials = {"email": "SAM@example.test", "password": "twelve chars ok"}
    assert anonymous.post("/api/auth/login/", json=credentials).status_code == 200


def test_a_taken_email_is_409_whatever_its_case(admin_client):
    response = admin_client.post("/api/users/", json={**NEW_AGENT, "email": AGENT.email.upper()})
    assert response.status_code == 409 and response.get_json()["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("password", "eleven char"),
        ("password", "x" * 1001),
        ("email", "not an email"),
        ("email", "a@" + "b" * 260 + ".test"),
        ("email", "x?cc=boss&body=pay%20now@example.com"),
        ("email", "sam@localhost"),
        ("role", "superuser"),
        ("name", "   "),
        ("name", "n" * 101),
    ],
)
def test_invalid_accounts_are_400_naming_the_field(admin_client, field, value):
    response = admin_client.post("/api/users/", json={**NEW_AGENT, field: value})
    assert response.status_code == 400 and field in response.get_json()["errors"]


def test_passwords_of_12_and_1000_characters_are_accepted(admin_client):
    for number, length in enumerate((12, 1000)):
        account = {**NEW_AGENT, "email": f"p{number}@example.test", "password": "p" * length}
        assert admin_client.post("/api/users/", json=account).status_code == 201


def test_the_list_is_a_page_by_id(admin_client):
    for number in range(3):
        admin_client.post("/api/users/", json={**NEW_AGENT, "email": f"u{number}@example.test"})
    page = admin_client.get("/api/users/?page_size=2&page=2").get_json()
    assert page["count"] == 5 and [user["id"] for user in page["results"]] == [3, 4]
    assert page["next"].endswith("page=3&page_size=2") and page["previous"]
    assert all(set(user) == USER_FIELDS for user in page["results"])
    assert admin_client.get("/api/users/?page_size=101").status_code == 400
    assert admin_client.get("/api/users/?page=9").status_code == 404


def test_an_admin_changes_name_and_role(admin_client):
    user = admin_client.patch("/api/users/1/", json={"name": "Dana B.", "role": "admin"}).get_json()
    assert (user["name"], user["role"]) == ("Dana B.", "admin")


@pytest.mark.parametrize(
    "body", [{}, {"email": "x@example.test"}, {"id": 5}, {"active": "no"}, {"active": 0}, {"active": None}]
)
def test_changes_outside_the_contract_are_400(admin_client, body):
    assert admin_client.patch("/api/users/1/", json=body).status_code == 400


def test_the_last_active_admin_can_be_neither_demoted_nor_deactivated(admin_client):
    for change in ({"role": "agent"}, {"active": False}):
        response = admin_client.patch("/api/users/2/", json=change)
        assert response.status_code == 409 and response.get_json()["message"]
    assert admin_client.get("/api/users/2/").get_json()["role"] == "admin"


def test_with_a_second_admin_the_first_may_step_down(admin_client):
    admin_client.patch("/api/users/1/", json={"role": "admin"})
    assert admin_client.patch("/api/users/2/", json={"role": "agent"}).status_code == 200


def test_users_are_never_deleted(admin_client):
    response = admin_client.delete("/api/users/1/")
    assert response.status_code == 405 and "PATCH" in response.headers["Allow"]


def test_an_unknown_user_is_404(admin_client):
    assert admin_client.get("/api/users/999/").status_code == 404
    assert admin_client.patch("/api/users/999/", json={"name": "x"}).status_code == 404


def test_a_deactivated_user_can_be_reactivated(admin_client, anonymous):
    admin_client.patch("/api/users/1/", json={"active": False})
    admin_client.patch("/api/users/1/", json={"active": True})
    credentials = {"email": AGENT.email, "password": PASSWORD}
    assert anonymous.post("/api/auth/login/", json=credentials).status_code == 200


def test_agents_are_refused_403(client):
    assert client.get("/api/users/").status_code == 403
    assert client.post("/api/users/", json=NEW_AGENT).status_code == 403
    assert client.get("/api/auth/me/", headers=ADMIN.bearer).get_json()["role"] == "admin"
