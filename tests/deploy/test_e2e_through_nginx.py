"""The SPA's browser walk-through (frontend/e2e/run.mjs), through nginx as compose serves
it: the real build under nginx's CSP and caching, the API behind its proxy."""

from tests.deploy.deploy_stack import skip_or_fail
from tests.e2e.test_browser import run_walkthrough
from ticketsvc.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "artifacts" / "e2e-nginx"


def test_the_spa_walkthrough_passes_through_nginx(real_build_site):
    if not (PROJECT_ROOT / "frontend" / "e2e" / "run.mjs").is_file():
        skip_or_fail("frontend/e2e/run.mjs does not exist yet")
    if not (PROJECT_ROOT / "frontend" / "node_modules").is_dir():
        skip_or_fail("frontend/node_modules is missing: run.mjs needs playwright-core (make spa)")
    result = run_walkthrough(real_build_site.url, ARTIFACTS)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
