"""POST /api/tickets/bulk/: many tickets changed as PATCH changes one, by ids at once or by
a filter through a job the worker runs; a ticket that already holds the values is skipped
and keeps its ETag."""

import threading
import time

import pytest
import sqlalchemy as sa

from tests.conftest import client_of
from tests.staff import ADMIN, AGENT
from ticketsvc.extensions import db
from ticketsvc.jobs import bulk_changes, worker
from ticketsvc.tickets.bulk_schemas import JOB_FILTERS, LIST_FILTERS

BULK = "/api/tickets/bulk/"
DANA, ADA = 1, 2  # tests/staff.py: the agent, then the admin


@pytest.fixture
def run_worker(app):
    """run_worker() → the worker's passes until nothing is left, as `flask worker --until-idle`."""

    def run():
        with app.app_context():
            worker.run(threading.Event(), until_idle=True)

    return run


@pytest.fixture
def chunk_size(app, monkeypatch):
    """chunk_size(n): the worker's jobs change n tickets a transaction."""
    return lambda size: monkeypatch.setitem(app.config, "BULK_CHUNK_SIZE", size)


@pytest.fixture
def sam(admin_client) -> int:
    """The id of a third agent, Sam."""
    body = {"email": "sam@example.test", "name": "Sam", "role": "agent", "password": "a long enough password"}
    return admin_client.post("/api/users/", json=body).get_json()["id"]


def fetch(client, ticket_id: int) -> dict:
    return client.get(f"/api/tickets/{ticket_id}/").get_json()


def history(client, ticket_id: int) -> list[dict]:
    return client.get(f"/api/tickets/{ticket_id}/history/?page_size=100").get_json()["results"]


def job_of(client, accepted) -> dict:
    assert accepted.status_code == 202, accepted.get_json()
    return client.get(accepted.headers["Location"]).get_json()


def test_by_ids_each_ticket_changes_and_an_unknown_id_is_skipped(client, create_ticket):
    first, second = create_ticket(), create_ticket(priority="low")
    response = client.post(
        BULK,
        json={"ids": [first["id"], 999, second["id"]], "set": {"status": "in_progress", "priority": "low"}},
    )
    assert response.status_code == 200
    assert response.get_json() == {
        "matched": 2,
        "changed": 2,
        "skipped": [{"id": 999, "reason": "not found"}],
    }
    for ticket in (first, second):
        changed = fetch(client, ticket["id"])
        assert (changed["status"], changed["priority"]) == ("in_progress", "low")
        assert changed["updated_at"] > ticket["updated_at"]


def test_a_ticket_that_already_holds_the_values_is_skipped_and_keeps_its_etag(client, create_ticket):
    holding, other = create_ticket(priority="low"), create_ticket(priority="high")
    before = client.get(f"/api/tickets/{holding['id']}/")
    response = client.post(BULK, json={"ids": [holding["id"], other["id"]], "set": {"priority": "low"}})
    assert response.get_json() == {
        "matched": 2,
        "changed": 1,
        "skipped": [{"id": holding["id"], "reason": "unchanged"}],
    }
    after = client.get(f"/api/tickets/{holding['id']}/")
    assert after.headers["ETag"] == before.headers["ETag"]
    assert after.get_json() == before.get_json()
    assert [entry["action"] for entry in history(client, holding["id"])] == ["created"]


def test_the_same_id_twice_counts_once(client, create_ticket):
    ticket = create_ticket()
    response = client.post(BULK, json={"ids": [ticket["id"], ticket["id"]], "set": {"status": "closed"}})
    assert response.get_json() == {"matched": 1, "changed": 1, "skipped": []}
    assert [entry["action"] for entry in history(client, ticket["id"])] == ["created", "changed"]


def test_each_ticket_gets_one_history_entry_naming_the_caller(admin_client, client, create_ticket):
    tickets = [create_ticket(), create_ticket()]
    body = {"ids": [ticket["id"] for ticket in tickets], "set": {"status": "resolved", "assignee_id": DANA}}
    assert admin_client.post(BULK, json=body).status_code == 200
    for ticket in tickets:
        _, changed = history(client, ticket["id"])
        assert changed["actor"] == {"kind": "agent", "id": ADA, "name": "Ada Admin"}
        assert changed["changes"] == {"status": ["open", "resolved"], "assignee": [None, DANA]}


def test_the_counts_and_stats_follow_the_change(client, create_ticket):
    tickets = [create_ticket() for _ in range(3)]
    client.post(BULK, json={"ids": [ticket["id"] for ticket in tickets[:2]], "set": {"status": "closed"}})
    stats = client.get("/api/tickets/stats/").get_json()
    assert stats["status_breakdown"]["closed"] == 2 and stats["open_tickets"] == 1
    assert client.get("/api/tickets/?status=closed").get_json()["count"] == 2


