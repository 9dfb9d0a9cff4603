"""The SPA's browser journeys (frontend/e2e/*.spec.ts), through nginx as compose serves
it: the real build under nginx's CSP and caching, the API behind its proxy, compose's worker
beside it delivering mail. Each journey starts from emptied tables holding the test staff,
as in tests/e2e/test_browser.py (the queue's journeys count on the tickets they made being
the ones waiting)."""

import pytest
import sqlalchemy as sa

from tests.conftest import empty_tables
from tests.deploy.deploy_stack import skip_or_fail
from tests.e2e.test_browser import JOURNEY_PARAMETERS, run_journeys
from ticketsvc.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "artifacts" / "e2e-nginx"


@pytest.fixture
def emptied_backend(backend):
    engine = sa.create_engine(backend.database_url)
    with engine.begin() as connection:
        empty_tables(connection)
    engine.dispose()
    return backend


@pytest.mark.parametrize("journey", JOURNEY_PARAMETERS)
def test_the_spa_journey_passes_through_nginx(real_build_site, emptied_backend, journey):
    if not (PROJECT_ROOT / "frontend" / "node_modules").is_dir():
        skip_or_fail("frontend/node_modules is missing: the journeys need @playwright/test (make spa)")
    result = run_journeys(
        real_build_site.url, ARTIFACTS / journey, journey, emptied_backend.mail_directory, changes_pushed=True
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    # Mail is on here as in compose: no journey may skip.
    assert " passed" in result.stdout and " skipped" not in result.stdout, result.stdout[-2000:]
