"""Ticket queries and writes, shared by the views and the CLI."""

from collections.abc import Sequence
from datetime import datetime
from functools import cache, lru_cache

from sqlalchemy import (
    BigInteger,
    Integer,
    Row,
    Select,
    Update,
    any_,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    null,
    select,
    text,
    update,
)

from ticketsvc import classifier
from ticketsvc.api.pagination import Page, check_page_exists, page_offset
from ticketsvc.db import prepared
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import done
from ticketsvc.enums import Category, Priority, Role, Status
from ticketsvc.extensions import db
from ticketsvc.mail import outbox
from ticketsvc.mail.kinds import MailKind
from ticketsvc.mail.settings import mail_is_on
from ticketsvc.models import Ticket, User
from ticketsvc.tickets import search
from ticketsvc.tickets.filters import (
    NO_ASSIGNEE_ID,
    count_tickets,
    filter_conditions,
    filter_values,
    filters_given,
    rollup_count_statement,
)
from ticketsvc.tickets.follow_keys import new_follow_key
from ticketsvc.tickets.narrowing import count_matches, narrowing_conditions, narrowings_given
from ticketsvc.tickets.ordering import order_by, ordered, sort_key
from ticketsvc.tickets.schemas import MINE_WORD, UNASSIGNED_WORD
from ticketsvc.tickets.ticket_json import ticket_json_text

tickets = Ticket.__table__
users = User.__table__


def assignee_of(assignee_id):
    """The assignee as the API shows it, {"id", "name"} or null, built by PostgreSQL from
    the user's row (a primary-key lookup per ticket); it works in RETURNING as in SELECT."""
    return (
        select(func.json_build_object("id", users.c.id, "name", users.c.name))
        .where(users.c.id == assignee_id)
        .scalar_subquery()
        .label("assignee")
    )


# What the API shows of a ticket. Not the search vectors, which only PostgreSQL reads
# (hundreds of bytes a row), nor its key's digest and salt, nor which model classified it,
# nor the instants the queue's fields are computed from.
HIDDEN_COLUMNS = {
    "search_vector",
    "conversation_vector",
    "access_key_digest",
    "follow_salt",
    "classification_model",
    "assignee_id",
    "last_comment_at",
    "last_customer_comment_at",
    "last_agent_reply_at",
}
SHOWN_COLUMNS = [column for column in tickets.c if column.name not in HIDDEN_COLUMNS]
TICKET_COLUMNS = [*SHOWN_COLUMNS, assignee_of(tickets.c.assignee_id)]
# A new ticket has no assignee (and INSERT … RETURNING could not correlate assignee_of).
NEW_TICKET_COLUMNS = [*SHOWN_COLUMNS, null().label("assignee")]
# A listed ticket: its JSON, written by PostgreSQL.
LISTED_TICKET = ticket_json_text({column.name: column for column in TICKET_COLUMNS}).label("ticket")

# updated_at doubles as the version (the ETag): it strictly increases on every write,
# even two writes within one clock tick, so a stale If-Match can never match again.
NEXT_UPDATED_AT = func.greatest(
    func.clock_timestamp(), tickets.c.updated_at + text("interval '1 microsecond'")
)


# A page's bounds, typed: a prepared page declares its parameters' types. An offset may
# pass a 32-bit integer (a page far past the last: pagination.MAX_OFFSET).
PAGE_SIZE = bindparam("page_size", type_=Integer)
OFFSET = bindparam("offset", type_=BigInteger)

# A page not narrowed is prepared while no filter lists more values than an enum filter
# can; the statements of that many shapes (with how many values each filter lists) are
# kept built.
PREPARED_MOST_VALUES = max(len(Category), len(Priority), len(Status))
PREPARED_PAGE_SHAPES = 512

# The prefix of the INSERT's bind parameters: SQLAlchemy keeps a column's own name for
# values it binds itself.
NEW = "new_"


class TicketNotFound(LookupError):
    pass


class StaleTicket(Exception):
    """The client's If-Match names a version that is no longer current."""


class NotAnAssignee(ValueError):
    """assignee_id names nobody who may hold tickets (an active agent or admin)."""


class UnknownUsers(ValueError):
    """The assignee filter names ids that are nobody's."""


