"""What narrows a ticket list beyond the rollups' filters (the search words, updated_since),
and counting what it selects up to a bound.

No rollup can count these: a search counts at most SEARCH_COUNT_LIMIT + 1 matches (the
contract's "1,000+", docs/decisions/017-bounded-search-counts.md), and so does
updated_since, whose matches are usually few (a client polling with a small overlap) but
need not be (a client that was away for a week).
"""

from functools import cache

from sqlalchemy import bindparam, func, literal_column, select

from ticketsvc.extensions import db
from ticketsvc.models import Ticket
from ticketsvc.tickets import search
from ticketsvc.tickets.filters import filter_conditions

tickets = Ticket.__table__

NARROWING_NAMES = ("search", "updated_since")


def narrowings_given(args: dict) -> tuple[str, ...]:
    """The names of the narrowings that have values (a blank search is none)."""
    return tuple(name for name in NARROWING_NAMES if args.get(name))


def narrowing_values(args: dict) -> dict:
    """The bind parameters for narrowing_conditions()."""
    return {name: args[name] for name in narrowings_given(args)}


def narrowing_conditions(names: tuple[str, ...]) -> list:
    conditions = []
    if "search" in names:
        conditions.append(search.matches_search(tickets.c.search_vector))
    if "updated_since" in names:
        conditions.append(tickets.c.last_activity_at > bindparam("updated_since"))
    return conditions


def count_matches(shape: tuple[str, ...], narrowed: tuple[str, ...], parameters: dict) -> int:
    """How many tickets the filters of shape and the narrowings select, counting no further
    than :limit. A search alone may count a common word along the filters' index instead
    (search.count_common_word)."""
    if narrowed == ("search",):
        walked = search.count_common_word(shape, parameters)
        if walked is not None:
            return walked
    return db.session.scalar(_bounded_count_statement(shape, narrowed), parameters)


@cache
def _bounded_count_statement(shape: tuple[str, ...], narrowed: tuple[str, ...]):
    """Count the matches, but stop reading after :limit of them."""
    matching = (
        select(literal_column("1"))
        .select_from(tickets)
        .where(*filter_conditions(tickets, shape), *narrowing_conditions(narrowed))
        .limit(bindparam("limit"))
    )
    return select(func.count()).select_from(matching.subquery())
