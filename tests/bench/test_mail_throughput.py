"""The mail measurements at a tiny size, against the test database: a figure is only worth
printing when the backlog really went out over SMTP and the door's messages really became
tickets and comments."""

import sqlalchemy as sa

from bench import mail_throughput
from bench.server import MAIL_FROM
from tests.conftest import TEST_MAIL_INBOUND_TOKEN, gunicorn_serving
from ticketsvc.extensions import db

MESSAGES = 50


def test_the_worker_delivers_the_whole_backlog_and_the_outbox_shows_it_sent(app, database_url, tmp_path):
    measured = mail_throughput.measure_worker(database_url, MESSAGES, tmp_path / "worker.log")
    assert measured.messages == MESSAGES and measured.others == 0
    assert 0 < measured.first_after_s < measured.seconds and measured.per_second > 0
    with app.app_context():
        states = db.session.execute(sa.text("SELECT kind, state, to_address FROM outgoing_mail")).all()
    assert len(states) == MESSAGES
    assert {(kind, state) for kind, state, _ in states} == {("acknowledgement", "sent")}
    assert len({address for _, _, address in states}) == MESSAGES  # none capped as one customer's


def test_the_door_files_new_tickets_and_the_replies_to_their_acknowledgements(app, database_url, tmp_path):
    # Mail on, for the acknowledgements the replies answer; no worker needed to queue them.
    mail = {"MAIL_URL": tmp_path.as_uri(), "MAIL_FROM": MAIL_FROM}
    with gunicorn_serving(database_url, MAIL_INBOUND_TOKEN=TEST_MAIL_INBOUND_TOKEN, **mail) as server:
        measured = mail_throughput.measure_door(server.url, database_url, TEST_MAIL_INBOUND_TOKEN, MESSAGES)
    assert (measured.new_tickets, measured.replies, measured.errors) == (25, 25, 0)
    assert (measured.tickets_found, measured.comments_found) == (25, 25)
    assert measured.per_second > 0
    with app.app_context():
        counted = db.session.execute(
            sa.text("""
            SELECT (SELECT count(*) FROM tickets),
                   (SELECT count(*) FROM ticket_comments WHERE channel = 'mail'),
                   (SELECT count(*) FROM incoming_mail WHERE outcome IN ('created', 'replied'))
            """)
        ).one()
    assert tuple(counted) == (25, 25, 50)


def test_a_reply_the_door_did_not_file_is_an_error_and_misses_the_target():
    measured = mail_throughput.DoorThroughput(
        new_tickets=250, replies=250, seconds=2.0, errors=0, tickets_found=250, comments_found=249
    )
    [line] = measured.measurements()
    assert measured.per_second == 250 and not line.met
    assert "found filed: 250 tickets, 249 comments" in line.name


def test_the_backlog_is_the_issues_10000_at_a_million_tickets_and_scales_down_to_1000():
    sizes = [mail_throughput.backlog_size(rows) for rows in (20_000, 100_000, 1_000_000, 5_000_000)]
    assert sizes == [1_000, 1_000, 10_000, 10_000]


def test_the_worker_meets_its_target_only_within_the_time_scaled_to_its_backlog():
    fast = mail_throughput.WorkerThroughput(messages=1_000, seconds=9.0, first_after_s=1.0, others=0)
    slow = mail_throughput.WorkerThroughput(messages=1_000, seconds=12.5, first_after_s=1.0, others=0)
    [fast_line], [slow_line] = fast.measurements(), slow.measurements()
    assert fast_line.met and "≤ 12 s" in fast_line.target
    assert not slow_line.met and slow_line.figure == "80 messages/s, all in 12.5 s"
