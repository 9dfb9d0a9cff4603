"""DRF-style pages: count, next and previous links that keep every other parameter."""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Response, current_app, request
from marshmallow import Schema, fields, validate

MAX_PAGE_SIZE = 100
MAX_OFFSET = 2**62


class InvalidPage(LookupError):
    """A page beyond the last one."""


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    count: int
    count_exact: bool
    results: Sequence

    @property
    def last_number(self) -> int:
        return last_page_number(self.count, self.size)


def last_page_number(count: int, size: int) -> int:
    """An empty result still has a page 1."""
    return max(1, math.ceil(count / size))


def page_offset(number: int, size: int) -> int:
    """How many rows come before page number; a page past any table's size names none
    (and its OFFSET would overflow PostgreSQL's bigint)."""
    offset = (number - 1) * size
    if offset > MAX_OFFSET:
        raise InvalidPage(number)
    return offset


def check_page_exists(number: int, size: int, count: int) -> None:
    if number > last_page_number(count, size):
        raise InvalidPage(number)


def page_body(page: Page) -> dict:
    return {
        "count": page.count,
        "count_exact": page.count_exact,
        "next": _page_url(page.number + 1) if page.number < page.last_number else None,
        "previous": _page_url(page.number - 1) if page.number > 1 else None,
        "results": page.results,
    }


def page_response(page: Page) -> Response:
    """The page as a JSON response, its results already JSON text (written by PostgreSQL)."""
    return current_app.response_class(
        with_results(page_body(page), page.results), mimetype="application/json"
    )


def with_results(envelope: dict, results: Sequence[str]) -> str:
    """envelope as JSON ending with "results": results, each already JSON text, joined as
    they are rather than parsed and written again."""
    head = json.dumps({**envelope, "results": None})
    return head.removesuffix("null}") + "[" + ",".join(results) + "]}"


def _page_url(number: int) -> str:
    query = request.args.to_dict(flat=False)
    query["page"] = [str(number)]
    # Sorted like DRF's links, so the same page always has the same URL.
    return f"{request.base_url}?{urlencode(sorted(query.items()), doseq=True)}"


def page_args_schema(name: str, default_page_size: int = 20) -> type[Schema]:
    """The query of a paged list: page (1-based) and page_size (1 to MAX_PAGE_SIZE)."""
    return Schema.from_dict(
        {
            "page": fields.Integer(validate=validate.Range(min=1), load_default=1),
            "page_size": fields.Integer(
                validate=validate.Range(min=1, max=MAX_PAGE_SIZE), load_default=default_page_size
            ),
        },
        name=name,
    )


def page_schema(item_schema: type[Schema]) -> type[Schema]:
    """The schema of a page of item_schema objects, for the OpenAPI description."""
    name = item_schema.__name__.removesuffix("Schema")
    return Schema.from_dict(
        {
            "count": fields.Integer(required=True),
            "count_exact": fields.Boolean(required=True),
            "next": fields.Url(allow_none=True, required=True),
            "previous": fields.Url(allow_none=True, required=True),
            "results": fields.List(fields.Nested(item_schema), required=True),
        },
        name=f"{name}Page",
    )
