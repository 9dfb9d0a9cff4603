"""flask-smorest, adjusted to the contract: 400 for bad input, 415 for non-JSON bodies,
one error body shape, ``{"message", "errors"}``, for every HTTP error, and an OpenAPI
description that says which errors each operation can answer."""

import http
import json

import flask_smorest
import marshmallow as ma
from apispec import BasePlugin
from apispec.ext.marshmallow.common import resolve_schema_cls
from flask import current_app, request
from webargs.flaskparser import FlaskParser, abort
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from ticketsvc.api.errors import error_response

# Every id is a PostgreSQL bigint: a larger number names nothing (and must not reach SQL).
BIGINT_MAX = 2**63 - 1


class IdConverter(IntegerConverter):
    """<id:…> in a route: an id, 1 to BIGINT_MAX; any other path is a 404."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=BIGINT_MAX)


class ContractParser(FlaskParser):
    DEFAULT_VALIDATION_STATUS = http.HTTPStatus.BAD_REQUEST

    def _raw_load_json(self, req):
        # A body in another format is refused outright rather than read as "no fields".
        if not req.is_json and req.get_data(cache=True):
            abort(http.HTTPStatus.UNSUPPORTED_MEDIA_TYPE, message="Send the body as application/json.")
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            # json's decoder recurses once per nesting level: 200 kB of "[" reaches Python's
            # recursion limit. No body of ours nests more than a few levels.
            abort(http.HTTPStatus.BAD_REQUEST, message="The body is not valid JSON: it nests too deeply.")

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        abort(http.HTTPStatus.BAD_REQUEST, message="The body is not valid JSON.")


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ContractParser()

    def arguments(self, schema, *, location="json", **kwargs):
        """Parse and document arguments; a JSON body also documents its 413 and 415."""
        # One instance for every request: given a class, webargs builds a new schema per
        # request (docs/decisions/025-responses-serialized-without-marshmallow.md). Loading
        # keeps no state on it.
        if isinstance(schema, type):
            schema = schema()
        parse_arguments = super().arguments(schema, location=location, **kwargs)
        if location != "json":
            return parse_arguments
        body_errors = self.error_responses(
            http.HTTPStatus.REQUEST_ENTITY_TOO_LARGE, http.HTTPStatus.UNSUPPORTED_MEDIA_TYPE
        )
        return lambda view: body_errors(parse_arguments(view))

    def error_responses(self, *statuses: int):
        """Document that a view can answer these statuses, in the one error shape."""

        def document(view):
            for status in statuses:
                # flask-smorest registers a response per status, named like HTTPStatus.
                view = self.alt_response(status, http.HTTPStatus(status).name)(view)
            return view

        return document


class ErrorSchema(ma.Schema):
    """The one error body; documents what handle_http_exception returns."""

    message = ma.fields.String(required=True)
    errors = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()), required=False
    )


class SchemaRulesPlugin(BasePlugin):
    """Adds a schema's ``Meta.json_schema`` to its OpenAPI description: the rules that its
    @validates_schema methods check in code, which apispec cannot read from the fields."""

    def schema_helper(self, name, definition, schema=None, **kwargs):
        if schema is None:
            return None
        return getattr(getattr(resolve_schema_cls(schema), "Meta", None), "json_schema", None)


# app.extensions key of the functions that complete the description before it is served
# (each gets the OpenAPI dict and may change it).
SPEC_FINISHERS = "ticketsvc.spec_finishers"


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ErrorSchema

    def __init__(self, app=None, *, spec_kwargs=None, **kwargs):
        spec_kwargs = {"extra_plugins": [SchemaRulesPlugin()], **(spec_kwargs or {})}
        super().__init__(app, spec_kwargs=spec_kwargs, **kwargs)

    def init_app(self, app, *, spec_kwargs=None):
        app.url_map.converters["id"] = IdConverter
        super().init_app(app, spec_kwargs=spec_kwargs)
        self.register_converter(
            IdConverter, lambda converter: {"type": "integer", "minimum": 1, "maximum": BIGINT_MAX}
        )

    def spec_dict(self) -> dict:
        """The OpenAPI description as served: flask-smorest's, completed by the finishers."""
        spec = self.spec.to_dict()
        for finish in current_app.extensions.get(SPEC_FINISHERS, ()):
            finish(spec)
        return spec

    def _openapi_json(self):
        return current_app.response_class(json.dumps(self.spec_dict(), indent=2), mimetype="application/json")

    def handle_http_exception(self, error: HTTPException):
        # Flask hands an error handler no HTTPException without a code (it returns those as they are).
        assert error.code is not None
        data = getattr(error, "data", None) or {}
        message = data.get("message") or _readable_message(error)
        errors = _flatten(data["messages"]) if "messages" in data else data.get("errors")
        if errors and "message" not in data:
            message = "Invalid input."
        # werkzeug's own headers (Allow on a 405, which RFC 9110 requires), minus its HTML type.
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return error_response(error.code, message, errors, headers={**headers, **(data.get("headers") or {})})


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
