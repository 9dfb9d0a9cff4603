"""A bulk load of many batches ends with the rollups on as few pages as a rewrite gives
them (ticketsvc/db/rollups.py)."""

import sqlalchemy as sa

from ticketsvc.db.rollups import ROLLUPS
from ticketsvc.extensions import db
from ticketsvc.jobs import bulk_load

PAGES = sa.text("SELECT pg_relation_size(CAST(:table AS regclass)) / current_setting('block_size')::int")


def pages(app) -> dict[str, int]:
    with app.app_context():
        return {table: db.session.scalar(PAGES, {"table": table}) for table in ROLLUPS}


def rewritten(app) -> dict[str, int]:
    with app.app_context():
        for table in ROLLUPS:
            db.session.execute(sa.text(f"VACUUM FULL {table}"))  # the engine autocommits
    return pages(app)


def test_a_seed_of_many_batches_leaves_the_rollups_as_packed_as_a_rewrite(app, runner, monkeypatch):
    monkeypatch.setattr(bulk_load, "BATCH_SIZE", 100)  # 40 batches, each updating most rollup rows
    result = runner.invoke(args=["tickets", "seed", "--count", "4000"])
    assert result.exit_code == 0, result.output
    loaded = pages(app)
    assert loaded == rewritten(app)
