"""The SQL a request runs, and PostgreSQL's plan for it (the benchmark and the plan tests).

Statements are recorded as the driver receives them, parameters included, so what gets
EXPLAINed is exactly what the service built, on a connection with the app's settings.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import event

from ticketsvc.db.connections import psycopg2_connection
from ticketsvc.db.prepared import BY_NAME
from ticketsvc.extensions import db


@contextmanager
def recorded_statements(engine) -> Iterator[list[tuple[str, object]]]:
    """Collect (statement, parameters) of everything the engine runs inside the block."""
    statements: list[tuple[str, object]] = []

    def record(connection, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def statements_of_request(app: Flask, url: str, headers: dict) -> list[tuple[str, object]]:
    """The queries a GET of url with headers (its credentials) runs; it must answer 200.
    Checking the credentials is part of the request, so its query is among them."""
    with app.app_context(), recorded_statements(db.engine) as statements:
        response = app.test_client().get(url, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}: {response.get_data(as_text=True)}")
    # An EXPLAIN the service runs for an estimate, or a PREPARE, has no plan to look at.
    no_plan = ("EXPLAIN ", "PREPARE ")
    return [(sql, parameters) for sql, parameters in statements if not sql.startswith(no_plan)]


def explain(statement: str, parameters, options: str = "FORMAT JSON"):
    """EXPLAIN (options) of one recorded statement, on a connection of the app's engine.
    An EXECUTE of a prepared statement is explained as such, prepared for the occasion."""
    connection = db.engine.raw_connection()
    try:
        with psycopg2_connection(connection).cursor() as cursor:
            prepared = _prepare_for_explain(cursor, statement)
            cursor.execute(f"EXPLAIN ({options}) {statement}", parameters)
            rows = cursor.fetchall()
            connection.rollback()
            if prepared:
                cursor.execute(f"DEALLOCATE {prepared}")
    finally:
        connection.close()
    return rows[0][0] if options.endswith("JSON") else "\n".join(row[0] for row in rows)


def _prepare_for_explain(cursor, statement: str) -> str | None:
    """Prepare the statement an EXECUTE names if the connection lacks it; its name if so."""
    if not statement.startswith("EXECUTE "):
        return None
    name = statement.removeprefix("EXECUTE ").split("(")[0].strip()
    cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", (name,))
    if cursor.fetchone():
        return None
    cursor.execute(BY_NAME[name].prepare)
    return name


def plan_nodes(plan: dict) -> Iterator[dict]:
    """Every node of a JSON plan (one element of EXPLAIN's list), depth first."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from plan_nodes(child)
