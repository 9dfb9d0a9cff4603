"""Search over tickets: what a search matches, and counting common words quickly.

A search matches every word, each as a prefix, in one stored vector per ticket
(search_vector): its title and description, the requester's name and address, and the
text of its comments, internal notes included
(docs/decisions/042-search-over-requester-and-conversation.md). A search that is one
number also finds the ticket of that number; "#301" finds ticket 301 only.

A search counts at most SEARCH_COUNT_LIMIT + 1 matches (the contract's "1,000+",
tickets/narrowing.py); how it counts depends on how common the words are, which
PostgreSQL's statistics tell (docs/decisions/018-common-words-counted-along-the-filters-index.md).
"""

import math
import re
from functools import cache

from sqlalchemy import bindparam, func, literal, literal_column, or_, select, union_all
from sqlalchemy.dialects.postgresql import TSQUERY

from ticketsvc.api.smorest import BIGINT_MAX
from ticketsvc.extensions import db
from ticketsvc.models import SEARCH_CONFIG, Ticket
from ticketsvc.tickets.explain import Explain, estimated_rows
from ticketsvc.tickets.filters import count_tickets, filter_conditions, rollup_count_statement
from ticketsvc.tickets.ordering import order_by

tickets = Ticket.__table__

# How many filtered tickets a search's count checks, per match it may count, before it
# turns to the GIN index (see count_common_word).
CANDIDATES_PER_MATCH = 15
# What reading one match through the GIN index (its heap page, at random) costs, in
# tickets walked along an ordering's index: 1.7-3.5 for six words at a million tickets
# (bench/search_reads.py; docs/decisions/051-words-just-past-the-count-read-through-the-gin-index.md).
GIN_READ_COST = 3

# The kinds of search, as a list statement's shape names them: words; one number (the
# ticket of that number, or words beginning with it); "#" and a number (that ticket only).
WORDS, NUMBER_OR_WORDS, TICKET_NUMBER = "search", "search_number", "ticket_number"
KINDS = (WORDS, NUMBER_OR_WORDS, TICKET_NUMBER)
_NUMBER = re.compile(r"(#?)([0-9]+)")
# No ticket has it: ids start at 1.
NO_TICKET = 0


def kind_of(search: str) -> tuple[str, dict]:
    """The kind of a (trimmed, non-blank) search, and its bind parameters."""
    number = _NUMBER.fullmatch(search)
    if number is None:
        return WORDS, {"search": search}
    ticket_id = int(number.group(2))
    if number.group(1):
        return TICKET_NUMBER, {"ticket_number": ticket_id if ticket_id <= BIGINT_MAX else NO_TICKET}
    if ticket_id > BIGINT_MAX:
        return WORDS, {"search": search}
    return NUMBER_OR_WORDS, {"search": search, "ticket_number": ticket_id}


def condition(kind: str, id_column, search_vector):
    """What a search of kind matches, on these columns of tickets (or of a subquery)."""
    if kind == TICKET_NUMBER:
        return id_column == bindparam("ticket_number")
    if kind == NUMBER_OR_WORDS:
        return or_(id_column == bindparam("ticket_number"), matches_search(search_vector))
    return matches_search(search_vector)


def count_common_word(shape: tuple[str, ...], kind: str, parameters: dict) -> int | None:
    """How many tickets match the search and filters, up to :limit, when the words are
    common within filters; None when the GIN index should count them instead.

    A common word within filters is counted along the newest filtered tickets, checking at
    most CANDIDATES_PER_MATCH times :limit of them: several times faster than the plan
    PostgreSQL picks itself, a bitmap of every match of the word from the GIN index, whose
    cost its model underrates. For a rarer word that walk would find too few and the GIN
    bitmap is small, so PostgreSQL's own plan is used. Which words are common, PostgreSQL's
    statistics tell (_is_common).
    """
    if kind == TICKET_NUMBER or not shape or not _is_common(parameters["search"]):
        return None
    candidates = CANDIDATES_PER_MATCH * parameters["limit"]
    statement = _walked_count_statement(shape, kind)
    walked = db.session.execute(statement, {**parameters, "candidates": candidates}).one()
    if walked.matches >= parameters["limit"] or walked.filtered <= candidates:
        return walked.matches
    return None


def _is_common(search: str) -> bool:
    """Whether PostgreSQL estimates that at least 1 in CANDIDATES_PER_MATCH tickets match.

    The estimate comes from planning the search alone (EXPLAIN, no execution); the
    planner's word frequencies are close to the real ones
    (docs/decisions/018-common-words-counted-along-the-filters-index.md).
    Without statistics to go on (a table not yet ANALYZEd, or one with a vocabulary of
    fewer than 100 common words) PostgreSQL guesses 2%, which reads as rare here.
    """
    plan = db.session.execute(_search_alone_statement(), {"search": search}).scalar_one()
    return estimated_rows(plan) * CANDIDATES_PER_MATCH >= count_tickets({})


