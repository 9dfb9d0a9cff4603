"""Statements every request runs, prepared once per connection.

Checking a request's credentials, and reading the stats revision, send the same text on
every request. Sent as text, PostgreSQL parses and plans it each time; prepared, it only
executes it, in a third of the time (docs/decisions/023-hot-statements-prepared.md).
A statement is prepared on its first use on a connection, not when the connection opens:
the tables it reads may not exist yet then (a migration's connection).
"""

from dataclasses import dataclass

from sqlalchemy import CursorResult

from ticketsvc.extensions import db

# Where a connection remembers which statements it has prepared; SQLAlchemy clears it
# when the connection is replaced, as PostgreSQL forgets them with the session.
PREPARED = "ticketsvc_prepared"
# Every prepared statement by name, for the tools that EXPLAIN what a request ran.
BY_NAME: dict[str, "PreparedStatement"] = {}


@dataclass(frozen=True)
class PreparedStatement:
    name: str
    sql: str  # its parameters written $1, $2, …

    def __post_init__(self):
        BY_NAME[self.name] = self

    def execute(self, *parameters) -> CursorResult:
        """Run it on the session's connection, preparing it there first if need be."""
        connection = db.session.connection()
        prepared = connection.info.setdefault(PREPARED, set())
        if self.name not in prepared:
            connection.exec_driver_sql(f"PREPARE {self.name} AS {self.sql}")
            prepared.add(self.name)
        if not parameters:
            return connection.exec_driver_sql(f"EXECUTE {self.name}")
        placeholders = ", ".join(["%s"] * len(parameters))
        return connection.exec_driver_sql(f"EXECUTE {self.name}({placeholders})", parameters)
