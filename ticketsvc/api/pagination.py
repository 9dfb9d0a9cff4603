"""DRF-style pages: count, next and previous links that keep every other parameter."""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import request


class InvalidPage(LookupError):
    """A page beyond the last one."""


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    count: int
    count_exact: bool
    results: list

    @property
    def last_number(self) -> int:
        return last_page_number(self.count, self.size)


def last_page_number(count: int, size: int) -> int:
    """An empty result still has a page 1."""
    return max(1, math.ceil(count / size))


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


def _page_url(number: int) -> str:
    query = request.args.to_dict(flat=False)
    query["page"] = [str(number)]
    # Sorted like DRF's links, so the same page always has the same URL.
    return f"{request.base_url}?{urlencode(sorted(query.items()), doseq=True)}"
