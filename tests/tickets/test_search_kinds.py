"""Search over what agents know: the ticket's number, the requester's name and address,
and the conversation (internal notes included), under the list's word rules and bounded
count."""

import sqlalchemy as sa

from tests.conftest import client_of, written_by_the_tests
from tests.staff import AGENT
from ticketsvc.models import Ticket


def found(client, query: str) -> list[int]:
    response = client.get(f"/api/tickets/?{query}")
    assert response.status_code == 200, response.get_json()
    page = response.get_json()
    assert page["count"] == len(page["results"]) and page["count_exact"]
    return sorted(ticket["id"] for ticket in page["results"])


def comment(client, ticket_id: int, body: str, internal: bool = False) -> None:
    response = client.post(f"/api/tickets/{ticket_id}/comments/", json={"body": body, "internal": internal})
    assert response.status_code == 201, response.get_json()


def test_hash_and_number_find_that_ticket_only(client, create_ticket):
    first = create_ticket(title="Order 2 is late")
    second = create_ticket(title="Mentions #1 and 1")
    assert found(client, "search=%231") == [first["id"]]
    assert found(client, "search=%232") == [second["id"]]
    assert found(client, "search=%23999") == []
    assert found(client, "search=%2399999999999999999999999") == []  # past any id: none, not a 500


def test_a_number_finds_its_ticket_and_words_beginning_with_it(client, create_ticket):
    tickets = [create_ticket(title="A ticket") for _ in range(12)]
    about_order = create_ticket(title="Order 10 never arrived")
    about_other_order = create_ticket(title="Order 104 arrived broken")
    assert tickets[9]["id"] == 10
    assert found(client, "search=10") == [10, about_order["id"], about_other_order["id"]]
    assert found(client, "search=104") == [about_other_order["id"]]  # no ticket 104
    assert found(client, "search=10&category=billing") == []
    assert found(client, "search=99999999999999999999999") == []  # words only: past any id


def test_the_requesters_name_and_whole_address_find_their_tickets(submit, client):
    robins, _ = submit(requester_name="Robin Customer", requester_email="Robin.C@Customer.example")
    submit(requester_name="Sam Other", requester_email="sam@other.example")
    assert found(client, "search=robin") == [robins["id"]]
    assert found(client, "search=rob%20cust") == [robins["id"]]
    assert found(client, "search=Robin.C@customer.example") == [robins["id"]]
    assert found(client, "search=ROBIN.C@CUSTOMER.EXAMPLE") == [robins["id"]]
    # The name with the ticket's own words: every word, wherever it is.
    assert found(client, "search=robin%20invoice") == [robins["id"]]
    assert found(client, "search=robin%20printer") == []


def test_the_conversation_is_searched_notes_included(submit, client, customer):
    asked, key = submit(title="Invoice question")
    other, _ = submit(title="Another invoice question")
    comment(customer(key), asked["id"], "The PDF shows the wrong kilowatt figures.")
    comment(client, other["id"], "Escalated to the zeppelin team.", internal=True)
    assert found(client, "search=kilowatt") == [asked["id"]]
    assert found(client, "search=kilo") == [asked["id"]]  # a word by its beginning
    assert found(client, "search=zeppelin") == [other["id"]]  # an internal note
    # Words of the ticket and of its conversation together.
    assert found(client, "search=invoice%20kilowatt") == [asked["id"]]
    assert found(client, "search=kilowatt%20zeppelin") == []
    comment(client, asked["id"], "Forwarded to the zeppelin team too.")
    assert found(client, "search=kilowatt%20zeppelin") == [asked["id"]]


def test_a_search_of_the_conversation_is_counted_up_to_the_limit(make_app, app, submit, client):
    limited = client_of(make_app(SEARCH_COUNT_LIMIT=2), AGENT)
    for number in range(3):
        ticket, _ = submit(title=f"ticket {number}")
        comment(client, ticket["id"], "Refunded the duplicate charge.")
    page = limited.get("/api/tickets/?search=duplicate").get_json()
    assert (page["count"], page["count_exact"]) == (2, False)


def test_a_common_number_within_filters_counts_its_ticket_too(make_app, app):
    """Counted along the filters' index (the number is a common word), the ticket of that
    number is one of the matches."""
    limited = make_app(SEARCH_COUNT_LIMIT=5)  # the walk reads up to 90 tickets
    vocabulary = " ".join(f"word{number}" for number in range(120))  # see test_list.py

    def row(title: str, category: str) -> dict:
        return {"title": title, "description": vocabulary, "category": category, "priority": "low"}

    # 50 billing tickets (ids 1 to 50), three about 77 days, then 200 technical ones.
    rows = [row("late 77 days" if number in (10, 20, 30) else "late", "billing") for number in range(1, 51)]
    rows += [row("late 77 days", "technical")] * 200
    with limited.app_context(), written_by_the_tests() as connection:
        connection.execute(sa.insert(Ticket), rows)
        connection.execute(sa.text("ANALYZE tickets"))
    client = client_of(limited, AGENT)
    assert found(client, "search=7&category=billing") == [7, 10, 20, 30]
