"""The open streams measurement holds streams as the SPA does beside `flask events`, and
counts the events server's CPU time beside gunicorn's and PostgreSQL's."""

import pytest
import sqlalchemy as sa

from bench import open_streams
from bench.open_streams import StreamsCost
from bench.server import gunicorn
from tests.staff import AGENT


def test_the_target_is_on_gunicorns_the_events_servers_and_postgresqls_time_together():
    cost = StreamsCost(
        pages=200,
        seconds=60,
        reopened=20,
        events=800,
        errors=0,
        gunicorn_cpu_s=1.2,
        events_cpu_s=3.0,
        postgresql_cpu_s=1.8,
    )
    assert cost.share == pytest.approx(0.1)
    [line] = cost.measurements()
    assert "gunicorn 2.0% + events 5.0% + PostgreSQL 3.0% = 10.0%" in line.figure
    assert not line.met


def test_pages_hold_their_streams_and_reopen_them_as_their_lifetime_has_them(
    app, database_url, tmp_path, monkeypatch
):
    monkeypatch.setattr(open_streams, "PAGES", 6)
    monkeypatch.setattr(open_streams, "STREAM_LIFETIME_S", 2.0)  # 6 pages x 2 s / 2 s: 6 reopened
    libpq_url = sa.make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with gunicorn(database_url, tmp_path / "served.log", mail_directory=None) as served:
        cost = open_streams.measure(served, libpq_url, AGENT.token, seconds=2.0)
    assert (cost.pages, cost.reopened, cost.errors) == (6, 6, 0)
    # The events server looked for changes once a second for them all.
    assert cost.events_cpu_s > 0
