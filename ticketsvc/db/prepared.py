"""Statements prepared once per connection.

Checking a request's credentials, and reading the stats revision, send the same text on
every request. Sent as text, PostgreSQL parses and plans it each time; prepared, it only
executes it, in a third of the time (docs/decisions/023-hot-statements-prepared.md).
A list page's statement, built by SQLAlchemy once per shape, is prepared the same way
(from_statement): PostgreSQL took longer to plan it than to run it
(docs/decisions/055-list-pages-prepared-with-generic-plans.md).
A statement is prepared on its first use on a connection, not when the connection opens:
the tables it reads may not exist yet then (a migration's connection).
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ClauseElement, CursorResult
from sqlalchemy.sql.compiler import SQLCompiler

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
    # PREPARE's types for $1, $2, …; without them PostgreSQL infers each from where it is.
    parameter_types: tuple[str, ...] = ()

    def __post_init__(self):
        BY_NAME[self.name] = self

    @property
    def prepare(self) -> str:
        """The PREPARE statement that makes it."""
        types = f"({', '.join(self.parameter_types)})" if self.parameter_types else ""
        return f"PREPARE {self.name}{types} AS {self.sql}"

    def execute(self, *parameters) -> CursorResult:
        """Run it on the session's connection, preparing it there first if need be."""
        connection = db.session.connection()
        prepared = connection.info.setdefault(PREPARED, set())
        if self.name not in prepared:
            connection.exec_driver_sql(self.prepare)
            prepared.add(self.name)
        if not parameters:
            return connection.exec_driver_sql(f"EXECUTE {self.name}")
        placeholders = ", ".join(["%s"] * len(parameters))
        return connection.exec_driver_sql(f"EXECUTE {self.name}({placeholders})", parameters)


# Where a value comes from for each $n of a statement from from_statement(): a bind
# parameter's name, and for a list (an expanding IN) which of its values.
Slot = tuple[str, int | None]


def from_statement(
    prefix: str, statement: ClauseElement, list_lengths: Mapping[str, int], parameters: tuple[str, ...]
) -> tuple[PreparedStatement, tuple[Slot, ...]]:
    """statement (SQLAlchemy Core) compiled into a PreparedStatement, and where each of its
    $n takes its value from (values_for). The bind parameters named in parameters become
    $1, $2, … in that order, a list one (an expanding IN) as many as list_lengths gives it,
    each typed as its bind parameter is; the constants statement binds are written in as
    the literals SQLAlchemy would send. Named after its SQL, so that the same text is
    prepared once per connection whatever built it."""
    dialect = db.engine.dialect
    # A SELECT compiles to an SQLCompiler, which keeps the bind parameters by name.
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    expanded = compiled.construct_expanded_state(
        {name: [None] * list_lengths[name] if name in list_lengths else None for name in parameters}
    )
    slots: list[Slot] = []
    types: list[str] = []
    written: dict[str, str] = {}
    for name in parameters:
        names = expanded.parameter_expansion.get(name, [name])
        for index, expanded_name in enumerate(names):
            slots.append((name, index if name in list_lengths else None))
            types.append(compiled.binds[name].type.compile(dialect=dialect))
            written[expanded_name] = f"${len(slots)}"
    for name, value in expanded.parameters.items():
        if name not in written:
            written[name] = compiled.render_literal_value(value, compiled.binds[name].type)
    # The text is in the driver's pyformat: %(name)s for each parameter, %% for a percent sign.
    sql = expanded.statement % written
    name = f"{prefix}_{hashlib.sha1(sql.encode()).hexdigest()[:16]}"
    return PreparedStatement(name, sql, tuple(types)), tuple(slots)


def values_for(slots: tuple[Slot, ...], values: Mapping[str, object]) -> list:
    """The values of a from_statement() statement's $1, $2, …, from the bind parameters'."""
    return [values[name] if index is None else values[name][index] for name, index in slots]  # type: ignore[index]