@cache
def _search_alone_statement() -> Explain:
    return Explain(select(literal_column("1")).where(matches_search(tickets.c.search_vector)))


def few_matches_worth_reading(shape: tuple[str, ...], narrowed: tuple[str, ...], parameters: dict) -> int:
    """Up to how many matches a list narrowed by a search alone, whose count reached its
    bound, is better read whole through the GIN index and sorted than walked; 0 when that
    is not worth a try.

    A page walked along the ordering's index reads about (offset + page size) x filtered
    / m tickets to find its matches among the filtered tickets; reading all m matches and
    sorting them costs about GIN_READ_COST x m. So the walk is dearer up to m =
    sqrt((offset + page size) x filtered / GIN_READ_COST), 2,587 for a first page of a
    million tickets: "zeppelin", just past the count's bound with 1,016 matches, walked
    19,970 tickets there (15.4 ms, against 2.6 ms to read its matches and sort them:
    docs/decisions/051-words-just-past-the-count-read-through-the-gin-index.md).

    It is worth a try for one word whose count the statistics put no higher: they know
    the frequency of each word of their list of common ones. A word not on it gets a
    floor instead, half the rarest listed word's frequency, and is tried when that floor
    is at most twice the break-even: "zeppelin" is estimated at 4,035. Several words are
    never tried: the GIN bitmap of "thanks payment" holds every "thanks" (47 ms), while a
    walk checks both words of each ticket at once. Every figure is the planner's, from one
    EXPLAIN (no execution, one round trip).
    """
    if narrowed not in ((WORDS,), (NUMBER_OR_WORDS,)):
        return 0
    plan = db.session.execute(_estimates_statement(shape), parameters).scalar_one()
    one_word, unlisted, filtered = (part["Plan Rows"] for part in plan[0]["Plan"]["Plans"])
    walked = (parameters["offset"] + parameters["page_size"]) * filtered
    few_matches = math.isqrt(int(walked / GIN_READ_COST))
    estimated_at_most = 2 * few_matches if one_word <= unlisted else few_matches
    if few_matches < parameters["limit"] or one_word > estimated_at_most:
        return 0
    return few_matches


# A word no ticket's text begins with: the planner's estimate for it is its floor, that
# of any word its statistics do not list.
UNLISTED_WORD = "ticketsvc.unlisted.word.probe:*"


@cache
def _estimates_statement(shape: tuple[str, ...]) -> Explain:
    """The planner's estimates, side by side in one plan, of a one-word search's matches
    (of every ticket for several words: the condition is then true, folded so by the
    planner), of a word its statistics do not list, and of the tickets the filters of
    shape select."""
    several_words = func.numnode(prefix_query(bindparam("search"))) > 1
    one_word = or_(matches_search(tickets.c.search_vector), several_words)
    unlisted = tickets.c.search_vector.bool_op("@@")(literal(UNLISTED_WORD, TSQUERY))
    return Explain(
        union_all(
            select(literal_column("1")).where(one_word),
            select(literal_column("1")).where(unlisted),
            select(literal_column("1")).select_from(tickets).where(*filter_conditions(tickets, shape)),
        )
    )


@cache
def _walked_count_statement(shape: tuple[str, ...], kind: str):
    """Matches among the newest :candidates filtered tickets (up to :limit of them), and
    how many tickets the filters select in all (from the rollup)."""
    newest = (
        select(tickets.c.id, tickets.c.search_vector)
        .where(*filter_conditions(tickets, shape))
        .order_by(*order_by("-created_at"))
        .limit(bindparam("candidates"))
        .subquery("newest")
    )
    matching = (
        select(literal_column("1"))
        .select_from(newest)
        .where(condition(kind, newest.c.id, newest.c.search_vector))
        .limit(bindparam("limit"))
        .subquery("matching")
    )
    return select(
        select(func.count()).select_from(matching).scalar_subquery().label("matches"),
        rollup_count_statement(shape).scalar_subquery().label("filtered"),
    )


def matches_search(search_vector):
    return search_vector.bool_op("@@")(prefix_query(bindparam("search")))


def prefix_query(search):
    """A tsquery matching documents that hold every word of search, each as a prefix.

    PostgreSQL's own parser splits the words (so "e-mail" or "api.example.com" are read
    as the documents were), then each lexeme gets the prefix marker ":*". The result is
    read back as a tsquery literal, not parsed again: to_tsquery would turn "e-mail" into
    a phrase, which needs word positions the stored vectors leave out. Every call is
    immutable, so the planner folds it to a constant and can estimate its selectivity.
    """
    words = func.plainto_tsquery(SEARCH_CONFIG, search).cast(db.Text)
    return func.regexp_replace(words, "'( &|$)", r"':*\1", "g").cast(TSQUERY)
