"""Whether an agent gets mail: shown and set on their own account, and honoured by the worker."""

import pytest

from tests.conftest import client_of
from tests.staff import ADMIN, AGENT


def test_me_shows_that_mail_is_on_by_default(client):
    # (Signing in answers without it, exactly as the contract writes: test_sessions.py.)
    assert client.get("/api/auth/me/").get_json()["notify_by_mail"] is True


def test_switching_mail_off_and_on_again(client):
    switched_off = client.patch("/api/auth/me/", json={"notify_by_mail": False})
    assert switched_off.status_code == 200 and switched_off.get_json()["notify_by_mail"] is False
    assert client.get("/api/auth/me/").get_json()["notify_by_mail"] is False
    assert client.patch("/api/auth/me/", json={"notify_by_mail": True}).get_json()["notify_by_mail"] is True


@pytest.mark.parametrize("value", ["no", 0, None])
def test_a_preference_that_is_not_true_or_false_is_400_naming_it(client, value):
    response = client.patch("/api/auth/me/", json={"notify_by_mail": value})
    assert response.status_code == 400 and "notify_by_mail" in response.get_json()["errors"]
    assert client.get("/api/auth/me/").get_json()["notify_by_mail"] is True


def test_switching_mail_off_with_the_session_cookie_needs_the_csrf_token(sign_in):
    browser, csrf_token, _ = sign_in(AGENT.email)
    assert browser.patch("/api/auth/me/", json={"notify_by_mail": False}).status_code == 403
    assert browser.get("/api/auth/me/").get_json()["notify_by_mail"] is True
    response = browser.patch(
        "/api/auth/me/", json={"notify_by_mail": False}, headers={"X-CSRF-Token": csrf_token}
    )
    assert response.status_code == 200 and response.get_json()["csrf_token"] == csrf_token


def test_an_agent_who_switched_mail_off_gets_no_assignment_mail(mail_app, outbox, run_worker):
    agent, admin = client_of(mail_app, AGENT), client_of(mail_app, ADMIN)

    def assign_a_new_ticket_to_the_agent() -> None:
        ticket = admin.post("/api/tickets/", json={"title": "Printer on fire", "description": "It smokes."})
        assert (
            admin.patch(f"/api/tickets/{ticket.get_json()['id']}/", json={"assignee_id": 1}).status_code
            == 200
        )
        run_worker()

    assert agent.patch("/api/auth/me/", json={"notify_by_mail": False}).status_code == 200
    assign_a_new_ticket_to_the_agent()
    [assigned] = outbox()
    assert (assigned.kind, assigned.state) == ("assigned", "skipped")
    assert assigned.last_error == "they switched mail off"
    assert agent.patch("/api/auth/me/", json={"notify_by_mail": True}).status_code == 200
    assign_a_new_ticket_to_the_agent()
    assert outbox()[-1].state == "sent"
