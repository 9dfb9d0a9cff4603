"""Ticket queries and writes, shared by the views and the CLI."""

from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, case, exists, func, insert, literal_column, select, text, update
from sqlalchemy.dialects.postgresql import TSQUERY

from ticketsvc import classifier
from ticketsvc.enums import Priority, Status
from ticketsvc.explain import Explain, estimated_rows
from ticketsvc.extensions import db
from ticketsvc.filters import filter_conditions, filter_values, filters_given
from ticketsvc.models import SEARCH_CONFIG, Ticket, TicketCount
from ticketsvc.pagination import Page, check_page_exists

tickets = Ticket.__table__
ticket_counts = TicketCount.__table__
# What the API shows of a ticket: everything but the search vector, which only PostgreSQL
# reads (fetching it would add ~185 bytes a row to every page).
TICKET_COLUMNS = [column for column in tickets.c if column.name != "search_vector"]

RANKS = {
    "priority": case({p.value: rank for rank, p in enumerate(Priority)}, value=tickets.c.priority),
    "status": case({s.value: rank for rank, s in enumerate(Status)}, value=tickets.c.status),
    "created_at": tickets.c.created_at,
}


# updated_at doubles as the version (the ETag): it strictly increases on every write,
# even two writes within one clock tick, so a stale If-Match can never match again.
NEXT_UPDATED_AT = func.greatest(
    func.clock_timestamp(), tickets.c.updated_at + text("interval '1 microsecond'")
)


# How many filtered tickets a search's count checks, per match it may count, before it
# turns to the GIN index (see _count_search_matches).
CANDIDATES_PER_MATCH = 15


class TicketNotFound(LookupError):
    pass


class StaleTicket(Exception):
    """The client's If-Match names a version that is no longer current."""


def create_ticket(data: dict):
    """Insert a ticket; missing category or priority is filled in by the classifier."""
    values = dict(data)
    if "category" not in values or "priority" not in values:
        suggestion = classifier.classify(values["title"], values["description"])
        values.setdefault("category", suggestion.category.value)
        values.setdefault("priority", suggestion.priority.value)
        values.update(
            suggested_category=suggestion.category.value,
            suggested_priority=suggestion.priority.value,
            classification_source=suggestion.source.value,
            classification_model=suggestion.model,
        )
    row = db.session.execute(insert(tickets).values(values).returning(*TICKET_COLUMNS)).one()
    db.session.commit()
    return row


def get_ticket(ticket_id: int):
    row = db.session.execute(select(*TICKET_COLUMNS).where(tickets.c.id == ticket_id)).first()
    if row is None:
        raise TicketNotFound(ticket_id)
    return row


def update_ticket(ticket_id: int, changes: dict, expected_versions: list[datetime] | None):
    """Apply changes atomically; with expected_versions, only if one is still current."""
    statement = (
        update(tickets)
        .where(tickets.c.id == ticket_id)
        .values({**changes, "updated_at": NEXT_UPDATED_AT})
        .returning(*TICKET_COLUMNS)
    )
    if expected_versions is not None:
        statement = statement.where(tickets.c.updated_at.in_(expected_versions))
    row = db.session.execute(statement).first()
    db.session.commit()
    if row is not None:
        return row
    if db.session.scalar(select(exists().where(tickets.c.id == ticket_id))):
        raise StaleTicket(ticket_id)
    raise TicketNotFound(ticket_id)


def list_tickets(args: dict, search_count_limit: int) -> Page:
    shape = filters_given(args)
    parameters = filter_values(args)
    search = args.get("search")
    if search:
        parameters.update(search=search, limit=search_count_limit + 1)
        matches = _count_search_matches(shape, parameters)
        count, count_exact = min(matches, search_count_limit), matches <= search_count_limit
    else:
        count, count_exact = count_tickets(args), True

    check_page_exists(args["page"], args["page_size"], count)
    results = []
    if count:
        parameters.update(page_size=args["page_size"], offset=(args["page"] - 1) * args["page_size"])
        page = _page_statement(shape, bool(search), args["ordering"])
        results = db.session.execute(page, parameters).all()
    return Page(args["page"], args["page_size"], count, count_exact, results)


