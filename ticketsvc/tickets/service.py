"""Ticket queries and writes, shared by the views and the CLI."""

from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, exists, func, insert, select, text, update

from ticketsvc import classifier
from ticketsvc.api.pagination import Page, check_page_exists
from ticketsvc.extensions import db
from ticketsvc.models import Ticket
from ticketsvc.tickets.filters import count_tickets, filter_conditions, filter_values, filters_given
from ticketsvc.tickets.ordering import order_by
from ticketsvc.tickets.search import count_search_matches, matches_search

tickets = Ticket.__table__
# What the API shows of a ticket: everything but the search vector, which only PostgreSQL
# reads (fetching it would add ~185 bytes a row to every page).
TICKET_COLUMNS = [column for column in tickets.c if column.name != "search_vector"]

# updated_at doubles as the version (the ETag): it strictly increases on every write,
# even two writes within one clock tick, so a stale If-Match can never match again.
NEXT_UPDATED_AT = func.greatest(
    func.clock_timestamp(), tickets.c.updated_at + text("interval '1 microsecond'")
)


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
        matches = count_search_matches(shape, parameters)
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


def _conditions(shape: tuple[str, ...], searching: bool) -> list:
    conditions = filter_conditions(tickets, shape)
    if searching:
        conditions.append(matches_search(tickets.c.search_vector))
    return conditions


@cache
def _page_statement(shape: tuple[str, ...], searching: bool, ordering: str):
    return (
        select(*TICKET_COLUMNS)
        .where(*_conditions(shape, searching))
        .order_by(*order_by(ordering))
        .limit(bindparam("page_size"))
        .offset(bindparam("offset"))
    )
