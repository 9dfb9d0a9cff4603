"""flask tickets seed / import"""

import csv
import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from ticketsvc.config import PROJECT_ROOT
from ticketsvc.enums import Category, Priority, Status, values
from ticketsvc.extensions import db
from ticketsvc.jobs import bulk_load
from ticketsvc.jobs import seed as seed_data
from ticketsvc.tickets.filters import count_tickets


def test_seed_loads_count_tickets_with_valid_values(app, runner, client):
    result = runner.invoke(args=["tickets", "seed", "--count", "1200"])
    assert result.exit_code == 0, result.output
    assert "Seeded 1200 tickets." in result.output
    stats = client.get("/api/tickets/stats/").get_json()
    assert stats["total_tickets"] == 1200
    with app.app_context():
        oldest, newest = db.session.execute(
            sa.text("SELECT min(created_at), max(created_at) FROM tickets")
        ).one()
    assert (newest - oldest).days > 300  # spread over the past year


def test_seed_if_empty_leaves_existing_tickets_alone(runner, create_ticket, client):
    create_ticket()
    result = runner.invoke(args=["tickets", "seed", "--count", "10", "--if-empty"])
    assert result.exit_code == 0 and "not seeding" in result.output
    assert client.get("/api/tickets/").get_json()["count"] == 1


def test_seeded_tickets_are_searchable(runner, client):
    runner.invoke(args=["tickets", "seed", "--count", "300"])
    page = client.get("/api/tickets/?search=charged").get_json()
    assert page["count"] > 0
    assert all("charged" in (t["title"] + t["description"]).lower() for t in page["results"])


def test_seeded_tickets_have_requesters_each_found_by_their_own_address(runner, client):
    runner.invoke(args=["tickets", "seed", "--count", "30"])
    address = seed_data.requester_of(7)["requester_email"]
    page = client.get(f"/api/tickets/?search={address}").get_json()
    assert [ticket["requester_email"] for ticket in page["results"]] == [address]
    assert page["results"][0]["requester_name"] == seed_data.requester_of(7)["requester_name"]


def test_generated_mix_follows_the_rubric_shares():
    tickets = list(seed_data.generate(20_000, seed=1))
    categories = Counter(t.category for t in tickets)
    assert abs(categories["technical"] / len(tickets) - 0.35) < 0.02
    assert abs(categories["general"] / len(tickets) - 0.18) < 0.02
    statuses = Counter(t.status for t in tickets)
    assert abs(statuses["open"] / len(tickets) - 0.20) < 0.02
    assert {t.category for t in tickets} == set(values(Category))
    assert {t.priority for t in tickets} == set(values(Priority))
    assert {t.status for t in tickets} <= set(values(Status))
    assert len({t.title for t in tickets}) > 300  # varied, not a handful of strings


def test_marker_words_have_their_frequencies():
    tickets = list(seed_data.generate(50_000, seed=2))

    def share(word, text):
        return sum(word in text(t).lower() for t in tickets) / len(tickets)

    assert 0.08 < share(seed_data.COMMON_WORD, lambda t: t.title + t.description) < 0.12
    assert 0.0004 < share(seed_data.RARE_WORD, lambda t: t.title + t.description) < 0.002
    assert 0.02 < share(seed_data.TITLE_ONLY_WORD, lambda t: t.title) < 0.04
    assert share(seed_data.TITLE_ONLY_WORD, lambda t: t.description) == 0


# flask tickets import


IMPORT_HEADER = ["title", "description", "category", "priority", "status", "created_at"]


def write_csv(path, rows, header=IMPORT_HEADER) -> str:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def ticket_rows(app):
    with app.app_context():
        return db.session.execute(
            sa.text(f"SELECT {', '.join(IMPORT_HEADER)} FROM tickets ORDER BY id")
        ).all()


def test_import_loads_every_row_as_the_api_would_store_it(app, runner, client, tmp_path):
    path = write_csv(
        tmp_path / "tickets.csv",
        [
            [
                "  Refund, please  ",
                'He said "twice".\nSecond, with a comma.',
                "billing",
                "high",
                "open",
                "2025-03-01T09:30:00Z",
            ],
            ["Login loop", "Back to login.", "account", "medium", "closed", "2025-03-02 10:00:00+00"],
            ["Dark mode", "Would be nice.", "general", "low", "resolved", "2025-03-03T08:00:00+02:00"],
        ],
    )
    result = runner.invoke(args=["tickets", "import", path])
    assert result.exit_code == 0, result.output
    assert "Imported 3 tickets." in result.output
    [refund, login, dark] = ticket_rows(app)
    assert refund.title == "Refund, please"  # trimmed like the API trims
    assert refund.description == 'He said "twice".\nSecond, with a comma.'
    assert (login.category, login.priority, login.status) == ("account", "medium", "closed")
    assert dark.created_at == datetime(2025, 3, 3, 6, 0, tzinfo=UTC)
    stats = client.get("/api/tickets/stats/").get_json()
    assert stats["total_tickets"] == 3 and stats["status_breakdown"]["closed"] == 1
    assert [t["title"] for t in client.get("/api/tickets/?search=twice").get_json()["results"]] == [
        "Refund, please"
    ]


