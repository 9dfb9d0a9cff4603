"""Compose's backend command and healthcheck, run on the image's file layout: the migrate
step, gunicorn with gunicorn.conf.py, and a healthcheck that tells up from down."""

import subprocess
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from tests.deploy.deploy_stack import healthcheck_command
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import free_port


def test_the_backend_command_migrated_its_empty_database_to_the_latest_revision(backend):
    head = ScriptDirectory(str(PROJECT_ROOT / "migrations")).get_current_head()
    engine = sa.create_engine(backend.database_url)
    with engine.connect() as connection:
        version = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    assert version == head


def test_the_healthcheck_passes_on_a_live_backend_and_fails_on_none(compose, backend):
    assert subprocess.run(healthcheck_command(compose, backend.port), capture_output=True).returncode == 0
    down = subprocess.run(healthcheck_command(compose, free_port()), capture_output=True)
    assert down.returncode != 0


def test_gunicorn_runs_the_configured_workers_and_leaves_the_request_log_to_nginx(backend):
    workers = [stat for stat in Path("/proc").glob("[0-9]*/stat") if _parent_pid(stat) == backend.pid]
    assert len(workers) == 2  # GUNICORN_WORKERS, read by gunicorn.conf.py
    log = backend.log.read_text()
    assert "Booting worker" in log  # its error log goes to stdout
    assert "GET /api/health/" not in log  # GUNICORN_ACCESS_LOG is unset in compose


def _parent_pid(stat: Path) -> int | None:
    try:
        # The command name, in parentheses, may hold spaces: the fields after it are fixed.
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
