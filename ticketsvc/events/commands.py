"""`flask events`: serve open pages' streams of changes (server.py)."""

import click
import uvicorn
from flask import current_app
from flask.cli import with_appcontext

from ticketsvc.db import connections
from ticketsvc.events.server import PATH, make_server

# Time for open streams to end after SIGTERM before they are cut: each page reconnects.
SHUTDOWN_TIMEOUT_S = 2


@click.command("events")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@with_appcontext
def events_command(host: str, port: int) -> None:
    """Serve GET /api/events/ (Server-Sent Events of ticket changes) until SIGTERM or Ctrl-C."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # A process that serves requests waits on PostgreSQL for a bounded time, as gunicorn's do.
    connections.bound_waits(app.config["DATABASE_TIMEOUT_S"])
    click.echo(f"Serving streams of changes at http://{host}:{port}{PATH}", err=True)
    uvicorn.run(
        make_server(app),
        host=host,
        port=port,
        # Who is calling is the app's to work out (ProxyFix, TRUSTED_PROXIES), from the peer
        # and the X-Forwarded-* headers as they arrived; nginx logs each request.
        proxy_headers=False,
        access_log=False,
        log_level="warning",
        server_header=False,
        timeout_graceful_shutdown=SHUTDOWN_TIMEOUT_S,
    )
