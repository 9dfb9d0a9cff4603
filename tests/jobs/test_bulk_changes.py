"""The worker's bulk-change job: a worker killed in the middle of a chunk leaves each ticket
changed with its history entry or untouched, and the job resumes where the last committed
chunk ended; workers side by side share a job without changing a ticket twice."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.db.test_schema import allowed_values_in_database
from tests.tickets.test_bulk import BULK, history, wait_for_lock_waiters
from ticketsvc.config import PROJECT_ROOT, Config
from ticketsvc.enums import JobState, values
from ticketsvc.extensions import db
from ticketsvc.jobs import worker

WORKER_NAME = "bulk-worker-under-test"  # its connections' application_name


def create_tickets(client, count: int) -> list[int]:
    body = {"title": "Spam", "description": "Buy now.", "category": "general", "priority": "high"}
    return [client.post("/api/tickets/", json=body).get_json()["id"] for _ in range(count)]


def start_worker(database_url: str, chunk_size: int) -> subprocess.Popen:
    """`flask worker` in a process of its own, as compose runs it."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "worker",
        "BULK_CHUNK_SIZE": str(chunk_size),
        "WORKER_POLL_S": "0.1",
        "PGAPPNAME": WORKER_NAME,
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen(
        [str(flask), "--app", "wsgi", "worker"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def ticket_states(client, ticket_ids: list[int]) -> list[tuple[str, list]]:
    """Each ticket's priority, and its history's changes after its creation (by whom, what)."""
    states = []
    for ticket_id in ticket_ids:
        priority = client.get(f"/api/tickets/{ticket_id}/").get_json()["priority"]
        changes = [(entry["actor"]["name"], entry["changes"]) for entry in history(client, ticket_id)[1:]]
        states.append((priority, changes))
    return states


# A ticket the bulk change (by Dana, the test agent) reached, and one it did not.
CHANGED = ("critical", [("Dana Agent", {"priority": ["high", "critical"]})])
UNTOUCHED = ("high", [])


def test_a_worker_killed_mid_chunk_leaves_each_ticket_whole_and_the_job_resumes(app, client, database_url):
    ticket_ids = create_tickets(client, 40)
    accepted = client.post(BULK, json={"filter": "priority=high", "set": {"priority": "critical"}})
    job_url = accepted.headers["Location"]
    held = ticket_ids[24]  # in the third chunk of ten

    with app.app_context(), db.engine.connect() as holder, db.engine.connect() as observer:
        holder.execute(sa.text("BEGIN"))
        holder.execute(sa.text("SELECT 1 FROM tickets WHERE id = :id FOR UPDATE"), {"id": held})
        process = start_worker(database_url, chunk_size=10)
        try:
            # The third chunk has locked four tickets, and waits (the process starts first).
            wait_for_lock_waiters(observer, 1, timeout_s=60)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        # The server learns that its client died only when it next talks to it; an
        # operator's (or TCP keepalive's) end of that session is what frees its locks.
        observer.execute(
            sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
            {"name": WORKER_NAME},
        )
        holder.execute(sa.text("ROLLBACK"))

    assert ticket_states(client, ticket_ids) == [CHANGED] * 20 + [UNTOUCHED] * 20
    job = client.get(job_url).get_json()
    assert (job["state"], job["matched"], job["changed"]) == ("running", 40, 20)

    with app.app_context():
        worker.run(threading.Event(), until_idle=True)
    assert ticket_states(client, ticket_ids) == [CHANGED] * 40
    job = client.get(job_url).get_json()
    assert (job["state"], job["changed"]) == ("done", 40)


def test_workers_side_by_side_share_a_job_and_change_each_ticket_once(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "BULK_CHUNK_SIZE", 3)
    ticket_ids = create_tickets(client, 30)
    accepted = client.post(BULK, json={"filter": "", "set": {"priority": "critical"}})

    def work():
        with app.app_context():
            worker.run(threading.Event(), until_idle=True)

    workers = [threading.Thread(target=work) for _ in range(3)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)
    while client.get(accepted.headers["Location"]).get_json()["state"] == "running":
        work()  # a worker that found the job held by another stopped early (until_idle)
    assert ticket_states(client, ticket_ids) == [CHANGED] * 30
    assert client.get(accepted.headers["Location"]).get_json()["changed"] == 30


@pytest.mark.parametrize("size", ["0", "1001", "many"])
def test_a_chunk_size_outside_one_to_a_thousand_stops_the_start(monkeypatch, size):
    monkeypatch.setenv("BULK_CHUNK_SIZE", size)
    with pytest.raises(RuntimeError, match="BULK_CHUNK_SIZE"):
        Config()


def test_a_jobs_state_is_exactly_one_of_the_enums(app):
    assert allowed_values_in_database(app, "ck_bulk_jobs_state_allowed") == values(JobState)


@pytest.mark.parametrize(
    ("assignment", "constraint"),
    [
        ("state = 'paused', finished_at = now()", "ck_bulk_jobs_state_allowed"),
        ("state = 'done'", "ck_bulk_jobs_finished_unless_running"),  # done, but when?
        ("finished_at = now()", "ck_bulk_jobs_finished_unless_running"),  # finished, yet running
    ],
)
def test_the_database_refuses_a_job_state_written_around_the_app(app, client, assignment, constraint):
    client.post(BULK, json={"filter": "", "set": {"status": "closed"}})
    with app.app_context(), pytest.raises(sa.exc.IntegrityError, match=constraint):
        db.session.execute(sa.text(f"UPDATE bulk_jobs SET {assignment}"))
    with app.app_context():
        db.session.rollback()
