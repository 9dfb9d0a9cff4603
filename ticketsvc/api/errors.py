"""Every error leaves as the contract's JSON body; nothing internal reaches a client."""

import http
import logging

import psycopg
from flask import Flask, jsonify
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from ticketsvc.api.pagination import InvalidPage

logger = logging.getLogger(__name__)

# psycopg's own: the CSV export's connection (db/copy_out.py) is psycopg 3's, not the engine's.
DATABASE_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    DisconnectionError,
    PoolTimeoutError,
    psycopg.OperationalError,
)


def error_response(status: int, message: str, errors: dict | None = None, headers=None):
    body: dict[str, str | dict] = {"message": message}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def one_line(messages: dict) -> str:
    """marshmallow's {field: [messages]} as one line, for a terminal."""
    return " ".join(f"{field}: {' '.join(problems)}" for field, problems in messages.items())


def register_error_handlers(app: Flask) -> None:
    """Map the failures that are not HTTPExceptions (those are the Api's job)."""

    def database_unavailable(error):
        # The exception text holds SQL and connection details: log it, never send it.
        logger.error("database unavailable: %s", error.__class__.__name__, exc_info=error)
        return error_response(
            http.HTTPStatus.SERVICE_UNAVAILABLE,
            "The database is unavailable; try again shortly.",
            headers={"Retry-After": "5"},
        )

    @app.errorhandler(InvalidPage)
    def invalid_page(error):
        return error_response(http.HTTPStatus.NOT_FOUND, "Invalid page.")

    for exception_class in DATABASE_UNAVAILABLE:
        app.register_error_handler(exception_class, database_unavailable)
