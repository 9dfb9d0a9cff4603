"""The SPA, end to end, in real headless Chromium against gunicorn and PostgreSQL.

The walk-through itself is frontend/e2e/run.mjs (playwright-core); this test serves the
built SPA with the real app, runs it, and keeps its screenshots under artifacts/e2e/.
"""

import subprocess

import pytest

from tests.staff import ADMIN, AGENT, PASSWORD
from tests.system_tools import require_binary
from ticketsvc.config import PROJECT_ROOT

FRONTEND = PROJECT_ROOT / "frontend"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "e2e"


def run_walkthrough(base_url: str, artifacts=ARTIFACTS) -> subprocess.CompletedProcess:
    """Run frontend/e2e/run.mjs against base_url, whose database holds the test staff
    (tests/staff.py); exit status 0 means every step passed."""
    chromium = require_binary("chromium", "chromium")
    if not (FRONTEND / "dist" / "index.html").is_file():
        pytest.fail("frontend/dist is missing: `make test` builds it before running pytest")
    command = [
        "node",
        "e2e/run.mjs",
        "--base-url",
        base_url,
        "--artifacts",
        str(artifacts),
        "--email",
        AGENT.email,
        "--password",
        PASSWORD,
        "--token",
        AGENT.token,
        "--admin-email",
        ADMIN.email,
        "--admin-password",
        PASSWORD,
    ]
    result = subprocess.run(
        [*command, "--chromium", chromium],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=240,
    )
    # Each step with its time; pytest shows it for a passing test with -rP.
    print(result.stdout)
    return result


def test_the_spa_walkthrough_passes_against_the_real_app(live_server, app):
    result = run_walkthrough(live_server)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (ARTIFACTS / "12-deactivated-agent-signs-in-again.png").is_file()
    assert (ARTIFACTS / "16-ticket-reopened.png").is_file()