def create_ticket(data: dict, actor: Actor) -> tuple[Row, str]:
    """Insert a ticket; missing category or priority is filled in by the classifier.

    Returns the ticket and its private key, which only its digest is kept of.
    """
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
    values["follow_salt"], access_key, values["access_key_digest"] = new_follow_key()
    mailing = mail_is_on()
    statement = _insert_statement(tuple(sorted(values)), mailing)
    parameters = {f"{NEW}{name}": value for name, value in values.items()}
    if mailing:
        parameters.update(outbox.message_ids(MailKind.ACKNOWLEDGEMENT))
    row = db.session.execute(statement, parameters, execution_options=actor.writes()).one()
    done()
    return row, access_key


@cache
def _insert_statement(columns: tuple[str, ...], mailing: bool):
    """The INSERT of a ticket with these columns given, and with mailing its
    acknowledgement queued: built once per shape, as building it cost more than the
    PostgreSQL round trip (docs/decisions/024-statements-built-once-per-shape.md)."""
    statement = (
        insert(tickets)
        .values({name: bindparam(f"{NEW}{name}") for name in columns})
        .returning(*NEW_TICKET_COLUMNS)
    )
    if not mailing:
        return statement
    created = statement.cte("created")
    return select(*created.c).add_cte(outbox.acknowledgement(created).cte("queued"))


def get_ticket(ticket_id: int):
    row = db.session.execute(select(*TICKET_COLUMNS).where(tickets.c.id == ticket_id)).first()
    if row is None:
        raise TicketNotFound(ticket_id)
    return row


def update_ticket(ticket_id: int, changes: dict, expected_versions: list[datetime] | None, actor: Actor):
    """Apply changes atomically, with the mail they cause; with expected_versions, only if
    one is still current."""
    check_assignee(changes)
    mailing = mail_is_on() and _may_cause_mail(changes)
    statement = _update_statement(tuple(sorted(changes)), expected_versions is not None, mailing)
    parameters = {**changes, "ticket_id": ticket_id, "expected_versions": expected_versions}
    if mailing:
        parameters.update(outbox.message_ids(MailKind.RESOLVED, MailKind.ASSIGNED))
        parameters.update(assigner_id=actor.id, assigner_name=actor.name)
    row = db.session.execute(statement, parameters, execution_options=actor.writes()).first()
    done()
    if row is not None:
        return row
    if ticket_exists(ticket_id):
        raise StaleTicket(ticket_id)
    raise TicketNotFound(ticket_id)


def check_assignee(changes: dict) -> None:
    """Refuse changes that give tickets to someone who may not hold them."""
    if changes.get("assignee_id") is not None and not _may_hold_tickets(changes["assignee_id"]):
        raise NotAnAssignee(changes["assignee_id"])


def _may_cause_mail(changes: dict) -> bool:
    """Whether a change could resolve the ticket or give it to someone: the changes that
    mail (the contract's "Who is mailed what"); others need no outbox in their statement."""
    return changes.get("status") == Status.RESOLVED or changes.get("assignee_id") is not None


def changing(changed: tuple[str, ...]) -> Update:
    """The UPDATE of tickets setting these columns (values bound by name) and moving
    updated_at: what PATCH and bulk changes write."""
    return update(tickets).values(
        {**{name: bindparam(name) for name in changed}, "updated_at": NEXT_UPDATED_AT}
    )


def locked_before(*conditions) -> Select:
    """The tickets a change is about to write, locked first, with the values whose change
    causes mail: read this way, they are the ones the change replaces."""
    return select(tickets.c.id, tickets.c.status, tickets.c.assignee_id).where(*conditions).with_for_update()


def replaced(old) -> tuple:
    """What the change's RETURNING adds from locked_before(), for the outbox's rules."""
    return old.c.status.label("old_status"), old.c.assignee_id.label("old_assignee_id")


@cache
def _update_statement(changed: tuple[str, ...], conditional: bool, mailing: bool):
    """The UPDATE of these columns (values bound by name), built once per shape like the
    list's statements: building one per request cost more Python than running it.

    Mailing, it also reads the values the change replaces (locking the row first, so they
    are the ones it replaces) and queues the mail the change causes, in the same
    statement."""
    statement = changing(changed).where(tickets.c.id == bindparam("ticket_id")).returning(*TICKET_COLUMNS)
    if conditional:
        statement = statement.where(tickets.c.updated_at.in_(bindparam("expected_versions", expanding=True)))
    if not mailing:
        return statement
    old = locked_before(tickets.c.id == bindparam("ticket_id")).subquery("old")
    updated = (
        statement.where(tickets.c.id == old.c.id)
        .returning(*replaced(old), tickets.c.assignee_id)
        .cte("updated")
    )
    return (
        select(*(updated.c[column.name] for column in TICKET_COLUMNS))
        .add_cte(outbox.resolution(updated).cte("queued_resolution"))
        .add_cte(outbox.assignment(updated).cte("queued_assignment"))
    )


