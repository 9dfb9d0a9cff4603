"""An owner per ticket: assigning, the assignee filter with its exact counts, and the open
tickets nobody holds."""

import pytest
import sqlalchemy as sa

from ticketsvc.extensions import db

AGENT_ID, ADMIN_ID = 1, 2


def assign(client, ticket_id, assignee_id):
    return client.patch(f"/api/tickets/{ticket_id}/", json={"assignee_id": assignee_id})


def test_assigning_shows_the_assignee_by_id_and_name(client, create_ticket):
    ticket = create_ticket()
    response = assign(client, ticket["id"], ADMIN_ID)
    ada = {"id": 2, "name": "Ada Admin"}
    assert response.status_code == 200 and response.get_json()["assignee"] == ada
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json()["assignee"] == ada
    assert client.get("/api/tickets/").get_json()["results"][0]["assignee"] == ada
    assert assign(client, ticket["id"], None).get_json()["assignee"] is None


@pytest.mark.parametrize("assignee_id", [999, 0, -1, "1", True, 1.5])
def test_an_assignee_that_is_no_active_agent_is_400_naming_assignee_id(client, create_ticket, assignee_id):
    ticket = create_ticket()
    response = assign(client, ticket["id"], assignee_id)
    assert response.status_code == 400 and "assignee_id" in response.get_json()["errors"]
    assert client.get(f"/api/tickets/{ticket['id']}/").get_json() == ticket


def test_a_deactivated_agent_cannot_be_given_tickets_but_keeps_theirs(client, admin_client, create_ticket):
    kept, refused = create_ticket(), create_ticket()
    assign(client, kept["id"], AGENT_ID)
    admin_client.patch("/api/users/1/", json={"active": False})
    response = assign(admin_client, refused["id"], AGENT_ID)
    assert response.status_code == 400 and "assignee_id" in response.get_json()["errors"]
    page = admin_client.get(f"/api/tickets/?assignee={AGENT_ID}").get_json()
    assert (page["count"], page["results"][0]["id"]) == (1, kept["id"])


def counted(app, condition: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.text(f"SELECT count(*) FROM tickets WHERE {condition}"))


def test_the_assignee_filter_takes_ids_me_none_with_exact_counts(app, client, admin_client, create_ticket):
    tickets = [create_ticket(category=("billing", "technical")[number % 2]) for number in range(12)]
    for ticket in tickets[:5]:
        assign(client, ticket["id"], AGENT_ID)
    for ticket in tickets[5:8]:
        assign(client, ticket["id"], ADMIN_ID)
    cases = {
        "assignee=me": "assignee_id = 1",
        f"assignee={ADMIN_ID}": "assignee_id = 2",
        "assignee=none": "assignee_id IS NULL",
        "assignee=none&assignee=me": "assignee_id IS NULL OR assignee_id = 1",
        "assignee=me&category=billing": "assignee_id = 1 AND category = 'billing'",
        "assignee=none&status=open&search=printer": "assignee_id IS NULL AND status = 'open'",
    }
    for query, condition in cases.items():
        page = client.get(f"/api/tickets/?{query}&page_size=100").get_json()
        assert (page["count"], page["count_exact"]) == (counted(app, condition), True), query
        assert len(page["results"]) == page["count"], query
    assert admin_client.get("/api/tickets/?assignee=me").get_json()["count"] == 3


@pytest.mark.parametrize("value", ["12345", "someone", "-1", "0", "1.5", "\u0661"])
def test_an_assignee_filter_naming_nobody_is_400_naming_assignee(client, value):
    response = client.get(f"/api/tickets/?assignee={value}")
    assert response.status_code == 400 and "assignee" in response.get_json()["errors"]


def test_stats_count_the_open_tickets_nobody_holds(client, create_ticket):
    tickets = [create_ticket(category="billing") for _ in range(4)]
    assign(client, tickets[0]["id"], AGENT_ID)
    client.patch(f"/api/tickets/{tickets[1]['id']}/", json={"status": "closed"})
    assert client.get("/api/tickets/stats/").get_json()["unassigned_open"] == 2
    assert client.get("/api/tickets/stats/?category=technical").get_json()["unassigned_open"] == 0


def test_the_assignees_are_the_active_agents_and_admins_by_name(client, admin_client):
    def add(email, name):
        account = {"email": email, "name": name, "role": "agent", "password": "p" * 12}
        return admin_client.post("/api/users/", json=account).get_json()

    add("b@x.test", "Bea")
    gone = add("c@x.test", "Cy")
    admin_client.patch(f"/api/users/{gone['id']}/", json={"active": False})
    assert client.get("/api/tickets/assignees/").get_json() == [
        {"id": 2, "name": "Ada Admin", "role": "admin"},
        {"id": 3, "name": "Bea", "role": "agent"},
        {"id": 1, "name": "Dana Agent", "role": "agent"},
    ]
