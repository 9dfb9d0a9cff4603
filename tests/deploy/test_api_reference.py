"""The interactive API reference (/api/docs/) through the real nginx: served by the app
with no third-party host, it renders every operation of the OpenAPI description in
Chromium under nginx's Content-Security-Policy, with no violation."""

import json
import subprocess
from pathlib import Path

from tests.deploy.deploy_stack import skip_or_fail
from tests.http_client import call
from tests.system_tools import require_binary
from ticketsvc.config import PROJECT_ROOT

PROBE = Path(__file__).with_name("docs_probe.mjs")
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def test_the_reference_page_loads_only_same_origin_script_and_style(site):
    page = call(site.url, "GET", "/api/docs/")
    assert page.status == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.body.decode()
    assert "<script>" not in html and "style=" not in html and "<style" not in html
    assert "://" not in html  # every asset is a path on this origin


def test_the_reference_renders_every_operation_under_the_csp(site):
    chromium = require_binary("chromium", "chromium")
    if not (PROJECT_ROOT / "frontend" / "node_modules" / "playwright-core").is_dir():
        skip_or_fail("frontend/node_modules is missing: the probe needs playwright-core (make spa)")
    spec = call(site.url, "GET", "/api/openapi.json").json()
    operations = sum(method in HTTP_METHODS for path in spec["paths"].values() for method in path)

    probe = subprocess.run(
        ["node", str(PROBE), f"{site.url}/api/docs/", chromium], capture_output=True, text=True, timeout=90
    )

    assert probe.returncode == 0, probe.stderr[-2000:]
    outcome = json.loads(probe.stdout)
    assert outcome["violations"] == [] and outcome["failedRequests"] == []
    assert outcome["operations"] == operations
    assert outcome["title"].startswith(spec["info"]["title"])
