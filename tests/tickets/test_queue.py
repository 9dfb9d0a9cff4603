"""Working the queue: when each ticket last moved and whom it waits on, kept by the comment
or change that moves it; the waiting filter, the queue's orderings, updated_since."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import TESTS, client_of, written_by_the_tests
from tests.staff import AGENT
from ticketsvc.db.transactions import TRANSACTIONAL
from ticketsvc.extensions import db

QUEUE_FIELDS = ("last_activity_at", "last_customer_message_at", "waiting_on")


def post(client, ticket_id, body: str, internal: bool = False):
    response = client.post(f"/api/tickets/{ticket_id}/comments/", json={"body": body, "internal": internal})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def read(client, ticket_id):
    response = client.get(f"/api/tickets/{ticket_id}/")
    assert response.status_code == 200
    return response.get_json(), response.headers["ETag"]


def queue(ticket: dict) -> tuple:
    return tuple(ticket[name] for name in QUEUE_FIELDS)


def listing(client, query=""):
    response = client.get(f"/api/tickets/?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(page) -> list[int]:
    return [ticket["id"] for ticket in page["results"]]


def test_a_new_ticket_waits_on_us_since_it_was_created(submit, client):
    created, _ = submit()
    assert created["last_activity_at"] == created["last_customer_message_at"] == created["created_at"]
    assert created["waiting_on"] == "us"
    ticket, _ = read(client, created["id"])
    assert queue(ticket) == queue(created)


def test_the_customer_sees_none_of_the_queue_fields(submit, customer):
    created, key = submit()
    ticket = customer(key).get(f"/api/tickets/{created['id']}/").get_json()
    assert not set(QUEUE_FIELDS) & set(ticket)


def test_an_agents_reply_makes_the_ticket_wait_on_the_customer_without_changing_it(submit, client):
    created, _ = submit()
    before, etag = read(client, created["id"])
    reply = post(client, created["id"], "We reissued the invoice.")
    after, etag_after = read(client, created["id"])
    assert queue(after) == (reply["created_at"], created["created_at"], "customer")
    assert (after["updated_at"], etag_after) == (before["updated_at"], etag)


def test_the_customers_reply_makes_it_wait_on_us_again(submit, client, customer):
    created, key = submit()
    post(client, created["id"], "Which invoice?")
    answer = post(customer(key), created["id"], "The one of March.")
    after, _ = read(client, created["id"])
    assert queue(after) == (answer["created_at"], answer["created_at"], "us")
    assert after["updated_at"] == created["updated_at"]


def test_an_internal_note_moves_the_last_activity_only(submit, client):
    created, _ = submit()
    note = post(client, created["id"], "Finance is on it.", internal=True)
    after, _ = read(client, created["id"])
    assert queue(after) == (note["created_at"], created["created_at"], "us")
    post(client, created["id"], "We are on it.")
    second_note = post(client, created["id"], "Asked finance again.", internal=True)
    after, _ = read(client, created["id"])
    assert queue(after) == (second_note["created_at"], created["created_at"], "customer")


def test_a_change_moves_the_last_activity_to_its_updated_at(submit, client):
    created, _ = submit()
    changed = client.patch(f"/api/tickets/{created['id']}/", json={"priority": "high"}).get_json()
    assert changed["last_activity_at"] == changed["updated_at"] != created["updated_at"]
    assert (changed["last_customer_message_at"], changed["waiting_on"]) == (created["created_at"], "us")


@pytest.mark.parametrize("status", ["resolved", "closed"])
def test_a_resolved_or_closed_ticket_waits_on_nobody(submit, client, status):
    created, _ = submit()
    post(client, created["id"], "Done.")
    finished = client.patch(f"/api/tickets/{created['id']}/", json={"status": status}).get_json()
    assert finished["waiting_on"] is None
    picked_up = client.patch(f"/api/tickets/{created['id']}/", json={"status": "in_progress"}).get_json()
    assert picked_up["waiting_on"] == "customer"  # the agent's reply is still the latest word


def test_a_customers_reply_that_reopens_waits_on_us_and_moves_to_the_reopening(submit, client, customer):
    created, key = submit()
    post(client, created["id"], "Fixed.")
    client.patch(f"/api/tickets/{created['id']}/", json={"status": "resolved"})
    answer = post(customer(key), created["id"], "Still wrong.")
    after, _ = read(client, created["id"])
    assert after["status"] == "open" and after["waiting_on"] == "us"
    assert after["last_customer_message_at"] == answer["created_at"]
    # The reopening is a change after the comment, in the same transaction.
    assert after["last_activity_at"] == after["updated_at"] > answer["created_at"]


def test_imported_tickets_moved_last_when_they_were_created(app, client, runner, tmp_path):
    csv_file = tmp_path / "old.csv"
    csv_file.write_text(
        "title,description,category,priority,status,created_at\n"
        "Old one,From the old service,general,low,open,2025-05-06T07:08:09Z\n"
    )
    assert runner.invoke(args=["tickets", "import", str(csv_file)]).exit_code == 0
    [ticket] = listing(client)["results"]
    assert queue(ticket) == ("2025-05-06T07:08:09.000000Z", "2025-05-06T07:08:09.000000Z", "us")


def count_in_sql(app, condition: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.text(f"SELECT count(*) FROM tickets WHERE {condition}"))


def test_the_waiting_filter_counts_exactly_what_the_tickets_hold(app, submit, client, customer, admin_client):
    tickets = [submit(title=f"ticket {number}") for number in range(8)]
    (a, _), (b, _), (c, c_key), (d, _), (e, _), (f, _), *_ = tickets
    post(client, a["id"], "Answered.")
    post(client, b["id"], "Answered.")
    post(client, c["id"], "Answered.")
    post(customer(c_key), c["id"], "Not enough.")
    post(client, d["id"], "Noted.", internal=True)
    client.patch(f"/api/tickets/{e['id']}/", json={"status": "closed"})
    client.patch(f"/api/tickets/{f['id']}/", json={"assignee_id": 1})
    admin_client.post(f"/api/tickets/{f['id']}/comments/", json={"body": "Answered by the admin."})

    for waiting, condition in (("us", "waiting_on = 'us'"), ("customer", "waiting_on = 'customer'")):
        page = listing(client, f"waiting={waiting}&page_size=100")
        assert page["count"] == len(page["results"]) == count_in_sql(app, condition)
        assert page["count_exact"] and {ticket["waiting_on"] for ticket in page["results"]} == {waiting}
    assert listing(client, "waiting=customer")["count"] == 3  # a, b, f
    assert listing(client, "waiting=us&waiting=customer")["count"] == 7  # all but the closed one
    # With the assignee filter, the count comes from the other rollup.
    assert ids(listing(client, "waiting=customer&assignee=me")) == [f["id"]]
    assert listing(client, "waiting=us&assignee=me")["count"] == 0
    assert listing(client, "waiting=customer&status=open&category=technical")["count"] == 0


def test_an_unknown_waiting_value_is_a_400_listing_the_allowed_ones(client):
    response = client.get("/api/tickets/?waiting=them")
    assert response.status_code == 400
    assert response.get_json()["errors"]["waiting"] == ["Unknown value 'them'. Allowed values: us, customer."]


def set_instants(app, ticket_id: int, moment: datetime, **columns):
    with app.app_context(), written_by_the_tests() as connection:
        assignments = ", ".join(f"{name} = :{name}_value" for name in columns)
        values = {f"{name}_value": value for name, value in columns.items()}
        connection.execute(
            sa.text(
                f"UPDATE tickets SET created_at = :moment, updated_at = :moment, {assignments} WHERE id = :id"
            ),
            {"moment": moment, "id": ticket_id, **values},
        )


@pytest.mark.parametrize("field", ["last_activity_at", "last_customer_message_at"])
def test_queue_orderings_go_by_the_instant_then_by_id_both_ways(app, submit, client, field):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    created = [submit(title=f"t{number}")[0]["id"] for number in range(5)]
    # Two pairs of ties, the later instant on the lower ids; one ticket moved by a comment.
    moments = [start + timedelta(hours=2), start + timedelta(hours=2), start, start, start]
    for ticket_id, moment in zip(created, moments, strict=True):
        set_instants(app, ticket_id, moment, last_comment_at=None, last_customer_comment_at=None)
    later = start + timedelta(hours=3)
    set_instants(app, created[4], start, last_comment_at=later, last_customer_comment_at=later)
    expected = [created[2], created[3], created[0], created[1], created[4]]
    assert ids(listing(client, f"ordering={field}")) == expected
    descending = [created[4], created[1], created[0], created[3], created[2]]
    assert ids(listing(client, f"ordering=-{field}")) == descending
    # Pages of two neither repeat nor skip a ticket.
    pages = [listing(client, f"ordering={field}&page_size=2&page={number}") for number in (1, 2, 3)]
    assert [ticket for page in pages for ticket in ids(page)] == expected


def test_waiting_on_us_longest_wait_first(app, submit, client, customer):
    first, first_key = submit(title="first")
    second, _ = submit(title="second")
    third, _ = submit(title="third")
    post(client, third["id"], "Answered.")
    post(customer(first_key), first["id"], "Any news?")  # first's wait starts again, now
    page = listing(client, "waiting=us&ordering=last_customer_message_at")
    assert ids(page) == [second["id"], first["id"]] and page["count"] == 2


def since(moment: str) -> str:
    return moment.replace("+", "%2B")


def test_updated_since_lists_only_tickets_that_moved_later(submit, client, customer):
    first, key = submit(title="first")
    second, _ = submit(title="second")
    third, _ = submit(title="third")
    after_third = listing(client, f"updated_since={third['last_activity_at']}")
    assert after_third == {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []}
    note = post(client, first["id"], "Looking.", internal=True)
    answer = post(customer(key), first["id"], "Thanks.")
    changed = client.patch(f"/api/tickets/{second['id']}/", json={"priority": "low"}).get_json()
    page = listing(client, f"updated_since={third['last_activity_at']}&ordering=-last_activity_at")
    assert ids(page) == [second["id"], first["id"]] and (page["count"], page["count_exact"]) == (2, True)
    assert [ticket["last_activity_at"] for ticket in page["results"]] == [
        changed["updated_at"],
        answer["created_at"],
    ]
    # Strictly later: what the client already holds is not sent again; an overlap is.
    assert ids(listing(client, f"updated_since={answer['created_at']}")) == [second["id"]]
    assert ids(listing(client, f"updated_since={note['created_at']}")) == [second["id"], first["id"]]


def test_updated_since_takes_any_zone_and_combines_with_filters(submit, client):
    ticket, _ = submit(title="one", category="billing")
    submit(title="two", category="technical")
    moment = datetime.fromisoformat(ticket["created_at"].replace("Z", "+00:00")) - timedelta(microseconds=1)
    in_paris = moment.astimezone(timezone(timedelta(hours=1)))
    assert listing(client, f"updated_since={since(in_paris.isoformat())}")["count"] == 2
    assert ids(listing(client, f"updated_since={since(in_paris.isoformat())}&category=billing")) == [
        ticket["id"]
    ]
    # A "+" left unencoded in the URL arrives as a space; it still means the offset.
    assert listing(client, f"updated_since={in_paris.isoformat()}")["count"] == 2


@pytest.mark.parametrize(
    ("moment", "count"),
    [
        ("2026-01-01t00:00:00z", 2),  # RFC 3339's lower case
        ("2020-01-01T00:00:00%2B23:59", 2),  # past PostgreSQL's largest offset, 15:59
        ("0001-01-01T00:00:00%2B23:59", 2),  # before year 1 in UTC
        ("9999-12-31T23:59:59-23:59", 0),  # after 9999 in UTC
    ],
)
def test_updated_since_reads_any_valid_instant(submit, client, moment, count):
    submit(title="one")
    submit(title="two")
    assert listing(client, f"updated_since={moment}")["count"] == count


@pytest.mark.parametrize(
    "value",
    ["2026-12-07T10:00:00", "2026-12-07", "yesterday", "", "2026-13-01T00:00:00Z", "99999-01-01T00:00:00Z"],
)
def test_updated_since_without_a_zone_or_not_a_time_is_a_400_naming_it(client, value):
    response = client.get(f"/api/tickets/?updated_since={value}")
    assert response.status_code == 400, response.get_json()
    assert list(response.get_json()["errors"]) == ["updated_since"]


def test_an_updated_since_count_is_bounded_like_a_searchs(make_app, app, submit):
    bounded = client_of(make_app(SEARCH_COUNT_LIMIT=2), AGENT)
    for number in range(3):
        submit(title=f"ticket {number}")
    page = listing(bounded, "updated_since=2020-01-01T00:00:00Z&page_size=1")
    assert (page["count"], page["count_exact"]) == (2, False)
    assert (
        bounded.get("/api/tickets/?updated_since=2020-01-01T00:00:00Z&page_size=1&page=3").status_code == 404
    )
    filtered = listing(bounded, "updated_since=2020-01-01T00:00:00Z&search=ticket")
    assert (filtered["count"], filtered["count_exact"]) == (2, False)


def test_stats_count_the_tickets_waiting_on_us(submit, client):
    first, _ = submit(category="billing")
    submit(category="technical")
    answered, _ = submit(category="billing")
    post(client, answered["id"], "Answered.")
    assert client.get("/api/tickets/stats/").get_json()["waiting_on_us"] == 2
    assert client.get("/api/tickets/stats/?category=billing").get_json()["waiting_on_us"] == 1
    client.patch(f"/api/tickets/{first['id']}/", json={"status": "resolved"})
    assert client.get("/api/tickets/stats/?category=billing").get_json()["waiting_on_us"] == 0


def test_a_poll_with_an_overlap_sees_a_change_that_committed_after_a_later_one(app, submit, client):
    """A change is stamped with its transaction's start: one that started before a later
    change but committed after it is missed by a poll from that later change, and found
    by the overlap the contract asks clients for."""
    slow, _ = submit(title="slow")
    quick, _ = submit(title="quick")
    with app.app_context():
        engine = db.engine
    with engine.connect().execution_options(**TRANSACTIONAL) as connection, connection.begin():
        connection.execute(
            sa.text("SELECT set_config('ticketsvc.actor', :actor, true)"), {"actor": TESTS.setting()}
        )
        connection.execute(
            sa.text(
                "INSERT INTO ticket_comments (ticket_id, author_kind, body, internal)"
                " VALUES (:id, 'customer', 'Written slowly.', false)"
            ),
            {"id": slow["id"]},
        )
        changed = client.patch(f"/api/tickets/{quick['id']}/", json={"priority": "low"}).get_json()
    held = changed["last_activity_at"]  # the newest instant the polling client holds
    assert ids(listing(client, f"updated_since={held}")) == []
    newest = datetime.fromisoformat(held.replace("Z", "+00:00"))
    overlap = (newest - timedelta(seconds=5)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert ids(listing(client, f"updated_since={overlap}")) == sorted([quick["id"], slow["id"]], reverse=True)
