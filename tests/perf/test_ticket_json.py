"""The list's lean serializers, in Python and in PostgreSQL, say exactly what TicketSchema
says."""

import json

from sqlalchemy import select

from ticketsvc.extensions import db
from ticketsvc.tickets import service
from ticketsvc.tickets.schemas import TicketSchema
from ticketsvc.tickets.ticket_json import ticket_json

DANA_ID = 1  # tests/staff.py's agent


def test_lean_ticket_json_and_postgresqls_equal_the_schema_dump_key_for_key_in_order(
    app, client, create_ticket
):
    create_ticket(title="Given by hand")  # no suggestion: nulls
    create_ticket(title="Suggested", category=None, priority=None)  # classified: every field set
    escaped = create_ticket(title='Quotes " and \\ backslashes, tabs\t, ünïcode ✓', requester_name="Zoë")
    assigned = client.patch(f"/api/tickets/{escaped['id']}/", json={"assignee_id": DANA_ID})
    assert assigned.status_code == 200
    with app.app_context():
        rows = db.session.execute(
            select(*service.TICKET_COLUMNS, service.LISTED_TICKET).order_by(service.tickets.c.id)
        ).all()
    assert len(rows) == 3
    for row in rows:
        expected = TicketSchema().dump(row)
        assert list(ticket_json(row).items()) == list(expected.items())
        assert list(json.loads(row.ticket).items()) == list(expected.items())


def test_listed_tickets_equal_the_same_tickets_read_one_by_one(client, create_ticket):
    created = [create_ticket(title=f"ticket {number}") for number in range(3)]
    listed = client.get("/api/tickets/").get_json()["results"]
    assert listed == [client.get(f"/api/tickets/{ticket['id']}/").get_json() for ticket in reversed(created)]
