"""The API's answers are not to be stored by any cache (the security headers of every
response: tests/test_spa.py, and behind nginx tests/deploy/test_nginx.py)."""

from tests.staff import AGENT, PASSWORD

TICKET = {
    "title": "Refund",
    "description": "Please refund my last order.",
    "requester_email": "robin@example.com",
}


def test_answers_carrying_credentials_or_a_customers_data_are_not_stored(app, anonymous):
    created = anonymous.post("/api/tickets/", json=TICKET)
    ticket_id, key = created.get_json()["id"], created.get_json()["access_key"]
    customer = {"X-Ticket-Key": key}
    browser = app.test_client()
    signed_in = browser.post("/api/auth/login/", json={"email": AGENT.email, "password": PASSWORD})
    csrf = {"X-CSRF-Token": signed_in.get_json()["csrf_token"]}
    answers = {
        "a new ticket and its key": created,
        "the customer view": anonymous.get(f"/api/tickets/{ticket_id}/", headers=customer),
        "the customer's comments": anonymous.get(f"/api/tickets/{ticket_id}/comments/", headers=customer),
        "signing in": signed_in,
        "who is signed in": browser.get("/api/auth/me/"),
        "a new API token": browser.post("/api/auth/tokens/", json={"name": "cli"}, headers=csrf),
        "an agent's list": browser.get("/api/tickets/"),
        "a refusal": anonymous.get("/api/users/"),
    }
    for what, response in answers.items():
        assert response.status_code < 500, what
        assert response.headers.get_all("Cache-Control") == ["no-store"], what
