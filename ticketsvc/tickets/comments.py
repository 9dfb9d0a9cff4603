"""A ticket's conversation: public replies, and internal notes only agents see.

A comment never changes the ticket (its updated_at and ETag stay), except that a
customer's reply to a resolved ticket reopens it. A closed ticket takes no comments.
"""

from functools import cache

from sqlalchemy import and_, bindparam, func, insert, over, select, update

from ticketsvc.api.fields import utc_iso
from ticketsvc.api.pagination import page_offset
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.enums import ActorKind, Status
from ticketsvc.extensions import db
from ticketsvc.models import Ticket, TicketComment
from ticketsvc.tickets.service import NEXT_UPDATED_AT, TicketNotFound, ticket_exists

comments = TicketComment.__table__
tickets = Ticket.__table__


class TicketClosed(Exception):
    pass


def comments_page(ticket_id: int, with_internal: bool, page: int, page_size: int) -> tuple[int, list]:
    """(how many comments the reader may see, the page of them, oldest first)."""
    rows = db.session.execute(
        _page_statement(with_internal),
        {"ticket_id": ticket_id, "limit": page_size, "offset": page_offset(page, page_size)},
    ).all()
    if not rows and not ticket_exists(ticket_id):
        raise TicketNotFound(ticket_id)
    return (rows[0].total if rows else 0), rows


def add_comment(ticket_id: int, body: str, internal: bool, author: Actor):
    """Add a comment by author; a customer's reply to a resolved ticket reopens it,
    recorded after the comment, in one transaction."""
    values = {
        "ticket_id": ticket_id,
        "author_kind": author.kind.value,
        "author_id": author.id,
        "author_name": None if author.kind == ActorKind.CUSTOMER else author.name,
        "body": body,
        "internal": internal,
    }
    if author.kind != ActorKind.CUSTOMER:
        row = db.session.execute(_insert_statement(), values, execution_options=author.writes()).first()
    else:
        with transaction(author) as connection:
            row = connection.execute(_insert_statement(), values).first()
            if row is not None:
                connection.execute(_reopen_statement(), {"ticket_id": ticket_id})
    db.session.commit()
    if row is not None:
        return row
    if ticket_exists(ticket_id):
        raise TicketClosed(ticket_id)
    raise TicketNotFound(ticket_id)


def comment_json(row) -> dict:
    if row.author_kind == ActorKind.AGENT:
        author = {"kind": row.author_kind, "id": row.author_id, "name": row.author_name}
    elif row.author_kind == ActorKind.CUSTOMER:
        author = {"kind": row.author_kind, "name": row.requester_name}
    else:
        author = {"kind": row.author_kind, "name": row.author_name}
    return {
        "id": row.id,
        "author": author,
        "body": row.body,
        "internal": row.internal,
        "created_at": utc_iso(row.created_at),
    }


COLUMNS = ("id", "author_kind", "author_id", "author_name", "body", "internal", "created_at")


def _columns(source) -> list:
    return [source.c[name] for name in COLUMNS]


@cache
def _insert_statement():
    """Insert the comment unless the ticket is closed (or missing); answer it with the
    names comment_json needs."""
    written = ("author_kind", "author_id", "author_name", "body", "internal")
    open_ticket = select(tickets.c.id, *(bindparam(name) for name in written)).where(
        tickets.c.id == bindparam("ticket_id"), tickets.c.status != Status.CLOSED.value
    )
    inserted = (
        insert(comments)
        .from_select(["ticket_id", *written], open_ticket)
        .returning(*_columns(comments), comments.c.ticket_id)
        .cte("inserted")
    )
    return (
        select(*_columns(inserted), tickets.c.requester_name)
        .select_from(inserted)
        .join(tickets, tickets.c.id == inserted.c.ticket_id)
    )


@cache
def _reopen_statement():
    return (
        update(tickets)
        .where(tickets.c.id == bindparam("ticket_id"), tickets.c.status == Status.RESOLVED.value)
        .values(status=Status.OPEN.value, updated_at=NEXT_UPDATED_AT)
    )


@cache
def _page_statement(with_internal: bool):
    visible = comments.c.ticket_id == bindparam("ticket_id")
    if not with_internal:
        visible = and_(visible, comments.c.internal.is_(False))
    return (
        select(
            *_columns(comments),
            tickets.c.requester_name,
            over(func.count()).label("total"),
        )
        .select_from(comments)
        .join(tickets, tickets.c.id == comments.c.ticket_id)
        .where(visible)
        .order_by(comments.c.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
