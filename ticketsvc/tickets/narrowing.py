"""What narrows a ticket list beyond the rollups' filters (a search, updated_since), and
counting what it selects up to a bound.

No rollup can count these: a search counts at most SEARCH_COUNT_LIMIT + 1 matches (the
contract's "1,000+", docs/decisions/017-bounded-search-counts.md), and so does
updated_since, whose matches are usually few (a client polling with a small overlap) but
need not be (a client that was away for a week).
"""

from functools import cache

from sqlalchemy import Select, bindparam, func, literal_column, select

from ticketsvc.extensions import db
from ticketsvc.models import Ticket
from ticketsvc.tickets import search
from ticketsvc.tickets.filters import filter_conditions

tickets = Ticket.__table__

UPDATED_SINCE = "updated_since"


def narrowings_given(args: dict) -> tuple[tuple[str, ...], dict]:
    """What narrows the list (the kind of search, updated_since: a statement's shape) and
    the bind parameters of narrowing_conditions(). A blank search is none."""
    names, parameters = [], {}
    if args.get("search"):
        kind, searched = search.kind_of(args["search"])
        names.append(kind)
        parameters.update(searched)
    if args.get(UPDATED_SINCE):
        names.append(UPDATED_SINCE)
        parameters[UPDATED_SINCE] = args[UPDATED_SINCE]
    return tuple(names), parameters


def narrowing_conditions(names: tuple[str, ...]) -> list:
    conditions = [
        search.condition(name, tickets.c.id, tickets.c.search_vector)
        for name in names
        if name in search.KINDS
    ]
    if UPDATED_SINCE in names:
        conditions.append(tickets.c.last_activity_at > bindparam(UPDATED_SINCE))
    return conditions


def count_matches(shape: tuple[str, ...], narrowed: tuple[str, ...], parameters: dict) -> int:
    """How many tickets the filters of shape and the narrowings select, counting no further
    than :limit. A search alone may count a common word along the filters' index instead
    (search.count_common_word)."""
    if len(narrowed) == 1 and narrowed[0] in search.KINDS:
        walked = search.count_common_word(shape, narrowed[0], parameters)
        if walked is not None:
            return walked
    return db.session.scalar(_bounded_count_statement(shape, narrowed), parameters)


@cache
def _bounded_count_statement(shape: tuple[str, ...], narrowed: tuple[str, ...]):
    """Count the matches, but stop reading after :limit of them."""
    matching: Select = (
        select(literal_column("1"))
        .select_from(tickets)
        .where(*filter_conditions(tickets, shape), *narrowing_conditions(narrowed))
        .limit(bindparam("limit"))
    )
    return select(func.count()).select_from(matching.subquery())
