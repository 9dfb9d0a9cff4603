"""Nothing acknowledged is lost, nothing unacknowledged appears: many writers create and
change tickets against gunicorn at once; afterwards the database holds exactly the tickets
that were acknowledged (201), each with the values of its last acknowledged change (200),
and the stats count exactly them, status by status."""

import json
import threading
import time
import uuid
from collections import Counter

import sqlalchemy as sa

from tests.hardening.scale import scaled
from tests.http_client import call
from tests.staff import AGENT
from ticketsvc.extensions import db
from ticketsvc.tickets.service import tickets

WRITERS = 16
TICKETS_PER_WRITER = scaled(25)
STATUSES = ("in_progress", "resolved", "closed")
COMPARED = ("title", "description", "category", "priority", "status", "updated_at")


def write(base_url: str, writer: int, run: str, acknowledged: dict, failures: list) -> None:
    """Create tickets, then move each through the statuses with If-Match; keep what was acknowledged."""
    for number in range(TICKETS_PER_WRITER):
        body = {
            "title": f"{run} writer {writer} ticket {number}",
            "description": f"Load {uuid.uuid4()}",
            "category": ("billing", "technical")[number % 2],
            "priority": ("low", "high")[writer % 2],
        }
        created = call(base_url, "POST", "/api/tickets/", json_body=body, headers=AGENT.bearer)
        if created.status != 201:
            failures.append((created.status, created.body[:200]))
            continue
        ticket, etag = created.json(), created.headers["ETag"]
        for status in STATUSES[: 1 + number % len(STATUSES)]:
            changed = call(
                base_url,
                "PATCH",
                f"/api/tickets/{ticket['id']}/",
                json_body={"status": status},
                headers={"If-Match": etag, **AGENT.bearer},
            )
            if changed.status != 200:
                failures.append((changed.status, changed.body[:200]))
                break
            ticket, etag = changed.json(), changed.headers["ETag"]
        acknowledged[ticket["id"]] = ticket


def test_every_acknowledged_write_is_stored_and_nothing_else(live_server, app, client):
    run = f"run-{uuid.uuid4().hex[:8]}"
    acknowledged: dict[int, dict] = {}
    failures: list = []
    writers = [
        threading.Thread(target=write, args=(live_server, number, run, acknowledged, failures))
        for number in range(WRITERS)
    ]
    started = time.monotonic()
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
    elapsed = time.monotonic() - started

    assert not failures, failures[:5]
    assert len(acknowledged) == WRITERS * TICKETS_PER_WRITER
    with app.app_context():
        rows = db.session.execute(sa.select(tickets).where(tickets.c.title.startswith(run))).mappings().all()
    stored = {row["id"]: json.loads(client.get(f"/api/tickets/{row['id']}/").data) for row in rows}
    assert len(rows) == len(acknowledged), "a ticket nobody was told about was stored, or one was lost"
    for ticket_id, ticket in acknowledged.items():
        assert {name: stored[ticket_id][name] for name in COMPARED} == {
            name: ticket[name] for name in COMPARED
        }
    # The rollup behind the stats was kept by concurrent transactions too.
    stats = client.get("/api/tickets/stats/").get_json()
    assert stats["total_tickets"] == len(acknowledged)
    assert stats["status_breakdown"] == dict.fromkeys(stats["status_breakdown"], 0) | Counter(
        ticket["status"] for ticket in acknowledged.values()
    )
    print(
        f"{len(acknowledged)} tickets by {WRITERS} writers, "
        f"{sum(1 + n % 3 for n in range(TICKETS_PER_WRITER)) * WRITERS} changes, in {elapsed:.1f} s"
    )