def bodies_refused():
    ids = {"ids": [1]}
    return [
        ({}, "set"),
        ({"set": {"status": "closed"}}, "ids"),
        ({"ids": [1], "filter": "status=open", "set": {"status": "closed"}}, "filter"),
        ({**ids, "set": {}}, "set"),
        ({**ids, "set": "closed"}, "set"),
        ({**ids, "set": {"title": "All the same"}}, "title"),
        ({**ids, "set": {"requester_email": "a@example.test"}}, "requester_email"),
        ({**ids, "set": {"tags": ["x"]}}, "tags"),
        ({**ids, "set": {"status": "lost"}}, "status"),
        ({**ids, "set": {"priority": "urgent"}}, "priority"),
        ({**ids, "set": {"assignee_id": "2"}}, "assignee_id"),
        ({**ids, "set": {"assignee_id": 999}}, "assignee_id"),
        ({"ids": [], "set": {"status": "closed"}}, "ids"),
        ({"ids": list(range(1, 1002)), "set": {"status": "closed"}}, "ids"),
        ({"ids": ["1"], "set": {"status": "closed"}}, "ids"),
        ({"ids": [0], "set": {"status": "closed"}}, "ids"),
        ({"ids": 1, "set": {"status": "closed"}}, "ids"),
        ({"filter": "status=lost", "set": {"status": "closed"}}, "status"),
        ({"filter": "assignee=999", "set": {"status": "closed"}}, "assignee"),
        ({"filter": "stauts=closed", "set": {"status": "open"}}, "stauts"),  # not ignored: all tickets
        ({"filter": "status=open&utm_source=mail", "set": {"status": "closed"}}, "utm_source"),
        ({"filter": "assignee=someone", "set": {"status": "closed"}}, "assignee"),
        ({"filter": "search=" + "a" * 201, "set": {"status": "closed"}}, "search"),
        ({"filter": "status=open&" * 200, "set": {"status": "closed"}}, "filter"),
        ({"filter": ["status=open"], "set": {"status": "closed"}}, "filter"),
        ({"filter": "status=open", "set": {"assignee_id": 999}}, "assignee_id"),
        ({**ids, "set": {"status": "closed"}, "then": "reopen"}, "then"),
    ]


@pytest.mark.parametrize(("body", "named"), bodies_refused())
def test_bad_input_is_400_naming_the_field_and_changes_nothing(client, create_ticket, body, named):
    ticket = create_ticket()
    response = client.post(BULK, json=body)
    assert response.status_code == 400, response.get_json()
    assert named in response.get_json()["errors"], response.get_json()
    assert fetch(client, ticket["id"]) == ticket
    with client.application.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM bulk_jobs")) == 0


def test_a_deactivated_agent_cannot_be_given_tickets(client, admin_client, create_ticket, sam):
    ticket = create_ticket()
    admin_client.patch(f"/api/users/{sam}/", json={"active": False})
    response = client.post(BULK, json={"ids": [ticket["id"]], "set": {"assignee_id": sam}})
    assert response.status_code == 400 and "assignee_id" in response.get_json()["errors"]


def test_a_filter_is_accepted_as_a_job_that_the_worker_carries_out(client, create_ticket, run_worker):
    spam = [create_ticket(category="general") for _ in range(3)]
    kept = create_ticket(category="billing")
    response = client.post(BULK, json={"filter": "category=general", "set": {"status": "closed"}})
    assert response.status_code == 202
    accepted = response.get_json()
    assert accepted == {"job": accepted["job"], "matched": 3}
    assert response.headers["Location"].endswith(f"/api/tickets/bulk/{accepted['job']}/")
    waiting = job_of(client, response)
    assert waiting["state"] == "running" and waiting["changed"] == 0 and waiting["finished_at"] is None

    run_worker()

    finished = job_of(client, response)
    assert (finished["state"], finished["matched"], finished["changed"]) == ("done", 3, 3)
    assert finished["finished_at"] >= finished["started_at"]
    assert {fetch(client, ticket["id"])["status"] for ticket in spam} == {"closed"}
    assert fetch(client, kept["id"])["status"] == "open"
    changed_by = {history(client, ticket["id"])[-1]["actor"]["name"] for ticket in spam}
    assert changed_by == {"Dana Agent"}  # the caller, not the system


def test_a_job_skips_tickets_that_already_hold_the_values(client, create_ticket, run_worker):
    create_ticket(priority="low")
    holding = create_ticket(priority="critical")
    response = client.post(BULK, json={"filter": "", "set": {"priority": "critical"}})
    assert response.get_json()["matched"] == 2
    run_worker()
    assert job_of(client, response)["changed"] == 1
    assert fetch(client, holding["id"]) == holding


