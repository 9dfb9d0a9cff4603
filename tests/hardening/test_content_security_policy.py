"""The Content-Security-Policy that nginx sends blocks injected inline script, in a real
browser: a page carrying an inline <script> and inline event handlers, served through the
real nginx.conf, runs its same-origin script file and none of the inline code. The SPA's
own build needs no inline script, so it runs under that policy (tests/deploy walks it)."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.deploy_stack import REAL_SPA_BUILD, skip_or_fail
from tests.system_tools import require_binary
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import free_port

PROBE = Path(__file__).with_name("csp_probe.mjs")
INJECTED_PAGE = """<!doctype html>
<html><head>
<script src="/assets/csp-probe.js"></script>
<script>window.inlineRan = true;</script>
</head>
<body onload="window.handlerRan = true">
<img src="/assets/missing.png" onerror="window.handlerRan = true">
</body></html>"""
PROBE_SCRIPT = """window.externalRan = true;
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(event.effectiveDirective);
});"""


@pytest.fixture(scope="module")
def injected_build(tmp_path_factory) -> Path:
    build = tmp_path_factory.mktemp("injected-build")
    (build / "assets").mkdir()
    (build / "index.html").write_text(INJECTED_PAGE)
    (build / "assets" / "csp-probe.js").write_text(PROBE_SCRIPT)
    return build


def test_the_policy_blocks_injected_inline_script_in_a_browser(start_nginx, injected_build):
    chromium = require_binary("chromium", "chromium")
    if not (PROJECT_ROOT / "frontend" / "node_modules" / "playwright-core").is_dir():
        skip_or_fail("frontend/node_modules is missing: the probe needs playwright-core (make spa)")
    site = start_nginx(injected_build, free_port())  # no API needed: nothing listens upstream

    probe = subprocess.run(
        ["node", str(PROBE), f"{site.url}/", chromium], capture_output=True, text=True, timeout=60
    )

    assert probe.returncode == 0, probe.stderr[-2000:]
    outcome = json.loads(probe.stdout)
    assert outcome["externalScriptRan"], "the same-origin script must run, or nothing is shown"
    assert not outcome["inlineScriptRan"] and not outcome["inlineHandlerRan"]
    assert {"script-src-elem", "script-src-attr"} <= set(outcome["violatedDirectives"])


def test_the_spa_build_has_no_inline_script():
    index = REAL_SPA_BUILD / "index.html"
    if not index.is_file():
        skip_or_fail("frontend/dist/index.html does not exist yet: build the SPA (make spa)")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", index.read_text(), re.S)
    assert scripts and all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert not re.search(r"\son[a-z]+=", index.read_text())
