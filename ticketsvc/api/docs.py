"""GET /api/docs/: the interactive API reference (Swagger UI) over /api/openapi.json.

Swagger UI's files come from the swagger-ui-py package and are served from here, not from
a CDN, and the page has no inline script or style: it runs under the same
Content-Security-Policy as the SPA (`script-src 'self'; style-src 'self'`), which rules
out the inline start-up script of the usual index.html and of flask-smorest's own page.
"""

import importlib.resources
import json

from flask import Blueprint, Response, abort, send_from_directory, url_for

SWAGGER_UI_FILES = importlib.resources.files("swagger_ui") / "static"
ASSETS = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}
# Swagger UI's files change only with the package's version; a day is a safe reuse.
ASSET_MAX_AGE_S = 24 * 3600

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ticketsvc API reference</title>
<link rel="icon" type="image/png" href="{favicon}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{bundle}"></script>
<script src="{start}"></script>
</body>
</html>
"""

START = """window.ui = SwaggerUIBundle({{
  url: {spec_url},
  dom_id: "#swagger-ui",
  deepLinking: true,
  // The reference's "Try it out" sends requests from this page, with this page's cookie.
  withCredentials: true,
}});
"""

bp = Blueprint("docs", __name__, url_prefix="/api/docs")


@bp.get("/")
def reference_page():
    page = PAGE.format(
        favicon=url_for("docs.asset", name="favicon-32x32.png"),
        css=url_for("docs.asset", name="swagger-ui.css"),
        bundle=url_for("docs.asset", name="swagger-ui-bundle.js"),
        start=url_for("docs.start_script"),
    )
    return Response(page, mimetype="text/html", headers={"Cache-Control": "no-cache"})


@bp.get("/start.js")
def start_script():
    script = START.format(spec_url=json.dumps(url_for("api-docs.openapi_json")))
    return Response(script, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})


@bp.get("/<name>")
def asset(name: str):
    if name not in ASSETS:
        abort(404)
    return send_from_directory(str(SWAGGER_UI_FILES), name, max_age=ASSET_MAX_AGE_S)
