"""The SPA's browser journeys (frontend/e2e/*.spec.ts), through nginx as compose serves
it: the real build under nginx's CSP and caching, the API behind its proxy."""

from tests.deploy.deploy_stack import skip_or_fail
from tests.e2e.test_browser import JOURNEYS, run_journeys
from ticketsvc.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "artifacts" / "e2e-nginx"


def test_the_spa_walkthrough_passes_through_nginx(real_build_site):
    if not JOURNEYS:
        skip_or_fail("frontend/e2e has no journeys yet")
    if not (PROJECT_ROOT / "frontend" / "node_modules").is_dir():
        skip_or_fail("frontend/node_modules is missing: the journeys need @playwright/test (make spa)")
    result = run_journeys(real_build_site.url, ARTIFACTS)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