BAD_VALUES = {
    "title": ("x" * 201, "title"),
    "description": ("   ", "description"),
    "category": ("billling", "category"),
    "status": ("done", "status"),
    "created_at": ("yesterday", "created_at"),
}


@pytest.mark.parametrize("column", BAD_VALUES)
def test_a_bad_row_imports_nothing_and_names_its_line_and_field(app, runner, tmp_path, monkeypatch, column):
    monkeypatch.setattr(bulk_load, "BATCH_SIZE", 10)  # the bad row comes after several COPY batches
    good = ["Fine", "Two\nlines", "technical", "low", "open", "2025-01-01T00:00:00Z"]
    bad = dict(zip(IMPORT_HEADER, good, strict=True))
    bad[column] = BAD_VALUES[column][0]
    path = write_csv(tmp_path / "bad.csv", [good] * 30 + [list(bad.values())] + [good])
    result = runner.invoke(args=["tickets", "import", path])
    assert result.exit_code == 1
    # The header is line 1 and every good row spans two lines.
    assert f"Line {2 + 30 * 2}: {BAD_VALUES[column][1]}" in result.output
    assert "Nothing was imported." in result.output
    assert ticket_rows(app) == []
    assert "csv-writer" not in {thread.name for thread in threading.enumerate()}  # it stopped too


def test_a_database_error_mid_import_stops_the_writer_thread_too(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_load, "BATCH_SIZE", 10)
    monkeypatch.setattr(bulk_load, "CHUNKS_AHEAD", 1)  # so the writer waits for room
    good = ["Fine", "Two\nlines", "technical", "low", "open", "2025-01-01T00:00:00Z"]
    path = write_csv(tmp_path / "many.csv", [good] * 500)
    with app.app_context():
        db.session.execute(sa.text("ALTER TABLE tickets ADD CONSTRAINT no_tickets CHECK (false) NOT VALID"))
        db.session.commit()
    try:
        result = runner.invoke(args=["tickets", "import", path])
    finally:
        with app.app_context():
            db.session.execute(sa.text("ALTER TABLE tickets DROP CONSTRAINT no_tickets"))
            db.session.commit()
    assert result.exit_code != 0
    assert ticket_rows(app) == []
    assert "csv-writer" not in {thread.name for thread in threading.enumerate()}


HEADER_LINE = ",".join(IMPORT_HEADER).encode() + b"\n"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"title,description\nA,B\n", "Line 1: the header must name the columns"),
        (HEADER_LINE + b"A,B,general\n", "Line 2: expected 6 fields"),
        (HEADER_LINE + b"A\xff,B,general,low,open,2025-01-01\n", "Line 2: not valid UTF-8"),
        (HEADER_LINE + b"A\x00,B,general,low,open,2025-01-01\n", "Line 2:"),
    ],
)
def test_an_unreadable_file_imports_nothing_and_says_where(app, runner, tmp_path, content, problem):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    result = runner.invoke(args=["tickets", "import", str(path)])
    assert result.exit_code == 1 and problem in result.output
    assert ticket_rows(app) == []


def test_ten_thousand_rows_import_with_exact_rollup_counts_and_search(app, runner, client, tmp_path):
    generated = list(seed_data.generate(10_000, seed=3))
    path = write_csv(
        tmp_path / "export.csv",
        [[t.title, t.description, t.category, t.priority, t.status, t.created_at] for t in generated],
    )
    result = runner.invoke(args=["tickets", "import", path])
    assert result.exit_code == 0, result.output
    with app.app_context():
        by_status = sa.text("SELECT status, count(*) FROM tickets GROUP BY status")
        counted = dict(db.session.execute(by_status).all())
    stats = client.get("/api/tickets/stats/").get_json()
    assert stats["total_tickets"] == 10_000
    assert stats["status_breakdown"] == {**dict.fromkeys(values(Status), 0), **counted}
    expected_matches = sum(seed_data.RARE_WORD in t.description for t in generated)
    assert client.get(f"/api/tickets/?search={seed_data.RARE_WORD}").get_json()["count"] == expected_matches


def test_the_commands_run_as_an_operator_runs_them(app, database_url, tmp_path):
    """`flask --app wsgi …` in a process of its own, as the README and compose run it: the
    served processes' bound on database waits must not reach the CLI (COPY cannot run
    under it)."""
    csv_file = tmp_path / "tickets.csv"
    csv_file.write_text(
        "title,description,category,priority,status,created_at\n"
        "From the CLI,Imported as an operator would,general,low,open,2025-01-02T03:04:05Z\n"
    )
    environment = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "cli"}
    flask = Path(sys.executable).with_name("flask")
    for arguments in (["tickets", "import", str(csv_file)], ["tickets", "seed", "--count", "2"]):
        finished = subprocess.run(
            [str(flask), "--app", "wsgi", *arguments],
            cwd=PROJECT_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert finished.returncode == 0, finished.stderr[-2000:]
    with app.app_context():
        assert count_tickets({}) == 3
