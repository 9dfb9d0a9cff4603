"""flask tickets reclassify and flask tickets evaluate"""

import json
import threading

import pytest
from sqlalchemy import create_engine, text

from tests.classifier.fake_gemini import FakeGemini
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.query_plans import recorded_statements
from ticketsvc.extensions import db
from ticketsvc.jobs import reclassify as reclassify_job

BILLING_TEXT = {
    "title": "Charged twice",
    "description": "You charged my card twice for the same invoice, please refund the double charge.",
}
# What an older classifier might have said about it.
STALE = {"suggested_category": "general", "suggested_priority": "low", "classification_source": "gemini"}


@pytest.fixture
def reclassify(runner, tmp_path):
    checkpoint = tmp_path / "checkpoint.json"

    def run(*options):
        args = ["tickets", "reclassify", "--rate", "1000", "--checkpoint", str(checkpoint), *options]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        return result.output

    run.checkpoint = checkpoint
    return run


def fetch(client, ticket):
    return client.get(f"/api/tickets/{ticket['id']}/").get_json()


def test_reclassify_refreshes_suggestions_but_not_the_values(client, create_ticket, reclassify):
    ticket = create_ticket(**BILLING_TEXT, category="general", priority="low", **STALE)
    output = reclassify()
    refreshed = fetch(client, ticket)
    assert refreshed["classification_source"] == "fallback"
    assert refreshed["suggested_category"] == "billing"
    assert (refreshed["category"], refreshed["priority"]) == ("general", "low")
    assert "1 tickets examined; changed 1 suggestions." in output
    assert "general/low" in output and "billing/" in output


def test_apply_moves_only_values_that_still_equal_the_old_suggestion(client, create_ticket, reclassify):
    untouched = create_ticket(**BILLING_TEXT, category="general", priority="low", **STALE)
    chosen = create_ticket(**BILLING_TEXT, category="account", priority="low", **STALE)
    output = reclassify("--apply")
    moved, kept = fetch(client, untouched), fetch(client, chosen)
    assert moved["category"] == "billing" and moved["updated_at"] > untouched["updated_at"]
    assert kept["category"] == "account"  # a person chose it: never overwritten
    assert kept["priority"] == kept["suggested_priority"]  # priority still equalled the suggestion
    assert "2 tickets followed their new suggestion." in output


def test_dry_run_writes_nothing(client, create_ticket, reclassify):
    ticket = create_ticket(**BILLING_TEXT, category="general", priority="low", **STALE)
    output = reclassify("--dry-run", "--apply")
    assert fetch(client, ticket) == ticket
    assert "would change 1 suggestions" in output


def test_filters_select_the_tickets(client, create_ticket, reclassify):
    without_suggestion = create_ticket(**BILLING_TEXT)
    with_suggestion = create_ticket(**BILLING_TEXT, **STALE)
    closed = create_ticket(**BILLING_TEXT)
    client.patch(f"/api/tickets/{closed['id']}/", json={"status": "closed"})
    reclassify("--source", "none", "--status", "open")
    assert fetch(client, without_suggestion)["classification_source"] == "fallback"
    assert fetch(client, with_suggestion)["classification_source"] == "gemini"
    assert fetch(client, closed)["classification_source"] is None


def test_limit_bounds_the_run(client, create_ticket, reclassify):
    tickets = [create_ticket(**BILLING_TEXT) for _ in range(3)]
    assert "2 tickets examined" in reclassify("--limit", "2")
    assert [fetch(client, t)["classification_source"] for t in tickets] == ["fallback", "fallback", None]


def test_an_interrupted_run_resumes_after_its_checkpoint(client, create_ticket, reclassify):
    done, left = create_ticket(**BILLING_TEXT), create_ticket(**BILLING_TEXT)
    selection = {"statuses": [], "source": None, "since": None, "limit": None}
    reclassify.checkpoint.write_text(json.dumps({"selection": selection, "last_id": done["id"]}))
    output = reclassify()
    assert f"Resuming an interrupted run after ticket {done['id']}." in output
    assert fetch(client, done)["classification_source"] is None
    assert fetch(client, left)["classification_source"] == "fallback"
    assert not reclassify.checkpoint.exists()  # finished: the next run starts from the beginning


def test_a_checkpoint_of_another_selection_is_ignored(client, create_ticket, reclassify):
    ticket = create_ticket(**BILLING_TEXT)
    other = {"statuses": ["closed"], "source": None, "since": None, "limit": None}
    reclassify.checkpoint.write_text(json.dumps({"selection": other, "last_id": ticket["id"]}))
    reclassify()
    assert fetch(client, ticket)["classification_source"] == "fallback"


