"""The database plumbing, in one place.

- connections.py: the engine's options (autocommit, bounds on every wait, pings).
- transactions.py: transaction(), for writes of more than one statement.
- actor.py: who writes, told to the history triggers.
- prepared.py: statements every request runs, and list pages, prepared once per
  connection, planned once, and run through the driver's cursor.
- rollups.py: the count rollups packed again after a bulk load.
- objects.py: what PostgreSQL does on its own (triggers and functions, in sql/).
- copy_out.py: COPY … TO STDOUT streamed, on a psycopg 3 connection of its own (the export).
"""

from flask import Flask

from ticketsvc.db import actor, connections
from ticketsvc.extensions import db


def init_app(app: Flask) -> None:
    """Bind the session to app's database with the engine this package describes."""
    timeout_s = app.config["DATABASE_TIMEOUT_S"]
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", connections.engine_options(timeout_s))
    db.init_app(app)
    with app.app_context():
        connections.ping_when_idle(db.engine)
        actor.say_who_writes(db.engine)
