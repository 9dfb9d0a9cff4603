"""Canned replies: who sees, changes and uses which, the list's order, the text rules, and
comments made from a reply, filled in for the ticket, counted with the comment."""

import pytest

from tests.replies.conftest import SAM_ID

DANA = {"id": 1, "name": "Dana Agent"}
REPLY_FIELDS = {"id", "title", "body", "shared", "owner", "uses", "updated_at"}


def titles(client) -> list[str]:
    response = client.get("/api/replies/")
    assert response.status_code == 200
    return [reply["title"] for reply in response.get_json()]


def reply_in_list(client, reply_id: int) -> dict | None:
    return next((reply for reply in client.get("/api/replies/").get_json() if reply["id"] == reply_id), None)


def comment_with(client, ticket_id: int, headers=None, **body):
    return client.post(f"/api/tickets/{ticket_id}/comments/", json=body, headers=headers)


def comment_count(client, ticket_id: int) -> int:
    return client.get(f"/api/tickets/{ticket_id}/comments/").get_json()["count"]


# Who sees and changes what


def test_an_agent_writes_a_personal_reply_trimmed_and_reads_it_back(client):
    response = client.post(
        "/api/replies/", json={"title": "  Refund sent  ", "body": "\nYour refund is on its way.\n"}
    )
    assert response.status_code == 201
    reply = response.get_json()
    assert set(reply) == REPLY_FIELDS
    assert (reply["title"], reply["body"]) == ("Refund sent", "Your refund is on its way.")
    assert (reply["shared"], reply["owner"], reply["uses"]) == (False, DANA, 0)
    assert reply["updated_at"].endswith("Z")
    assert client.get("/api/replies/").get_json() == [reply]


def test_each_agent_sees_the_shared_replies_and_their_own_only(
    client, other_agent, admin_client, write_reply
):
    write_reply(client, "Dana's own")
    write_reply(client, "Dana's shared", shared=True)
    write_reply(other_agent, "Sam's own")
    write_reply(other_agent, "Sam's shared", shared=True)
    assert titles(client) == ["Dana's own", "Dana's shared", "Sam's shared"]
    assert titles(other_agent) == ["Dana's shared", "Sam's own", "Sam's shared"]
    assert titles(admin_client) == ["Dana's shared", "Sam's shared"]


@pytest.mark.parametrize("who", ["another agent", "an admin"])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_someone_elses_personal_reply_is_404_to_change_or_delete(
    client, other_agent, admin_client, write_reply, who, method
):
    reply = write_reply(client, "Dana's own")
    caller = other_agent if who == "another agent" else admin_client
    response = caller.open(f"/api/replies/{reply['id']}/", method=method, json={"title": "Taken over"})
    assert response.status_code == 404
    assert response.get_json() == {"message": f"Reply {reply['id']} not found."}
    assert reply_in_list(client, reply["id"]) == reply


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_another_agents_shared_reply_is_403_to_change_or_delete(client, other_agent, write_reply, method):
    reply = write_reply(client, "Dana's shared", shared=True)
    response = other_agent.open(f"/api/replies/{reply['id']}/", method=method, json={"title": "Taken over"})
    assert response.status_code == 403 and response.get_json()["message"]
    assert reply_in_list(other_agent, reply["id"]) == reply


def test_an_unknown_reply_is_404(client):
    assert client.patch("/api/replies/99/", json={"title": "x"}).status_code == 404
    assert client.delete("/api/replies/99/").status_code == 404


def test_an_admin_may_change_and_delete_anyones_shared_reply(client, admin_client, write_reply):
    reply = write_reply(client, "Dana's shared", shared=True)
    changed = admin_client.patch(f"/api/replies/{reply['id']}/", json={"body": "Better words."})
    assert changed.status_code == 200
    assert changed.get_json() == {
        **reply,
        "body": "Better words.",
        "updated_at": changed.get_json()["updated_at"],
    }
    assert changed.get_json()["owner"] == DANA and changed.get_json()["updated_at"] > reply["updated_at"]
    assert admin_client.delete(f"/api/replies/{reply['id']}/").status_code == 204
    assert titles(client) == []


def test_the_owner_changes_shares_and_deletes_their_reply(client, other_agent, write_reply):
    reply = write_reply(client, "Refund sent")
    assert titles(other_agent) == []
    shared = client.patch(f"/api/replies/{reply['id']}/", json={"shared": True, "title": "Refund issued"})
    assert shared.status_code == 200
    assert (shared.get_json()["shared"], shared.get_json()["title"]) == (True, "Refund issued")
    assert titles(other_agent) == ["Refund issued"]
    assert client.patch(f"/api/replies/{reply['id']}/", json={"shared": False}).get_json()["shared"] is False
    assert titles(other_agent) == []
    deleted = client.delete(f"/api/replies/{reply['id']}/")
    assert deleted.status_code == 204 and deleted.get_data() == b""
    assert titles(client) == [] and client.delete(f"/api/replies/{reply['id']}/").status_code == 404


