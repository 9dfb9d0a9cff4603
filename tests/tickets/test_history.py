"""Every change of a ticket, with who made it, written with the change: what each write
path records, what changes nothing records nothing, and a write that does not say who
makes it is refused."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from tests.staff import AGENT
from ticketsvc.accounts import tokens
from ticketsvc.devtools.query_plans import explain, plan_nodes, statements_of_request
from ticketsvc.extensions import db

DANA = {"kind": "agent", "id": 1, "name": AGENT.name}
TRACKED = (
    "title",
    "description",
    "category",
    "priority",
    "status",
    "assignee",
    "requester_name",
    "requester_email",
    "suggested_category",
    "suggested_priority",
    "classification_source",
)


def entries(client, ticket_id):
    response = client.get(f"/api/tickets/{ticket_id}/history/?page_size=100")
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def test_created_holds_every_initial_value_and_who_created_it(submit, client):
    ticket, _ = submit(category="billing", priority="medium")
    [created] = entries(client, ticket["id"])
    assert set(created) == {"id", "at", "actor", "action", "changes"}
    assert created["action"] == "created" and created["actor"] == {"kind": "customer"}
    assert set(created["changes"]) == set(TRACKED)
    assert created["changes"]["category"] == [None, "billing"]
    assert created["changes"]["requester_name"] == [None, "Robin Customer"]
    assert created["changes"]["assignee"] == [None, None]


def test_a_change_records_only_what_changed_with_who_changed_it(submit, client):
    ticket, _ = submit(category="billing", priority="medium")
    change = {"priority": "high", "category": "billing", "assignee_id": 1}  # the category stays
    client.patch(f"/api/tickets/{ticket['id']}/", json=change)
    changed = entries(client, ticket["id"])[-1]
    assert changed["action"] == "changed" and changed["actor"] == DANA
    assert changed["changes"] == {"priority": ["medium", "high"], "assignee": [None, 1]}


def test_refused_and_empty_changes_record_nothing(submit, client):
    ticket, _ = submit(category="billing", priority="medium")
    etag = client.get(f"/api/tickets/{ticket['id']}/").headers["ETag"]
    client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "in_progress"})
    assert (
        client.patch(
            f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers={"If-Match": etag}
        ).status_code
        == 412
    )
    assert client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "nope"}).status_code == 400
    assert client.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 999}).status_code == 400
    same = client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "in_progress", "priority": "medium"})
    assert same.status_code == 200 and same.get_json()["updated_at"] > ticket["updated_at"]
    assert [entry["action"] for entry in entries(client, ticket["id"])] == ["created", "changed"]


def test_a_comment_is_recorded_with_its_id_and_whether_internal(submit, client):
    ticket, _ = submit()
    note = client.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "n", "internal": True})
    note = note.get_json()
    commented = entries(client, ticket["id"])[-1]
    assert commented["action"] == "commented" and commented["actor"] == DANA
    assert commented["changes"] == {"comment_id": [None, note["id"]], "internal": [None, True]}


def test_a_renamed_agent_does_not_rewrite_who_did_what(submit, client, customer):
    """History is evidence: an entry, and a reply the customer read, keep the name the agent
    had when they acted."""
    ticket, key = submit()
    client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "critical"})
    client.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "On it."})
    assert client.patch("/api/auth/me/", json={"name": "Someone Else"}).status_code == 200
    client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "low"})

    names = [entry["actor"].get("name") for entry in entries(client, ticket["id"])]
    assert names == [None, AGENT.name, AGENT.name, "Someone Else"]
    [reply] = customer(key).get(f"/api/tickets/{ticket['id']}/comments/").get_json()["results"]
    assert reply["author"] == {"kind": "agent", "id": 1, "name": AGENT.name}


def test_imported_and_seeded_tickets_have_their_created_entry(client, runner, tmp_path):
    csv_file = tmp_path / "tickets.csv"
    csv_file.write_text(
        "title,description,category,priority,status,created_at\n"
        "Old one,From the old service,general,low,closed,2025-01-02T03:04:05Z\n"
    )
    assert runner.invoke(args=["tickets", "import", str(csv_file)]).exit_code == 0
    assert runner.invoke(args=["tickets", "seed", "--count", "3"]).exit_code == 0
    imported, *seeded = client.get("/api/tickets/?ordering=created_at").get_json()["results"]
    [created] = entries(client, imported["id"])
    assert created["actor"] == {"kind": "system", "name": "flask tickets import"}
    assert created["changes"]["status"] == [None, "closed"]
    assert {entries(client, ticket["id"])[0]["actor"]["name"] for ticket in seeded} == {"flask tickets seed"}


def test_reclassify_records_the_suggestion_and_what_moved(create_ticket, client, runner, tmp_path):
    ticket = create_ticket(
        title="Charged twice",
        description="You charged my card twice, please refund the double charge.",
        category="general",
        priority="low",
        suggested_category="general",
        suggested_priority="low",
        classification_source="gemini",
    )
    checkpoint = str(tmp_path / "checkpoint.json")
    assert runner.invoke(args=["tickets", "reclassify", "--apply", "--checkpoint", checkpoint]).exit_code == 0
    reclassified = entries(client, ticket["id"])[-1]
    assert reclassified["action"] == "reclassified"
    assert reclassified["actor"] == {"kind": "system", "name": "flask tickets reclassify"}
    assert reclassified["changes"]["classification_source"] == ["gemini", "fallback"]
    assert reclassified["changes"]["category"] == ["general", "billing"]
    assert reclassified["changes"]["suggested_category"] == ["general", "billing"]


def test_two_changes_racing_from_one_etag_record_one_entry(submit, client, app):
    """The loser of If-Match changes nothing, so it records nothing (the barrier-released
    race itself runs against gunicorn in tests/hardening/test_concurrent_changes.py)."""
    ticket, _ = submit()
    etag = client.get(f"/api/tickets/{ticket['id']}/").headers["ETag"]
    statuses = [
        client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": priority}, headers={"If-Match": etag})
        for priority in ("high", "critical")
    ]
    statuses = [response.status_code for response in statuses]
    assert sorted(statuses) == [200, 412]
    assert [entry["action"] for entry in entries(client, ticket["id"])] == ["created", "changed"]


def test_a_write_that_does_not_say_who_makes_it_is_refused(app, create_ticket):
    ticket = create_ticket()
    with app.app_context():
        with pytest.raises(DBAPIError, match=r"ticketsvc\.actor is not set"):
            db.session.execute(sa.text("UPDATE tickets SET status = 'closed' WHERE id = :id"), ticket)
        db.session.rollback()
        assert db.session.scalar(sa.text("SELECT status FROM tickets WHERE id = :id"), ticket) == "open"


def test_history_is_for_agents_and_of_existing_tickets(submit, client, customer, anonymous):
    ticket, key = submit()
    assert customer(key).get(f"/api/tickets/{ticket['id']}/history/").status_code == 401
    assert anonymous.get(f"/api/tickets/{ticket['id']}/history/").status_code == 401
    assert client.get("/api/tickets/987654/history/").status_code == 404


def test_reading_a_history_is_one_query_along_its_index(app, submit):
    ticket, _ = submit()
    with app.app_context():
        ran = statements_of_request(app, f"/api/tickets/{ticket['id']}/history/", AGENT.bearer)
        credentials = ("api_tokens", tokens.SIGNED_IN.name)  # checking the token, noting its use
        [statement] = [(sql, values) for sql, values in ran if not any(name in sql for name in credentials)]
        nodes = list(plan_nodes(explain(*statement)[0]["Plan"]))
    assert "ix_ticket_history_ticket_id_id" in {node.get("Index Name") for node in nodes}
