"""GET /api/tickets/export.csv: the list's query as a streamed CSV file."""

import csv
import io
import time
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from tests.conftest import client_of, written_by_the_tests
from tests.http_client import call
from tests.staff import AGENT
from ticketsvc.db import copy_out
from ticketsvc.extensions import db
from ticketsvc.models import Ticket

HEADER = [
    "id",
    "title",
    "description",
    "category",
    "priority",
    "status",
    "assignee",
    "requester_email",
    "created_at",
    "updated_at",
    "suggested_category",
    "suggested_priority",
    "classification_source",
]


def exported(client, query=""):
    """The export's rows as dicts (by the header), checked to be a CSV download."""
    response = client.get(f"/api/tickets/export.csv?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True), newline="")))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, row, strict=True)) for row in rows[1:]]


def exported_ids(client, query=""):
    return [int(row["id"]) for row in exported(client, query)]


def listed_ids(client, query=""):
    response = client.get(f"/api/tickets/?page_size=100&{query}")
    assert response.status_code == 200, response.get_json()
    return [ticket["id"] for ticket in response.get_json()["results"]]


def insert_tickets(app, rows):
    """Tickets written around the API, which trims text (so tab and CR cannot start it)."""
    with app.app_context(), written_by_the_tests() as connection:
        connection.execute(
            sa.insert(Ticket), [{"category": "general", "priority": "low", **row} for row in rows]
        )


def test_the_file_is_a_download_streamed_without_a_length_with_the_contracts_header(client):
    response = client.get("/api/tickets/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "Content-Length" not in response.headers
    assert response.is_streamed
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="tickets-') and disposition.endswith('.csv"')
    assert response.get_data(as_text=True) == ",".join(HEADER) + "\n"


def test_a_row_holds_the_tickets_values_with_times_exactly_as_the_api_writes_them(client, create_ticket):
    ticket = create_ticket(
        title="Charged twice",
        description="Card charged twice on Nov 3.",
        category="billing",
        priority="critical",
        requester_email="ada@example.com",
    )
    changed = client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "in_progress", "assignee_id": 1})
    api = changed.get_json()
    [row] = exported(client)
    assert row == {
        "id": str(ticket["id"]),
        "title": "Charged twice",
        "description": "Card charged twice on Nov 3.",
        "category": "billing",
        "priority": "critical",
        "status": "in_progress",
        "assignee": AGENT.name,
        "requester_email": "ada@example.com",
        "created_at": api["created_at"],
        "updated_at": api["updated_at"],
        "suggested_category": "",
        "suggested_priority": "",
        "classification_source": "",
    }
    assert api["updated_at"] != api["created_at"]


def test_an_unassigned_unclassified_ticket_has_empty_cells_and_a_classified_one_its_suggestion(
    client, create_ticket
):
    create_ticket(requester_email=None)
    create_ticket(category=None, priority=None, title="Refund please", description="Refund my invoice.")
    classified, plain = exported(client)
    assert (plain["assignee"], plain["requester_email"], plain["suggested_category"]) == ("", "", "")
    api = client.get(f"/api/tickets/{classified['id']}/").get_json()
    suggestion = ("suggested_category", "suggested_priority", "classification_source")
    assert [classified[name] for name in suggestion] == [api[name] for name in suggestion]
    assert classified["classification_source"] != ""


@pytest.mark.parametrize(
    "ordering", ["-created_at", "created_at", "priority", "-priority", "status", "-status"]
)
def test_rows_come_in_the_lists_order_for_each_ordering(client, create_ticket, ordering):
    for number, (priority, status) in enumerate(
        [
            ("low", "open"),
            ("high", "resolved"),
            ("low", "in_progress"),
            ("critical", "open"),
            ("high", "closed"),
        ]
    ):
        ticket = create_ticket(title=f"ticket {number}", priority=priority)
        client.patch(f"/api/tickets/{ticket['id']}/", json={"status": status})
    assert exported_ids(client, f"ordering={ordering}") == listed_ids(client, f"ordering={ordering}")
    assert len(listed_ids(client)) == 5


def test_filters_and_search_select_what_the_list_selects(client, create_ticket):
    create_ticket(title="refund a", category="billing", priority="high")
    create_ticket(title="refund b", category="billing", priority="low")
    mine = create_ticket(title="refund c", category="account", priority="high")
    create_ticket(title="other", category="billing", priority="high")
    client.patch(f"/api/tickets/{mine['id']}/", json={"assignee_id": 1})
    for query in (
        "category=billing",
        "category=billing&category=account&priority=high",
        "search=refund&category=billing",
        "assignee=me",
        "assignee=none&search=refund",
        "status=resolved",
    ):
        assert exported_ids(client, query) == listed_ids(client, query), query
    assert exported_ids(client, "assignee=me") == [mine["id"]]


@pytest.mark.parametrize(
    "search", ["o'brien's", "back\\slash", "100%", "%(search)s", "'); DROP TABLE tickets; --"]
)
def test_search_text_reaches_copy_as_a_literal_whatever_it_holds(client, create_ticket, search):
    create_ticket(title="O'Brien's back\\slash at 100% %(search)s DROP TABLE tickets")
    create_ticket(title="unrelated")
    assert exported_ids(client, f"search={quote(search)}") == listed_ids(client, f"search={quote(search)}")
    assert len(exported_ids(client, f"search={quote(search)}")) == 1