# The order


def test_the_list_is_most_used_first_then_oldest_first(client, other_agent, create_ticket, write_reply):
    ticket = create_ticket()
    shared_once = write_reply(other_agent, "shared, used once", shared=True)
    own_never = write_reply(client, "own, never used")
    shared_never = write_reply(other_agent, "shared, never used", shared=True)
    own_twice = write_reply(client, "own, used twice")
    others_own = write_reply(other_agent, "Sam's own, used three times")
    for reply, times in ((shared_once, 1), (own_twice, 2)):
        for _ in range(times):
            assert comment_with(client, ticket["id"], reply_id=reply["id"]).status_code == 201
    for _ in range(3):
        assert comment_with(other_agent, ticket["id"], reply_id=others_own["id"]).status_code == 201
    listed = client.get("/api/replies/").get_json()
    assert [(reply["id"], reply["uses"]) for reply in listed] == [
        (own_twice["id"], 2),
        (shared_once["id"], 1),
        (own_never["id"], 0),
        (shared_never["id"], 0),
    ]


# What a reply may hold


LONGEST_BODY = "b" * 10_000


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "t" * 101}, "title"),
        ({"title": "nul\x00"}, "title"),
        ({"title": 7}, "title"),
        ({"body": ""}, "body"),
        ({"body": " \n\t "}, "body"),
        ({"body": LONGEST_BODY + "b"}, "body"),
        ({"body": "nul\x00"}, "body"),
        ({"shared": "yes"}, "shared"),
        ({"shared": 1}, "shared"),
        ({"uses": 100}, "uses"),
        ({"owner_id": 2}, "owner_id"),
    ],
)
def test_bad_reply_text_is_400_naming_the_field(client, write_reply, fields, named):
    created = client.post("/api/replies/", json={"title": "Refund sent", "body": "On its way.", **fields})
    assert created.status_code == 400 and named in created.get_json()["errors"]
    reply = write_reply(client, "Refund sent")
    changed = client.patch(f"/api/replies/{reply['id']}/", json=fields)
    assert changed.status_code == 400 and named in changed.get_json()["errors"]
    assert client.get("/api/replies/").get_json() == [reply]


def test_the_longest_title_and_body_are_counted_after_trimming(client):
    response = client.post("/api/replies/", json={"title": f"  {'t' * 100}  ", "body": f"\n{LONGEST_BODY}\n"})
    assert response.status_code == 201
    assert (len(response.get_json()["title"]), len(response.get_json()["body"])) == (100, 10_000)


@pytest.mark.parametrize("body", [{"title": "Refund sent"}, {"body": "On its way."}, {}])
def test_a_new_reply_needs_a_title_and_a_body(client, body):
    response = client.post("/api/replies/", json=body)
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {"title", "body"} - set(body)


def test_an_empty_change_is_400(client, write_reply):
    reply = write_reply(client, "Refund sent")
    response = client.patch(f"/api/replies/{reply['id']}/", json={})
    assert response.status_code == 400 and response.get_json()["message"]


# Comments made from a reply

GREETING = "Hello {{customer.name}}, about #{{ticket.id}} ({{ticket.title}}): done. {{agent.name}}"


def test_a_comment_from_a_reply_is_its_text_filled_in_for_the_ticket(client, create_ticket, write_reply):
    ticket = create_ticket(requester_name="Robin Customer")
    reply = write_reply(client, "Done", body=GREETING)
    response = comment_with(client, ticket["id"], reply_id=reply["id"])
    assert response.status_code == 201
    comment = response.get_json()
    expected = f"Hello Robin Customer, about #{ticket['id']} ({ticket['title']}): done. Dana Agent"
    assert (comment["body"], comment["internal"], comment["author"]["id"]) == (expected, False, 1)
    assert client.get(f"/api/tickets/{ticket['id']}/comments/").get_json()["results"] == [comment]


def test_a_customer_who_gave_no_name_is_there(client, create_ticket, write_reply):
    ticket = create_ticket(requester_name=None)
    reply = write_reply(client, "Hello", body="Hello {{customer.name}}!")
    assert comment_with(client, ticket["id"], reply_id=reply["id"]).get_json()["body"] == "Hello there!"


def test_placeholders_are_filled_in_once_and_others_stay_as_written(client, create_ticket, write_reply):
    ticket = create_ticket(title="About {{agent.name}} and {{customer.name}}", requester_name="{{ticket.id}}")
    body = "{{ticket.title}} / {{customer.name}} / {{ticket.status}} {{ agent.name }} {{}} {{agent.name}"
    reply = write_reply(client, "Tricky", body=body)
    comment = comment_with(client, ticket["id"], reply_id=reply["id"]).get_json()
    assert comment["body"] == (
        "About {{agent.name}} and {{customer.name}} / {{ticket.id}} / {{ticket.status}} {{ agent.name }} {{}}"
        " {{agent.name}"
    )


