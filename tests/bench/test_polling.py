"""The polling measurement polls as the SPA does, and counts PostgreSQL's CPU time beside gunicorn's."""

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import text

from bench import polling
from bench.polling import PollingCost
from bench.server import cpu_seconds_between, database_backends_cpu_seconds
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.extensions import db

FRONTEND = PROJECT_ROOT / "frontend" / "src"


def test_the_cpu_time_of_the_apps_database_backends_grows_with_the_work_they_are_given(app, database_url):
    libpq_url = sa.make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with app.app_context():
        db.session.execute(text("SELECT 1")).scalar_one()  # the app's backend exists
        before = database_backends_cpu_seconds(libpq_url)
        db.session.execute(text("SELECT sum(n) FROM generate_series(1, 3000000) AS n")).scalar_one()
        after = database_backends_cpu_seconds(libpq_url)
    assert cpu_seconds_between(before, after) >= 0.05


def test_a_backend_new_since_the_first_reading_counts_whole_and_one_gone_counts_nothing():
    assert cpu_seconds_between({1: 2.0, 2: 5.0}, {1: 2.5, 3: 0.25}) == 0.75


def test_the_fallbacks_figure_is_gunicorns_and_postgresqls_time_together_with_no_target():
    cost = PollingCost(
        pages=200, seconds=60, requests=4800, errors=0, p50_ms=2, gunicorn_cpu_s=4, postgresql_cpu_s=3
    )
    assert cost.share == 7 / 60
    [line] = cost.measurements()
    assert "gunicorn 6.7% + PostgreSQL 5.0% = 11.7%" in line.figure
    assert line.target.startswith("none") and line.met
    failing = PollingCost(**{**cost.__dict__, "errors": 1})
    assert not failing.measurements()[0].met


def _spa_milliseconds(source: str, name: str) -> float:
    [milliseconds] = re.findall(rf"export const {name} = ([\d_]+);", (FRONTEND / source).read_text())
    return int(milliseconds.replace("_", "")) / 1000


def test_the_pages_poll_as_often_and_reach_back_as_far_as_the_spa():
    changes = "features/tickets/api/get-ticket-changes.ts"
    assert _spa_milliseconds(changes, "CHANGES_POLL_MS") == polling.INTERVAL_S
    assert polling.OVERLAP.total_seconds() == _spa_milliseconds(changes, "CHANGES_OVERLAP_MS")


def test_a_page_reaches_back_from_the_servers_last_answer_once_it_is_later_than_the_newest_activity():
    page = polling._Page(0, newest=datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    assert "updated_since=2026-12-07T08%3A59%3A55.000000Z" in page.look()
    page.take(
        b'{"results": [{"last_activity_at": "2026-12-07T09:00:02.5Z"}]}', "Mon, 07 Dec 2026 09:00:01 GMT"
    )
    assert "updated_since=2026-12-07T08%3A59%3A57.500000Z" in page.look()  # the newest activity
    page.take(b'{"results": []}', "Mon, 07 Dec 2026 10:00:00 GMT")
    assert "updated_since=2026-12-07T09%3A59%3A54.000000Z" in page.look()  # the answer, less a second
