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

import psycopg2
from psycopg2.extras import NamedTupleCursor
from sqlalchemy import ClauseElement, Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler

from ticketsvc.db.connections import psycopg2_connection
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

    def all(self, *parameters) -> list:
        """Its rows (named tuples), run on the session's connection, preparing it there first
        if need be."""
        connection = db.session.connection()
        prepared = connection.info.setdefault(PREPARED, set())
        if self.name not in prepared:
            _run(connection, self.prepare, None)
            prepared.add(self.name)
        if not parameters:
            return _run(connection, f"EXECUTE {self.name}", None)
        placeholders = ", ".join(["%s"] * len(parameters))
        return _run(connection, f"EXECUTE {self.name}({placeholders})", parameters)

    def first(self, *parameters):
        """Its first row, or None."""
        rows = self.all(*parameters)
        return rows[0] if rows else None


def _run(connection: Connection, statement: str, parameters: tuple | None) -> list:
    """statement's rows, sent through the driver's own cursor: SQLAlchemy's handling of a
    statement (its execution context and result) cost more than PostgreSQL's EXECUTE of a
    credential check. What SQLAlchemy does besides is kept: the engine's listeners see the
    statement (who writes, the tools that record what a request ran), and a driver error
    is raised as SQLAlchemy's, a lost connection invalidated so that the pool drops it."""
    for listener in connection.dispatch.before_cursor_execute:
        statement, parameters = listener(connection, None, statement, parameters, None, False)
    driver_connection = psycopg2_connection(connection.connection)
    try:
        with driver_connection.cursor(cursor_factory=NamedTupleCursor) as cursor:
            cursor.execute(statement, parameters)
            return cursor.fetchall() if cursor.description else []
    except psycopg2.Error as error:
        # SQLAlchemy types the error as its protocol for any driver's; psycopg2's is one.
        lost = connection.dialect.is_disconnect(error, connection.connection, None)  # type: ignore[arg-type]
        if lost:
            connection.invalidate(error)
        raise DBAPIError.instance(
            statement, parameters, error, psycopg2.Error, hide_parameters=True, connection_invalidated=lost
        ) from error


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
    # SQLAlchemy writes for the driver's pyformat, %(name)s for each parameter and %% for a
    # percent sign, its literals' included; PREPARE's text is sent as it is.
    for name, value in expanded.parameters.items():
        if name not in written:
            literal = compiled.render_literal_value(value, compiled.binds[name].type)
            written[name] = literal.replace("%%", "%")
    sql = expanded.statement % written
    name = f"{prefix}_{hashlib.sha1(sql.encode()).hexdigest()[:16]}"
    return PreparedStatement(name, sql, tuple(types)), tuple(slots)


def values_for(slots: tuple[Slot, ...], values: Mapping[str, object]) -> list:
    """The values of a from_statement() statement's $1, $2, …, from the bind parameters'."""
    return [values[name] if index is None else values[name][index] for name, index in slots]  # type: ignore[index]