def test_a_reply_can_be_sent_as_an_internal_note(client, create_ticket, write_reply):
    ticket = create_ticket()
    reply = write_reply(client, "Escalated", body="Escalated #{{ticket.id}} to finance.")
    note = comment_with(client, ticket["id"], reply_id=reply["id"], internal=True).get_json()
    assert (note["internal"], note["body"]) == (True, f"Escalated #{ticket['id']} to finance.")


def test_another_agents_shared_reply_is_usable_and_counted(client, other_agent, create_ticket, write_reply):
    ticket = create_ticket()
    reply = write_reply(other_agent, "Sam's shared", shared=True, body="Signed, {{agent.name}}.")
    comment = comment_with(client, ticket["id"], reply_id=reply["id"]).get_json()
    assert comment["body"] == "Signed, Dana Agent."
    counted = reply_in_list(other_agent, reply["id"])
    assert (counted["uses"], counted["owner"]) == (1, {"id": SAM_ID, "name": "Sam Agent"})


def test_each_comment_counts_one_use(client, create_ticket, write_reply):
    ticket = create_ticket()
    reply = write_reply(client, "Refund sent")
    for _ in range(3):
        comment_with(client, ticket["id"], reply_id=reply["id"])
    assert reply_in_list(client, reply["id"])["uses"] == 3 and comment_count(client, ticket["id"]) == 3


def test_a_refused_comment_counts_no_use(client, create_ticket, write_reply):
    closed = create_ticket()
    client.patch(f"/api/tickets/{closed['id']}/", json={"status": "closed"})
    reply = write_reply(client, "Refund sent")
    refused = comment_with(client, closed["id"], reply_id=reply["id"])
    assert refused.status_code == 409 and refused.get_json() == {"message": "This ticket is closed."}
    assert comment_with(client, 999, reply_id=reply["id"]).status_code == 404
    assert reply_in_list(client, reply["id"])["uses"] == 0 and comment_count(client, closed["id"]) == 0


def test_a_reply_too_long_once_filled_in_is_400_and_counts_nothing(client, create_ticket, write_reply):
    ticket = create_ticket(title="A title of some length")
    reply = write_reply(client, "Long", body="{{ticket.title}}" + "x" * (10_000 - len("{{ticket.title}}")))
    response = comment_with(client, ticket["id"], reply_id=reply["id"])
    assert response.status_code == 400 and "reply_id" in response.get_json()["errors"]
    assert reply_in_list(client, reply["id"])["uses"] == 0 and comment_count(client, ticket["id"]) == 0


@pytest.mark.parametrize("whose", ["unknown", "someone else's personal"])
def test_a_reply_the_agent_cannot_see_is_400_naming_reply_id(
    client, other_agent, create_ticket, write_reply, whose
):
    ticket = create_ticket()
    reply_id = 999 if whose == "unknown" else write_reply(other_agent, "Sam's own")["id"]
    response = comment_with(client, ticket["id"], reply_id=reply_id)
    assert response.status_code == 400 and list(response.get_json()["errors"]) == ["reply_id"]
    assert comment_count(client, ticket["id"]) == 0
    if whose != "unknown":
        assert reply_in_list(other_agent, reply_id)["uses"] == 0


@pytest.mark.parametrize("reply_id", [0, -1, "1", 1.5, True, None, 2**63])
def test_a_reply_id_that_is_no_id_is_400_naming_it(client, create_ticket, reply_id):
    ticket = create_ticket()
    response = comment_with(client, ticket["id"], reply_id=reply_id)
    assert response.status_code == 400 and "reply_id" in response.get_json()["errors"]


def test_a_body_with_a_reply_id_is_400_and_so_is_neither(client, create_ticket, write_reply):
    ticket = create_ticket()
    reply = write_reply(client, "Refund sent")
    both = comment_with(client, ticket["id"], reply_id=reply["id"], body="My own words.")
    neither = comment_with(client, ticket["id"], internal=True)
    for response in (both, neither):
        assert response.status_code == 400 and "body" in response.get_json()["errors"]
    assert reply_in_list(client, reply["id"])["uses"] == 0 and comment_count(client, ticket["id"]) == 0


def test_a_customer_cannot_send_a_reply_id(client, anonymous, write_reply):
    submitted = anonymous.post(
        "/api/tickets/", json={"title": "Charged twice", "description": "Twice on Nov 3."}
    )
    ticket_id, key = submitted.get_json()["id"], submitted.get_json()["access_key"]
    reply = write_reply(client, "Shared", shared=True)
    response = comment_with(anonymous, ticket_id, reply_id=reply["id"], headers={"X-Ticket-Key": key})
    assert response.status_code == 400 and list(response.get_json()["errors"]) == ["reply_id"]
    assert reply_in_list(client, reply["id"])["uses"] == 0 and comment_count(client, ticket_id) == 0
