"""flask-smorest, adjusted to the contract: 400 for bad input, 415 for non-JSON bodies,
and one error body shape, ``{"message", "errors"}``, for every HTTP error."""

import http

import flask_smorest
import marshmallow as ma
from flask import request
from webargs.flaskparser import FlaskParser, abort
from werkzeug.exceptions import HTTPException

from ticketsvc.errors import error_response


class ContractParser(FlaskParser):
    DEFAULT_VALIDATION_STATUS = http.HTTPStatus.BAD_REQUEST

    def _raw_load_json(self, req):
        # A body in another format is refused outright rather than read as "no fields".
        if not req.is_json and req.get_data(cache=True):
            abort(http.HTTPStatus.UNSUPPORTED_MEDIA_TYPE, message="Send the body as application/json.")
        return super()._raw_load_json(req)

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        abort(http.HTTPStatus.BAD_REQUEST, message="The body is not valid JSON.")


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ContractParser()


class ErrorSchema(ma.Schema):
    """The one error body; documents what handle_http_exception returns."""

    message = ma.fields.String(required=True)
    errors = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()), required=False
    )


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        message = data.get("message") or _readable_message(error)
        errors = _flatten(data["messages"]) if "messages" in data else data.get("errors")
        if errors and "message" not in data:
            message = "Invalid input."
        return error_response(error.code, message, errors, headers=data.get("headers"))


def _readable_message(error: HTTPException) -> str:
    if error.code == http.HTTPStatus.NOT_FOUND:
        return "Not found."
    if error.code == http.HTTPStatus.METHOD_NOT_ALLOWED:
        return f"Method {request.method} is not allowed here."
    if error.code == http.HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
        return "The body is larger than 1 MB."
    if error.code == http.HTTPStatus.INTERNAL_SERVER_ERROR:
        return "Internal server error."
    return error.description or error.name


def _flatten(messages_by_location: dict) -> dict[str, list[str]]:
    """webargs nests errors by location and list index; clients want field -> messages."""
    flat: dict[str, list[str]] = {}
    for location_errors in messages_by_location.values():
        for field, field_errors in location_errors.items():
            flat.setdefault(field, []).extend(_messages(field_errors))
    return flat


def _messages(field_errors) -> list[str]:
    if isinstance(field_errors, dict):
        return [message for nested in field_errors.values() for message in _messages(nested)]
    if isinstance(field_errors, list):
        return [message for nested in field_errors for message in _messages(nested)]
    return [str(field_errors)]