def test_a_search_exports_every_match_past_the_search_count_limit(make_app, app, create_ticket):
    limited = client_of(make_app(SEARCH_COUNT_LIMIT=3), AGENT)
    for number in range(7):
        create_ticket(title=f"refund {number}")
    create_ticket(title="unrelated")
    page = limited.get("/api/tickets/?search=refund").get_json()
    assert (page["count"], page["count_exact"]) == (3, False)
    assert [row["title"] for row in exported(limited, "search=refund")] == [
        f"refund {n}" for n in range(6, -1, -1)
    ]


@pytest.mark.parametrize(
    "text",
    ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\tHidden tab", "\rCarriage return", "=1+1\n=2"],
)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_gets_a_leading_quote(app, client, text):
    insert_tickets(app, [{"title": text, "description": text}])
    [row] = exported(client)
    assert (row["title"], row["description"]) == ("'" + text, "'" + text)


def test_the_formula_guard_covers_assignee_and_requester_and_leaves_other_text_alone(
    app, client, create_ticket
):
    with app.app_context(), written_by_the_tests() as connection:
        connection.execute(sa.text("UPDATE users SET name = '=HYPERLINK(\"x\")' WHERE id = 1"))
    ticket = create_ticket(title="Plain 1+1=2", description="a - b", requester_email="-x@example.com")
    client.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 1})
    [row] = exported(client)
    assert (row["assignee"], row["requester_email"]) == ('\'=HYPERLINK("x")', "'-x@example.com")
    assert (row["title"], row["description"]) == ("Plain 1+1=2", "a - b")


def test_commas_quotes_and_newlines_in_text_round_trip_through_a_csv_reader(client, create_ticket):
    title = 'Quote "this", please'
    description = 'Line one, with a comma\nLine "two"\r\nLine three;\ttabbed, ünïcödé ✓'
    create_ticket(title=title, description=description)
    [row] = exported(client)
    assert (row["title"], row["description"]) == (title, description)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("status=nonsense", "status"), ("ordering=title", "ordering"), ("assignee=someone", "assignee")],
)
def test_a_bad_filter_is_400_naming_it_as_for_the_list(client, query, parameter):
    response = client.get(f"/api/tickets/export.csv?{query}")
    assert response.status_code == 400
    assert parameter in response.get_json()["errors"]
    assert response.get_json()["errors"] == client.get(f"/api/tickets/?{query}").get_json()["errors"]


def test_an_assignee_id_that_is_nobodys_is_400_as_for_the_list(client):
    response = client.get("/api/tickets/export.csv?assignee=999")
    assert response.status_code == 400 and "assignee" in response.get_json()["errors"]


def test_paging_parameters_are_ignored(client, create_ticket):
    for number in range(3):
        create_ticket(title=f"ticket {number}")
    assert len(exported(client, "page=0&page_size=1")) == 3


def test_an_unreachable_database_before_the_first_byte_is_a_json_503(client, monkeypatch):
    monkeypatch.setattr(copy_out, "_libpq_url", lambda url: "postgresql://postgres@127.0.0.1:1/nowhere")
    response = client.get("/api/tickets/export.csv")
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json()["message"] == "The database is unavailable; try again shortly."


def copy_connections(app) -> int:
    with app.app_context():
        statement = sa.text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE application_name = :name AND datname = current_database()"
        )
        count = db.session.scalar(statement, {"name": copy_out.APPLICATION_NAME})
        db.session.commit()
        return count


def test_a_client_that_goes_away_mid_stream_releases_the_connection(app, client):
    # About 200 kB of CSV: several blocks, so the stream is still open after the first.
    insert_tickets(app, [{"title": f"ticket {number}", "description": "x" * 200} for number in range(1000)])
    response = client.get("/api/tickets/export.csv", buffered=False)
    first_block = next(iter(response.response))
    assert first_block.startswith(b"id,title,")
    assert copy_connections(app) == 1
    response.close()
    deadline = time.monotonic() + 5
    while copy_connections(app) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert copy_connections(app) == 0


def test_gunicorn_streams_the_export_despite_its_bounded_waits(live_server, app, client, create_ticket):
    """Served processes wait on psycopg2 under a wait callback, which refuses COPY, and with
    the requests' statement timeout: the export has a connection of its own."""
    insert_tickets(app, [{"title": f"ticket {number}", "description": "x" * 100} for number in range(2000)])
    reply = call(live_server, "GET", "/api/tickets/export.csv?ordering=priority", headers=AGENT.bearer)
    assert reply.status == 200, reply.body[:300]
    assert reply.headers["Transfer-Encoding"] == "chunked" and reply.headers["Content-Length"] is None
    rows = list(csv.reader(io.StringIO(reply.body.decode(), newline="")))
    assert rows[0] == HEADER
    assert [int(row[0]) for row in rows[1:]] == sorted(range(1, 2001))


def test_the_queue_filters_orderings_and_searches_export_what_the_list_lists(client, create_ticket):
    first = create_ticket(title="Refund the second charge")
    second = create_ticket(title="Printer jam")
    reply = client.post(f"/api/tickets/{second['id']}/comments/", json={"body": "Refund done."}).get_json()
    queries = (
        "waiting=us",
        "waiting=customer",
        f"search=%23{second['id']}",
        f"search={first['id']}",
        "search=refund",
        f"updated_since={quote(first['created_at'])}",
        "ordering=last_customer_message_at",
        "ordering=-last_activity_at",
    )
    for query in queries:
        assert exported_ids(client, query) == listed_ids(client, query), query
    assert exported_ids(client, "waiting=customer") == [second["id"]]
    assert exported_ids(client, f"updated_since={quote(reply['created_at'])}") == []
