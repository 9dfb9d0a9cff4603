"""The customer's private link: a key that opens one ticket, and only what they should see."""

import pytest
import sqlalchemy as sa

from ticketsvc.extensions import db

CUSTOMER_FIELDS = {"id", "title", "description", "status", "created_at", "updated_at"}


def test_creating_answers_a_key_of_at_least_128_bits_once(submit, client):
    ticket, key = submit()
    assert len(key) >= 22 and key.replace("-", "").replace("_", "").isalnum()  # base64url, ≥ 128 bits
    assert "access_key" not in client.get(f"/api/tickets/{ticket['id']}/").get_json()


def test_the_key_shows_the_customer_view_and_nothing_else(submit, customer):
    ticket, key = submit(category="billing", priority="high")
    response = customer(key).get(f"/api/tickets/{ticket['id']}/")
    assert response.status_code == 200
    assert set(response.get_json()) == CUSTOMER_FIELDS
    assert response.get_json() == {name: ticket[name] for name in CUSTOMER_FIELDS}
    assert response.headers["ETag"]


def test_agents_see_the_requester(submit, client):
    ticket, _ = submit()
    seen = client.get(f"/api/tickets/{ticket['id']}/").get_json()
    assert (seen["requester_name"], seen["requester_email"]) == ("Robin Customer", "robin@customer.example")
    assert seen["assignee"] is None


def test_a_wrong_key_is_401_and_a_key_for_another_ticket_404_like_no_ticket(submit, customer):
    first, first_key = submit()
    second, _ = submit()
    wrong = customer("not-the-key").get(f"/api/tickets/{first['id']}/")
    assert wrong.status_code == 401 and wrong.get_json() == {"message": "Invalid or expired credentials."}
    other = customer(first_key).get(f"/api/tickets/{second['id']}/")
    missing = customer(first_key).get("/api/tickets/987654/")
    assert other.status_code == missing.status_code == 404
    assert other.get_json()["message"] == f"Ticket {second['id']} not found."
    assert missing.get_json()["message"] == "Ticket 987654 not found."


def test_a_key_opens_nothing_but_its_ticket(submit, customer):
    ticket, key = submit()
    holder = customer(key)
    assert holder.patch(f"/api/tickets/{ticket['id']}/", json={"status": "closed"}).status_code == 401
    assert holder.get(f"/api/tickets/{ticket['id']}/history/").status_code == 401
    # Read only on a ticket's own endpoints: elsewhere it is no credential at all.
    assert holder.get("/api/tickets/").get_json() == {"message": "Authentication required."}
    assert holder.get("/api/tickets/stats/").status_code == 401
    assert holder.post("/api/tickets/classify/", json={"description": "Refund"}).status_code == 200


def test_the_key_is_stored_as_a_digest(app, submit):
    ticket, key = submit()
    with app.app_context():
        stored = db.session.execute(sa.text("SELECT * FROM tickets WHERE id = :id"), ticket).one()
    assert key.encode() not in repr(stored).encode() and len(stored.access_key_digest) == 32


@pytest.mark.parametrize(
    ("field", "value"),
    [("requester_email", "not an email"), ("requester_name", "   "), ("requester_name", "x" * 101)],
)
def test_the_requester_must_look_like_one(anonymous, field, value):
    response = anonymous.post("/api/tickets/", json={"title": "t", "description": "d", field: value})
    assert response.status_code == 400 and field in response.get_json()["errors"]


# Addresses mail will go to (round 3): anything else is refused, not stored.
NOT_ADDRESSES = {
    "a link's query in disguise": "x?cc=boss&body=pay%20now@example.com",
    "a header in disguise": "robin@example.com\r\nBcc: boss@example.com",
    "a display name": "Robin <robin@example.com>",
    "a quoted part": '"robin customer"@example.com',
    "an IP address": "robin@[192.0.2.1]",
    "a domain without a dot": "robin@localhost",
    "a special-use domain": "robin@printer.local",
    "two dots in a row": "robin..customer@example.com",
    "an invisible character": "robin\u200b@example.com",
    "too long before the @": "r" * 65 + "@example.com",
}


@pytest.mark.parametrize("address", NOT_ADDRESSES.values(), ids=NOT_ADDRESSES.keys())
def test_a_requester_email_that_mail_cannot_go_to_is_400(anonymous, address):
    response = anonymous.post(
        "/api/tickets/", json={"title": "t", "description": "d", "requester_email": address}
    )
    assert response.status_code == 400 and "requester_email" in response.get_json()["errors"]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (" Robin.O'Neil+orders@Example.COM ", "Robin.O'Neil+orders@example.com"),
        ("jörg@müller.example", "jörg@müller.example"),
        ("robin@xn--mller-kva.example", "robin@müller.example"),
        ("robin@example.test", "robin@example.test"),
    ],
)
def test_a_requester_email_is_kept_in_its_normal_form(client, given, kept):
    body = {"title": "t", "description": "d", "requester_email": given}
    created = client.post("/api/tickets/", json=body).get_json()
    assert created["requester_email"] == kept
    assert client.get(f"/api/tickets/{created['id']}/").get_json()["requester_email"] == kept


def test_a_ticket_cannot_be_created_assigned(client):
    response = client.post("/api/tickets/", json={"title": "t", "description": "d", "assignee_id": 1})
    assert response.status_code == 400 and "assignee_id" in response.get_json()["errors"]