def ticket_exists(ticket_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(tickets.c.id == ticket_id))))


def assignees():
    """Who may hold tickets: the active agents and admins, by name."""
    return db.session.execute(
        select(users.c.id, users.c.name, users.c.role)
        .where(users.c.active, users.c.role.in_([Role.AGENT.value, Role.ADMIN.value]))
        .order_by(users.c.name, users.c.id)
    ).all()


def assignee_ids(chosen: list, caller_id: int) -> list[int]:
    """The assignee filter's values as ids: "me" is the caller, "none" NO_ASSIGNEE_ID. An id
    that is no user's is refused; a deactivated user's is fine (they may still hold tickets)."""
    words = {MINE_WORD: caller_id, UNASSIGNED_WORD: NO_ASSIGNEE_ID}
    ids = [words.get(value, value) for value in chosen]
    asked = {value for value in chosen if isinstance(value, int)}
    if asked:
        known = set(db.session.scalars(select(users.c.id).where(users.c.id.in_(asked))))
        if asked - known:
            raise UnknownUsers(sorted(asked - known))
    return ids


def list_tickets(args: dict, search_count_limit: int) -> Page:
    """A page of tickets, as JSON text; args["assignee"], if given, holds ids (see
    assignee_ids). Its count is exact from the rollups, read with the page, unless a search
    or updated_since narrows it: then it is bounded by search_count_limit."""
    shape, (narrowed, narrowing) = filters_given(args), narrowings_given(args)
    parameters = {
        **filter_values(args),
        **narrowing,
        "page_size": args["page_size"],
        "offset": page_offset(args["page"], args["page_size"]),
    }
    if narrowed:
        parameters["limit"] = search_count_limit + 1
        matches = count_matches(shape, narrowed, parameters)
        count, count_exact = min(matches, search_count_limit), matches <= search_count_limit
        check_page_exists(args["page"], args["page_size"], count)
        rows = _narrowed_rows(shape, narrowed, args, parameters, count_exact) if count else []
    else:
        rows = _page_rows(shape, args, parameters)
        # A page with no tickets (none match, or it is past the last) carries no count.
        count, count_exact = (int(rows[0].total) if rows else count_tickets(args)), True
        check_page_exists(args["page"], args["page_size"], count)
    return Page(args["page"], args["page_size"], count, count_exact, [row.ticket for row in rows])


def _narrowed_rows(
    shape: tuple[str, ...], narrowed: tuple[str, ...], args: dict, parameters: dict, count_exact: bool
) -> Sequence[Row]:
    """A narrowed page's rows. Counted exactly, the matches are few: they are read whole
    and sorted. Past the count's bound, a search whose matches may still be few enough is
    read that way too, if they are (the statement reads no more than one past them, and
    answers nothing if it got there); otherwise, and for a common word, the page walks
    the ordering's index."""
    if count_exact:
        few_matches = parameters["limit"] - 1
    else:
        few_matches = search.few_matches_worth_reading(shape, narrowed, parameters)
    if few_matches:
        page = _page_statement(shape, narrowed, args["ordering"], few_matches=True)
        rows = db.session.execute(page, {**parameters, "read_at_most": few_matches + 1}).all()
        if rows:
            return rows
    return db.session.execute(_page_statement(shape, narrowed, args["ordering"]), parameters).all()


def _page_rows(shape: tuple[str, ...], args: dict, parameters: dict) -> Sequence:
    """A page that is not narrowed: prepared, unless a filter lists more values than
    PREPARED_MOST_VALUES (then sent as text): each count of values is a statement of its
    own that every connection would keep, and the assignee filter may list every agent."""
    list_lengths = tuple(len(args[name]) for name in shape)
    if max(list_lengths, default=0) > PREPARED_MOST_VALUES:
        return db.session.execute(_page_statement(shape, (), args["ordering"]), parameters).all()
    page, slots = _prepared_page(shape, list_lengths, args["ordering"])
    return page.all(*prepared.values_for(slots, parameters))