def test_a_job_reads_the_filter_as_the_list_does_and_me_is_the_caller(
    client, admin_client, create_ticket, run_worker
):
    mine = create_ticket()
    client.patch(f"/api/tickets/{mine['id']}/", json={"assignee_id": DANA})
    adas = create_ticket()
    client.patch(f"/api/tickets/{adas['id']}/", json={"assignee_id": ADA})
    nobodys = create_ticket()
    # What orders and pages the list is ignored; a leading "?" too.
    query = "?assignee=me&status=open&ordering=-priority&page=7&page_size=1"
    response = client.post(BULK, json={"filter": query, "set": {"priority": "low"}})
    assert response.get_json()["matched"] == 1
    run_worker()
    assert fetch(client, mine["id"])["priority"] == "low"
    assert fetch(client, adas["id"])["priority"] == fetch(client, nobodys["id"])["priority"] == "high"


def test_a_search_is_counted_exactly_beyond_the_lists_bound(
    app, client, create_ticket, monkeypatch, run_worker
):
    monkeypatch.setitem(app.config, "SEARCH_COUNT_LIMIT", 2)
    refunds = [create_ticket(title=f"Refund number {number}") for number in range(5)]
    create_ticket(title="Printer jam")
    assert client.get("/api/tickets/?search=refund").get_json()["count_exact"] is False
    response = client.post(BULK, json={"filter": "search=refund", "set": {"category": "billing"}})
    assert response.get_json()["matched"] == 5
    run_worker()
    assert job_of(client, response)["changed"] == 5
    assert {fetch(client, ticket["id"])["category"] for ticket in refunds} == {"billing"}


def test_a_job_selects_by_whom_tickets_wait_on_and_by_a_ticket_number(client, create_ticket, run_worker):
    answered, unanswered = create_ticket(), create_ticket()
    client.post(f"/api/tickets/{answered['id']}/comments/", json={"body": "Fixed, please check."})
    response = client.post(BULK, json={"filter": "waiting=customer", "set": {"status": "resolved"}})
    assert response.get_json()["matched"] == 1
    by_number = client.post(
        BULK, json={"filter": f"search=%23{unanswered['id']}", "set": {"priority": "low"}}
    )
    assert by_number.get_json()["matched"] == 1
    run_worker()
    assert fetch(client, answered["id"])["status"] == "resolved"
    assert fetch(client, unanswered["id"])["status"] == "open"
    assert (fetch(client, unanswered["id"])["priority"], fetch(client, answered["id"])["priority"]) == (
        "low",
        "high",
    )


def test_updated_since_is_no_filter_of_a_bulk_change(client, create_ticket):
    ticket = create_ticket()
    query = "status=open&updated_since=2020-01-01T00:00:00Z"
    response = client.post(BULK, json={"filter": query, "set": {"priority": "low"}})
    assert response.status_code == 400, response.get_json()
    assert "updated_since" in str(response.get_json()["errors"])
    assert fetch(client, ticket["id"]) == ticket


def test_tickets_created_after_the_job_was_accepted_are_not_part_of_it(client, create_ticket, run_worker):
    before = create_ticket()
    response = client.post(BULK, json={"filter": "status=open", "set": {"status": "in_progress"}})
    after = create_ticket()
    run_worker()
    assert job_of(client, response)["changed"] == 1
    assert fetch(client, before["id"])["status"] == "in_progress"
    assert fetch(client, after["id"])["status"] == "open"


def test_a_job_that_matches_nothing_finishes(client, run_worker):
    response = client.post(BULK, json={"filter": "status=closed", "set": {"status": "open"}})
    assert response.get_json()["matched"] == 0
    run_worker()
    assert job_of(client, response)["state"] == "done"


def test_an_unknown_job_is_404(client):
    response = client.get(f"{BULK}12345/")
    assert response.status_code == 404 and response.get_json()["message"]


def test_a_job_works_in_chunks_each_its_own_transaction(app, client, create_ticket, chunk_size):
    chunk_size(2)
    tickets = [create_ticket() for _ in range(5)]
    response = client.post(BULK, json={"filter": "status=open", "set": {"status": "closed"}})
    progress = []
    with app.app_context():
        while bulk_changes.run_due_chunk():
            job = job_of(client, response)
            progress.append((job["state"], job["changed"]))
    assert progress == [("running", 2), ("running", 4), ("done", 5)]
    # A history entry is stamped with its transaction's start: one moment a chunk.
    moments = {history(client, ticket["id"])[-1]["at"] for ticket in tickets}
    assert len(moments) == 3


