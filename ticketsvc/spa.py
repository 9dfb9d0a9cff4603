"""Serve the React build from Flask when no nginx is in front (`make run`)."""

from pathlib import Path

from flask import Flask, abort, send_from_directory
from werkzeug.routing import PathConverter


class ClientPath(PathConverter):
    """Any path outside /api/, so unknown API paths stay JSON 404s (and 405s stay 405s)."""

    regex = r"(?!api(?:/|$))[^/].*?"


def register_spa(app: Flask, dist: Path) -> None:
    """Serve dist's files, and index.html for client-side routes; no-op without a build."""
    dist = Path(dist)
    if not (dist / "index.html").is_file():
        return

    def spa_file(path: str = ""):
        if path and (dist / path).is_file():
            return send_from_directory(dist, path, max_age=_max_age(path))
        if path.startswith("assets/"):
            abort(404)  # a missing asset is a 404, not the app's HTML
        response = send_from_directory(dist, "index.html", max_age=0)
        response.headers["Cache-Control"] = "no-cache"
        return response

    app.url_map.converters["client_path"] = ClientPath
    app.add_url_rule("/", "spa_index", spa_file)
    app.add_url_rule("/<client_path:path>", "spa_file", spa_file)


def _max_age(path: str) -> int:
    # Vite puts content hashes in asset names, so they never change under one URL.
    return 365 * 24 * 3600 if path.startswith("assets/") else 0
