"""The conversation: replies the customer sees, notes only agents see, a reply that
reopens, and a closed ticket that takes no more."""

import pytest

PUBLIC_REPLY = {"body": "  We have reissued the invoice with your new VAT number.  "}
INTERNAL_NOTE = {"body": "Finance confirmed the change on the 4th.", "internal": True}


def post(client, ticket_id, body, **headers):
    return client.post(f"/api/tickets/{ticket_id}/comments/", json=body, headers=headers)


def test_an_agents_reply_and_note_read_back_oldest_first_with_their_author(submit, client):
    ticket, _ = submit()
    reply = post(client, ticket["id"], PUBLIC_REPLY)
    assert reply.status_code == 201
    assert reply.get_json()["author"] == {"kind": "agent", "id": 1, "name": "Dana Agent"}
    assert reply.get_json()["body"] == PUBLIC_REPLY["body"].strip() and reply.get_json()["internal"] is False
    note = post(client, ticket["id"], INTERNAL_NOTE).get_json()
    page = client.get(f"/api/tickets/{ticket['id']}/comments/").get_json()
    assert page["count"] == 2 and [c["id"] for c in page["results"]] == [reply.get_json()["id"], note["id"]]
    assert set(page["results"][0]) == {"id", "author", "body", "internal", "created_at", "channel", "mail"}
    assert page["results"][0]["channel"] == "web" and page["results"][0]["mail"] is None


def test_the_customer_sees_public_replies_only_and_replies_by_name(submit, client, customer):
    ticket, key = submit()
    post(client, ticket["id"], PUBLIC_REPLY)
    post(client, ticket["id"], INTERNAL_NOTE)
    mine = post(customer(key), ticket["id"], {"body": "Thank you!"})
    assert mine.status_code == 201
    assert mine.get_json()["author"] == {"kind": "customer", "name": "Robin Customer"}
    seen = customer(key).get(f"/api/tickets/{ticket['id']}/comments/").get_json()
    assert seen["count"] == 2 and not any(comment["internal"] for comment in seen["results"])
    assert all(
        set(comment) == {"id", "author", "body", "internal", "created_at"} for comment in seen["results"]
    )
    assert INTERNAL_NOTE["body"] not in str(seen)
    assert client.get(f"/api/tickets/{ticket['id']}/comments/").get_json()["count"] == 3


def test_a_customer_cannot_write_an_internal_note(submit, customer):
    ticket, key = submit()
    response = post(customer(key), ticket["id"], INTERNAL_NOTE)
    assert response.status_code == 400 and "internal" in response.get_json()["errors"]
    assert customer(key).get(f"/api/tickets/{ticket['id']}/comments/").get_json()["count"] == 0


def test_a_customer_reply_reopens_a_resolved_ticket(submit, client, customer):
    ticket, key = submit()
    resolved = client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "resolved"})
    post(customer(key), ticket["id"], {"body": "It is still wrong on the PDF."})
    reopened = client.get(f"/api/tickets/{ticket['id']}/")
    assert reopened.get_json()["status"] == "open"
    assert reopened.headers["ETag"] != resolved.headers["ETag"]
    entries = client.get(f"/api/tickets/{ticket['id']}/history/").get_json()["results"]
    assert [(entry["action"], entry["actor"]) for entry in entries[-2:]] == [
        ("commented", {"kind": "customer"}),
        ("changed", {"kind": "customer"}),
    ]
    assert entries[-1]["changes"] == {"status": ["resolved", "open"]}


def test_an_agents_reply_does_not_reopen_and_changes_neither_updated_at_nor_etag(submit, client):
    ticket, _ = submit()
    before = client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "resolved"})
    post(client, ticket["id"], PUBLIC_REPLY)
    after = client.get(f"/api/tickets/{ticket['id']}/")
    assert after.get_json()["status"] == "resolved" and after.headers["ETag"] == before.headers["ETag"]


@pytest.mark.parametrize("author", ["agent", "customer"])
def test_a_closed_ticket_takes_no_comment(submit, client, customer, author):
    ticket, key = submit()
    client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "closed"})
    writer = client if author == "agent" else customer(key)
    response = post(writer, ticket["id"], PUBLIC_REPLY)
    assert response.status_code == 409 and response.get_json() == {"message": "This ticket is closed."}
    assert client.get(f"/api/tickets/{ticket['id']}/comments/").get_json()["count"] == 0


@pytest.mark.parametrize(
    "body", [{}, {"body": ""}, {"body": " \n\t "}, {"body": "a\x00b"}, {"body": "x" * 10_001}, {"body": 5}]
)
def test_bad_bodies_are_400_naming_body(submit, client, body):
    ticket, _ = submit()
    response = post(client, ticket["id"], body)
    assert response.status_code == 400 and "body" in response.get_json()["errors"]


def test_a_body_of_10000_characters_after_trimming_is_taken(submit, client):
    ticket, _ = submit()
    assert post(client, ticket["id"], {"body": "  " + "x" * 10_000 + "  "}).status_code == 201


def test_comments_of_no_ticket_are_404(client):
    assert client.get("/api/tickets/987654/comments/").status_code == 404
    assert post(client, 987654, PUBLIC_REPLY).status_code == 404


def test_comments_come_fifty_to_a_page(submit, client):
    ticket, _ = submit()
    for number in range(51):
        post(client, ticket["id"], {"body": f"reply {number}"})
    first = client.get(f"/api/tickets/{ticket['id']}/comments/").get_json()
    assert len(first["results"]) == 50 and first["next"] and first["count"] == 51
    second = client.get(first["next"]).get_json()
    assert [comment["body"] for comment in second["results"]] == ["reply 50"]
    assert client.get(f"/api/tickets/{ticket['id']}/comments/?page=3").status_code == 404


def test_with_the_session_cookie_a_comment_needs_the_csrf_token(submit, agent_session):
    ticket, _ = submit()
    browser, csrf = agent_session
    assert post(browser, ticket["id"], PUBLIC_REPLY).status_code == 403
    assert post(browser, ticket["id"], PUBLIC_REPLY, **csrf).status_code == 201