def test_a_chunk_that_fails_changes_nothing_and_the_job_resumes_after_the_last_chunk(
    app, client, create_ticket, chunk_size, monkeypatch, run_worker
):
    """The database going away in the second chunk, after its UPDATE: that chunk rolls
    back whole, and the next run carries on from the end of the first."""
    chunk_size(2)
    tickets = [create_ticket() for _ in range(5)]
    response = client.post(BULK, json={"filter": "status=open", "set": {"status": "closed"}})
    change_tickets, calls = bulk_changes.bulk.change_tickets, []

    def dies_in_the_second_chunk(*args):
        rows = change_tickets(*args)
        calls.append(rows)
        if len(calls) == 2:
            raise sa.exc.OperationalError("COMMIT", None, Exception("server closed the connection"))
        return rows

    monkeypatch.setattr(bulk_changes.bulk, "change_tickets", dies_in_the_second_chunk)
    run_worker()  # stops at the failure (until_idle), as a restarted worker would begin
    statuses = [fetch(client, ticket["id"])["status"] for ticket in tickets]
    assert statuses == ["closed", "closed", "open", "open", "open"]
    assert [len(history(client, ticket["id"])) for ticket in tickets] == [2, 2, 1, 1, 1]
    assert job_of(client, response)["state"] == "running"

    monkeypatch.setattr(bulk_changes.bulk, "change_tickets", change_tickets)
    run_worker()
    assert job_of(client, response) | {"started_at": None, "finished_at": None} == {
        "state": "done",
        "matched": 5,
        "changed": 5,
        "started_at": None,
        "finished_at": None,
    }
    assert [len(history(client, ticket["id"])) for ticket in tickets] == [2] * 5


def test_a_job_whose_assignee_was_deactivated_meanwhile_fails_where_it_got_to(
    app, client, admin_client, create_ticket, chunk_size, run_worker, sam
):
    chunk_size(1)
    tickets = [create_ticket() for _ in range(3)]
    response = client.post(BULK, json={"filter": "", "set": {"assignee_id": sam}})
    with app.app_context():
        bulk_changes.run_due_chunk()
    admin_client.patch(f"/api/users/{sam}/", json={"active": False})
    run_worker()
    job = job_of(client, response)
    assert (job["state"], job["changed"]) == ("failed", 1) and job["finished_at"]
    assert [fetch(client, ticket["id"])["assignee"] for ticket in tickets] == [
        {"id": sam, "name": "Sam"},
        None,
        None,
    ]


def test_a_bulk_change_racing_a_patch_of_the_same_ticket_loses_neither(app, client, create_ticket):
    """The ticket is held by another transaction while both arrive; released, each applies
    its change on top of the other's (whichever goes first), and history has both."""
    ticket = create_ticket(priority="high")
    replies = {}

    def bulk_change():
        bulk_client = client_of(app, AGENT)
        replies["bulk"] = bulk_client.post(BULK, json={"ids": [ticket["id"]], "set": {"status": "closed"}})

    def patch():
        patch_client = client_of(app, ADMIN)
        replies["patch"] = patch_client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "low"})

    with app.app_context(), db.engine.connect() as holder, db.engine.connect() as observer:
        holder.execute(sa.text("BEGIN"))
        holder.execute(sa.text("SELECT 1 FROM tickets WHERE id = :id FOR UPDATE"), {"id": ticket["id"]})
        threads = [threading.Thread(target=bulk_change), threading.Thread(target=patch)]
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(observer, 2)
        holder.execute(sa.text("COMMIT"))
        for thread in threads:
            thread.join(timeout=30)

    assert replies["bulk"].get_json()["changed"] == 1 and replies["patch"].status_code == 200
    current = fetch(client, ticket["id"])
    assert (current["status"], current["priority"]) == ("closed", "low")
    changes = [entry["changes"] for entry in history(client, ticket["id"])[1:]]
    assert sorted(changes, key=str) == sorted(
        [{"status": ["open", "closed"]}, {"priority": ["high", "low"]}], key=str
    )


def wait_for_lock_waiters(connection, count: int, timeout_s: float = 5) -> None:
    """Until count sessions of this database wait on a lock (connection autocommits: each
    look is a fresh snapshot of pg_stat_activity)."""
    waiting = sa.text("""
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
    """)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if connection.execute(waiting).scalar_one() >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"{count} sessions never waited on the lock")


def test_every_filter_of_the_list_can_select_a_jobs_tickets():
    """A filter added to the list must be applied by jobs too (tickets/bulk.py and
    jobs/bulk_changes.py read filters.py and search.py), and named in JOB_FILTERS; until it
    is, a bulk change using it is refused rather than run over tickets nobody selected."""
    assert set(LIST_FILTERS.fields) == JOB_FILTERS