def test_evaluate_prints_the_accuracy_table(runner):
    result = runner.invoke(args=["tickets", "evaluate", str(PROJECT_ROOT / "tests/data/tuning.jsonl")])
    assert result.exit_code == 0, result.output
    for measure in ("category accuracy", "priority exact", "within one"):
        assert measure in result.output


def test_evaluate_with_gemini_needs_a_key(runner):
    result = runner.invoke(
        args=["tickets", "evaluate", str(PROJECT_ROOT / "tests/data/tuning.jsonl"), "--classifier", "gemini"]
    )
    assert result.exit_code != 0 and "GEMINI_API_KEY" in result.output


def seed_without_suggestions(runner, count: int) -> None:
    assert runner.invoke(args=["tickets", "seed", "--count", str(count)]).exit_code == 0


def test_offline_reclassification_is_not_paced(runner, reclassify, monkeypatch):
    """--rate is Gemini's quota: without a key, no call waits for it."""
    waits = []
    monkeypatch.setattr(reclassify_job.RateLimiter, "wait", lambda limiter: waits.append(1))
    seed_without_suggestions(runner, 50)
    assert "50 tickets examined" in reclassify("--rate", "0.1")
    assert waits == []


def test_calls_that_reach_gemini_are_paced(make_app, tmp_path, monkeypatch, app):
    """With a key every classification is a Gemini call, and each one waits its turn."""
    waits = []
    monkeypatch.setattr(reclassify_job.RateLimiter, "wait", lambda limiter: waits.append(1))
    fake = FakeGemini().start()
    try:
        gemini = {"GEMINI_API_KEY": "test-key", "GEMINI_BASE_URL": fake.base_url, "CLASSIFIER_TIMEOUT_S": 2}
        gemini_app = make_app(**gemini)
        runner = gemini_app.test_cli_runner()
        seed_without_suggestions(runner, 5)
        checkpoint = str(tmp_path / "checkpoint.json")
        result = runner.invoke(args=["tickets", "reclassify", "--checkpoint", checkpoint])
        assert result.exit_code == 0, result.output
    finally:
        fake.stop()
    assert len(waits) == len(fake.requests) == 5


def test_a_batch_is_stored_with_one_statement(app, runner, reclassify):
    seed_without_suggestions(runner, reclassify_job.OFFLINE_BATCH_SIZE + 10)
    with app.app_context(), recorded_statements(db.engine) as statements:
        reclassify("--apply")
    updates = [sql for sql, _ in statements if sql.lstrip().startswith("WITH current_values")]
    assert len(updates) == 2


def test_a_second_run_writes_nothing(client, create_ticket, reclassify, app):
    ticket = create_ticket(**BILLING_TEXT, category="general", priority="low", **STALE)
    reclassify("--apply")
    first = fetch(client, ticket)
    version = text("SELECT xmin::text FROM tickets WHERE id = :id")  # the transaction that wrote the row
    with app.app_context():
        written_by = db.session.execute(version, ticket).scalar()
    assert "changed 0 suggestions" in reclassify("--apply")
    with app.app_context():
        assert db.session.execute(version, ticket).scalar() == written_by
    assert fetch(client, ticket) == first


def test_progress_off_a_terminal_is_a_plain_line_per_tenth(runner, reclassify, monkeypatch):
    monkeypatch.setattr(reclassify_job, "OFFLINE_BATCH_SIZE", 2)
    seed_without_suggestions(runner, 20)
    lines = [line for line in reclassify().splitlines() if line.startswith("Reclassifying: ")]
    assert [line.split()[1] for line in lines] == [f"{percent}%" for percent in range(10, 101, 10)]
    assert "(20 of 20)" in lines[-1] and "tickets/s" in lines[-1]


def test_a_count_longer_than_a_request_may_take_does_not_stop_the_job(make_app, app, database_url, tmp_path):
    """The job counts what it will go through before it starts; on a million tickets read
    cold the count outlasted the requests' statement_timeout, and the job stopped there.
    Here the count waits on a lock for longer than that bound."""
    bounded_app = make_app(DATABASE_TIMEOUT_S=1)
    runner = bounded_app.test_cli_runner()
    seed_without_suggestions(runner, 5)
    locked, release = threading.Event(), threading.Event()

    def hold_the_table():
        engine = create_engine(database_url)
        with engine.begin() as connection:
            connection.execute(text("LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE"))
            locked.set()
            release.wait(timeout=10)
        engine.dispose()

    holder = threading.Thread(target=hold_the_table)
    holder.start()
    locked.wait(timeout=10)
    threading.Timer(1.5, release.set).start()
    try:
        result = runner.invoke(
            args=["tickets", "reclassify", "--checkpoint", str(tmp_path / "checkpoint.json")]
        )
    finally:
        release.set()
        holder.join()
    assert result.exit_code == 0, result.output
    assert "5 tickets examined" in result.output