def count_tickets(filters: dict) -> int:
    """Exact, from the rollup: a sum over at most 768 rows whatever the table's size."""
    count = db.session.scalar(_rollup_count_statement(filters_given(filters)), filter_values(filters))
    return int(count)  # sum() of bigint is numeric


@cache
def _rollup_count_statement(shape: tuple[str, ...]):
    return select(func.coalesce(func.sum(ticket_counts.c.ticket_count), 0)).where(
        *filter_conditions(ticket_counts, shape)
    )


def _conditions(shape: tuple[str, ...], searching: bool) -> list:
    conditions = filter_conditions(tickets, shape)
    if searching:
        conditions.append(_matches_search(tickets.c.search_vector))
    return conditions


def _count_search_matches(shape: tuple[str, ...], parameters: dict) -> int:
    """How many tickets match the search and filters, counting no further than :limit.

    A common word within filters is counted along the newest filtered tickets, checking at
    most CANDIDATES_PER_MATCH times :limit of them: search_filter at 1M tickets takes 7 ms
    so, where the plan PostgreSQL picks itself, a bitmap of every match of the word from
    the GIN index, takes 45 ms (its cost model underrates that bitmap). For a rarer word
    that walk would find too few and the GIN bitmap is small, so PostgreSQL's own plan is
    used. Which words are common, PostgreSQL's statistics tell (_is_common).
    """
    if shape and _is_common(parameters["search"]):
        candidates = CANDIDATES_PER_MATCH * parameters["limit"]
        statement = _walked_count_statement(shape)
        walked = db.session.execute(statement, {**parameters, "candidates": candidates}).one()
        if walked.matches >= parameters["limit"] or walked.filtered <= candidates:
            return walked.matches
    return db.session.scalar(_bounded_count_statement(shape), parameters)


def _is_common(search: str) -> bool:
    """Whether PostgreSQL estimates that at least 1 in CANDIDATES_PER_MATCH tickets match.

    The estimate comes from planning the search alone (EXPLAIN, no execution): the
    planner's word frequencies are close (a word in 100,561 of 1M tickets: 99,441).
    Without statistics to go on (a table not yet ANALYZEd, or one with a vocabulary of
    fewer than 100 common words) PostgreSQL guesses 2%, which reads as rare here.
    """
    plan = db.session.execute(_search_alone_statement(), {"search": search}).scalar_one()
    return estimated_rows(plan) * CANDIDATES_PER_MATCH >= count_tickets({})


@cache
def _search_alone_statement() -> Explain:
    return Explain(select(literal_column("1")).where(_matches_search(tickets.c.search_vector)))


@cache
def _walked_count_statement(shape: tuple[str, ...]):
    """Matches among the newest :candidates filtered tickets (up to :limit of them), and
    how many tickets the filters select in all (from the rollup)."""
    newest = (
        select(tickets.c.search_vector)
        .where(*filter_conditions(tickets, shape))
        .order_by(*_ordering("-created_at"))
        .limit(bindparam("candidates"))
        .subquery("newest")
    )
    matching = (
        select(literal_column("1"))
        .select_from(newest)
        .where(_matches_search(newest.c.search_vector))
        .limit(bindparam("limit"))
        .subquery("matching")
    )
    return select(
        select(func.count()).select_from(matching).scalar_subquery().label("matches"),
        _rollup_count_statement(shape).scalar_subquery().label("filtered"),
    )


def _matches_search(search_vector):
    return search_vector.bool_op("@@")(prefix_query(bindparam("search")))


@cache
def _bounded_count_statement(shape: tuple[str, ...]):
    """Count search matches, but stop reading after :limit of them."""
    matching = (
        select(literal_column("1"))
        .select_from(tickets)
        .where(*_conditions(shape, searching=True))
        .limit(bindparam("limit"))
    )
    return select(func.count()).select_from(matching.subquery())


@cache
def _page_statement(shape: tuple[str, ...], searching: bool, ordering: str):
    return (
        select(*TICKET_COLUMNS)
        .where(*_conditions(shape, searching))
        .order_by(*_ordering(ordering))
        .limit(bindparam("page_size"))
        .offset(bindparam("offset"))
    )


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


def _ordering(ordering: str):
    descending = ordering.startswith("-")
    key = RANKS[ordering.lstrip("-")]
    if descending:
        return key.desc(), tickets.c.id.desc()
    return key.asc(), tickets.c.id.asc()
