"""The polling measurement counts PostgreSQL's CPU time beside gunicorn's."""

import pytest
from sqlalchemy import text

from bench.polling import PollingCost
from bench.server import postgresql_cpu_seconds
from ticketsvc.extensions import db


# Every PostgreSQL process of the machine is counted, and other workers' backends ending
# would take their CPU time out of the sum: the serial pass.
@pytest.mark.serial
def test_postgresqls_cpu_time_grows_with_the_work_it_is_given(app):
    before = postgresql_cpu_seconds()
    with app.app_context():
        db.session.execute(text("SELECT sum(n) FROM generate_series(1, 3000000) AS n")).scalar_one()
    assert postgresql_cpu_seconds() - before >= 0.05


def test_the_target_is_on_gunicorns_and_postgresqls_time_together():
    cost = PollingCost(
        pages=200, seconds=60, requests=4800, errors=0, p50_ms=2, gunicorn_cpu_s=4, postgresql_cpu_s=3
    )
    assert cost.share == 7 / 60
    [line] = cost.measurements()
    assert "gunicorn 6.7% + PostgreSQL 5.0% = 11.7%" in line.figure
    assert not line.met
