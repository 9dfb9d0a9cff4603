"""The list's lean serializer says exactly what TicketSchema says."""

from ticketsvc.tickets import service
from ticketsvc.tickets.schemas import TicketSchema
from ticketsvc.tickets.ticket_json import ticket_json


def test_lean_ticket_json_equals_the_schema_dump_key_for_key_in_order(app, create_ticket):
    create_ticket(title="Given by hand")  # no suggestion: nulls
    create_ticket(title="Suggested", category=None, priority=None)  # classified: every field set
    with app.app_context():
        rows = service.list_tickets({"page": 1, "page_size": 20, "ordering": "-created_at"}, 1000).results
    assert len(rows) == 2
    for row in rows:
        expected = TicketSchema().dump(row)
        assert list(ticket_json(row).items()) == list(expected.items())


def test_listed_tickets_equal_the_same_tickets_read_one_by_one(client, create_ticket):
    created = [create_ticket(title=f"ticket {number}") for number in range(3)]
    listed = client.get("/api/tickets/").get_json()["results"]
    assert listed == [client.get(f"/api/tickets/{ticket['id']}/").get_json() for ticket in reversed(created)]
