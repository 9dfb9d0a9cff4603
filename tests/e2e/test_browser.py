"""The SPA, end to end, in real headless Chromium against gunicorn and PostgreSQL.

The journeys are frontend/e2e/*.spec.ts (@playwright/test), one pytest test each, so a
failure names the journey; each starts from emptied tables holding the test staff. Their
report, traces and screenshots go under artifacts/e2e/<journey>/.
"""

import os
import subprocess
from pathlib import Path

import pytest

from tests.staff import ADMIN, AGENT, PASSWORD
from tests.system_tools import require_binary
from ticketsvc.config import PROJECT_ROOT

FRONTEND = PROJECT_ROOT / "frontend"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "e2e"
JOURNEYS = sorted(path.name.removesuffix(".spec.ts") for path in (FRONTEND / "e2e").glob("*.spec.ts"))
# The journeys holding the SPA to the contract's 5 s for someone else's change (WITHIN_5_S):
# they run in the serial pass, never beside the parallel one's load (docs/development.md).
TIMED_JOURNEYS = {"edit-conflict", "queue-refresh"}
# One test per journey, the timed ones marked serial.
JOURNEY_PARAMETERS = [
    pytest.param(journey, marks=pytest.mark.serial) if journey in TIMED_JOURNEYS else journey
    for journey in JOURNEYS
]


def run_journeys(
    base_url: str,
    artifacts: Path,
    journey: str | None = None,
    mail_directory: Path | None = None,
    changes_pushed: bool = False,
) -> subprocess.CompletedProcess:
    """Run one journey (or all of them) against base_url, whose database holds the test staff
    (tests/staff.py) and whose mail, if known, is delivered into mail_directory as .eml files
    (journeys that read mail skip without it); changes_pushed: an events server streams
    changes there. Exit status 0 means every test passed."""
    chromium = require_binary("chromium", "chromium")
    if not (FRONTEND / "dist" / "index.html").is_file():
        pytest.fail("frontend/dist is missing: `make test` builds it before running pytest")
    if not (FRONTEND / "node_modules" / "@playwright" / "test").is_dir():
        pytest.fail("frontend/node_modules lacks @playwright/test: `make spa` installs it")
    environment = {
        **os.environ,
        "E2E_BASE_URL": base_url,
        "E2E_ARTIFACTS": str(artifacts),
        "E2E_AGENT_EMAIL": AGENT.email,
        "E2E_AGENT_PASSWORD": PASSWORD,
        "E2E_AGENT_TOKEN": AGENT.token,
        "E2E_ADMIN_EMAIL": ADMIN.email,
        "E2E_ADMIN_PASSWORD": PASSWORD,
        "CHROMIUM": chromium,
        # Each step with its time in the output; pytest shows it for a passing test with -rP.
        "PLAYWRIGHT_LIST_PRINT_STEPS": "1",
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "E2E_CHANGES_PUSHED": "1" if changes_pushed else "0",
    }
    if mail_directory:
        environment["E2E_MAIL_DIR"] = str(mail_directory)
    spec = [f"e2e/{journey}.spec.ts"] if journey else []
    result = subprocess.run(
        # The runner itself rather than through npx, which would start npm first, every journey.
        [FRONTEND / "node_modules" / ".bin" / "playwright", "test", *spec],
        cwd=FRONTEND,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout)
    return result


def test_the_journeys_are_found():
    # An empty parametrization would skip the browser tests silently, even under CI=true.
    assert JOURNEYS, f"no *.spec.ts in {FRONTEND / 'e2e'}"


def test_the_timed_journeys_are_those_with_a_time_limit():
    specs = {journey: (FRONTEND / "e2e" / f"{journey}.spec.ts").read_text() for journey in JOURNEYS}
    assert {journey for journey, text in specs.items() if "WITHIN_5_S" in text} == TIMED_JOURNEYS


@pytest.mark.parametrize("journey", JOURNEY_PARAMETERS)
def test_the_spa_journey_passes_against_the_real_app(journey, live_server, live_mail_directory, app):
    result = run_journeys(live_server, ARTIFACTS / journey, journey, live_mail_directory)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-4000:]
    # A spec whose tests were all skipped also exits 0; here nothing may skip (mail is on).
    assert " passed" in result.stdout, result.stdout[-2000:]
    assert " skipped" not in result.stdout, result.stdout[-2000:]
