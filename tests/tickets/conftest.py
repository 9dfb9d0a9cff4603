"""Fixtures for working a ticket: a customer's ticket with its key, and their client."""

import pytest

from tests.staff import AGENT, PASSWORD

CUSTOMER_TICKET = {
    "title": "Invoice shows the wrong VAT number",
    "description": "Our VAT number changed in March; the last invoice still has the old one.",
    "requester_name": "Robin Customer",
    "requester_email": "robin@customer.example",
}


@pytest.fixture
def submit(anonymous):
    """submit(**fields) → (the ticket as created, its access_key), as a customer submits it."""

    def submit_ticket(**fields):
        response = anonymous.post("/api/tickets/", json={**CUSTOMER_TICKET, **fields})
        assert response.status_code == 201, response.get_json()
        ticket = response.get_json()
        return ticket, ticket.pop("access_key")

    return submit_ticket


@pytest.fixture
def customer(app):
    """customer(key) → a client that sends the ticket's key, and no other credential."""

    def client_with(key: str):
        holder = app.test_client()
        holder.environ_base["HTTP_X_TICKET_KEY"] = key
        return holder

    return client_with


@pytest.fixture
def agent_session(app):
    """A browser signed in as the test agent: (client, CSRF headers)."""
    browser = app.test_client()
    signed_in = browser.post("/api/auth/login/", json={"email": AGENT.email, "password": PASSWORD})
    return browser, {"X-CSRF-Token": signed_in.get_json()["csrf_token"]}