@lru_cache(maxsize=PREPARED_PAGE_SHAPES)
def _prepared_page(shape: tuple[str, ...], list_lengths: tuple[int, ...], ordering: str):
    """A page that is not narrowed, prepared: PostgreSQL plans it once per connection,
    not on every request (docs/decisions/055-list-pages-prepared-with-generic-plans.md)."""
    return prepared.from_statement(
        "ticketsvc_page",
        _page_statement(shape, (), ordering),
        dict(zip(shape, list_lengths, strict=True)),
        (*shape, "page_size", "offset"),
    )


def _may_hold_tickets(user_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(exists().where(users.c.id == user_id, users.c.active, users.c.role.in_(list(Role))))
        )
    )


def list_conditions(shape: tuple[str, ...], narrowed: tuple[str, ...]) -> list:
    """The WHERE of a list of this shape (the filters given) and these narrowings (the kind
    of search, updated_since: see narrowing.narrowings_given): its pages', its export's,
    and a bulk change's job's."""
    return [*filter_conditions(tickets, shape), *narrowing_conditions(narrowed)]


@cache
def _page_statement(
    shape: tuple[str, ...], narrowed: tuple[str, ...], ordering: str, few_matches: bool = False
):
    """The page's ids are found first, then their tickets read: walking past the tickets
    of earlier pages then needs the index alone (an index-only scan where the filters are
    in it), and the assignees of the page's own 20 tickets only are looked up. Read in one
    SELECT, page 50 read 1,000 whole tickets and their assignees
    (docs/decisions/019-list-pages-find-their-ids-first.md). Unless narrowed, each row
    also carries the count, from the rollup, which PostgreSQL computes once: a page is one
    round trip (docs/decisions/048-list-pages-written-by-postgresql-in-one-round-trip.md).

    With few_matches (a search or poll whose bounded count came out exact, or a word past
    that bound that may still have few: _narrowed_rows), every match is read through the
    narrowing's own index and sorted, unless there are :read_at_most or more (then the page
    is empty): left to itself PostgreSQL walks the ordering's index past every ticket until
    20 match, as it cannot tell from its statistics how rare a searched prefix is, and a
    requester's address with one ticket walked all of a million (1.1 s, a 503 under load)
    against well under a millisecond this way
    (docs/decisions/049-few-matches-read-through-their-own-index.md,
    docs/decisions/051-words-just-past-the-count-read-through-the-gin-index.md).
    """
    conditions = list_conditions(shape, narrowed)
    counted = None
    if not narrowed:
        counted = select(rollup_count_statement(shape).scalar_subquery().label("total")).cte("counted")
        # A page past the last reads no index at all (PostgreSQL checks this once, first).
        conditions.append(select(counted.c.total).scalar_subquery() > OFFSET)
    if few_matches:
        matches = (
            select(tickets.c.id, sort_key(ordering).label("sort_key"))
            .where(*conditions)
            .cte("matches")
            .prefix_with("MATERIALIZED")
        )
        # No page when there are :read_at_most or more, checked once and first: PostgreSQL
        # reads a CTE as far as it is asked to, and plans it to be read whole (a LIMIT in it
        # would make a scan of the table look cheaper than the index).
        read = select(literal_column("1")).select_from(matches).limit(bindparam("read_at_most")).subquery()
        few = select(func.count()).select_from(read).scalar_subquery() < bindparam("read_at_most")
        ids = select(matches.c.id).where(few).order_by(*ordered(ordering, matches.c.sort_key, matches.c.id))
    else:
        ids = select(tickets.c.id).where(*conditions).order_by(*order_by(ordering))
    # The page's ids as an array: a plan made once for any page size and offset (a prepared
    # page's) still reads their tickets by id, where a join to them looked to it like a
    # tenth of the table, read whole.
    page = func.array(ids.limit(PAGE_SIZE).offset(OFFSET).scalar_subquery())
    listed = select(LISTED_TICKET).where(tickets.c.id == any_(page)).order_by(*order_by(ordering))
    if counted is None:
        return listed
    return listed.add_columns(select(counted.c.total).scalar_subquery().label("total"))
