"""A ticket's conversation: public replies, and internal notes only agents see.

A comment never changes the ticket (its updated_at and ETag stay), except that a
customer's reply to a resolved ticket reopens it. A closed ticket takes no comments. An
agent's public reply is mailed to the customer, and a customer's reply to the assignee,
queued with the comment (mail/outbox.py).
"""

from collections.abc import Sequence
from functools import cache

from sqlalchemy import Row, and_, bindparam, func, insert, null, over, select, update

from ticketsvc.api.fields import utc_iso
from ticketsvc.api.pagination import page_offset
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import done, transaction
from ticketsvc.enums import ActorKind, Channel, Status
from ticketsvc.extensions import db
from ticketsvc.mail import outbox
from ticketsvc.mail.kinds import MailKind
from ticketsvc.mail.settings import mail_is_on
from ticketsvc.models import OutgoingMail, Ticket, TicketComment
from ticketsvc.tickets.service import NEXT_UPDATED_AT, TicketNotFound, ticket_exists

comments = TicketComment.__table__
tickets = Ticket.__table__
outgoing_mail = OutgoingMail.__table__

COLUMNS = ("id", "author_kind", "author_id", "author_name", "body", "internal", "channel", "created_at")
# An agent's reply's delivery, as the comment shows it (mail_state NULL: not mailed).
MAIL_COLUMNS = ("state", "to_address", "last_error", "updated_at")


class TicketClosed(Exception):
    pass


def comments_page(ticket_id: int, for_staff: bool, page: int, page_size: int) -> tuple[int, Sequence[Row]]:
    """(how many comments the reader may see, the page of them, oldest first)."""
    rows = db.session.execute(
        _page_statement(for_staff),
        {"ticket_id": ticket_id, "limit": page_size, "offset": page_offset(page, page_size)},
    ).all()
    if not rows and not ticket_exists(ticket_id):
        raise TicketNotFound(ticket_id)
    return (rows[0].total if rows else 0), rows


def add_comment(ticket_id: int, body: str, internal: bool, author: Actor, channel: Channel = Channel.WEB):
    """Add a comment by author, with the mail it causes; a customer's reply to a resolved
    ticket reopens it, recorded after the comment, in one transaction."""
    values = {
        "ticket_id": ticket_id,
        "author_kind": author.kind.value,
        "author_id": author.id,
        "author_name": None if author.kind == ActorKind.CUSTOMER else author.name,
        "body": body,
        "internal": internal,
        "channel": channel.value,
    }
    if author.kind == ActorKind.CUSTOMER:
        row = _add_customers_comment(values, author)
    else:
        row = _add_staff_comment(values, author)
    done()
    if row is not None:
        return row
    if ticket_exists(ticket_id):
        raise TicketClosed(ticket_id)
    raise TicketNotFound(ticket_id)


def _add_staff_comment(values: dict, author: Actor):
    """One statement: the comment, and a public reply's mail to the customer."""
    mailing = mail_is_on()
    if mailing:
        values = {**values, **outbox.message_ids(MailKind.AGENT_REPLY)}
    return db.session.execute(_insert_statement(mailing), values, execution_options=author.writes()).first()


def _add_customers_comment(values: dict, author: Actor):
    """One transaction: the comment, the reopening of a resolved ticket, the assignee's mail."""
    with transaction(author) as connection:
        row = connection.execute(_insert_statement(False), values).first()
        if row is None:
            return None
        connection.execute(_reopen_statement(), {"ticket_id": row.ticket_id})
        if mail_is_on():
            mail = {"ticket_id": row.ticket_id, "comment_id": row.id}
            connection.execute(
                outbox.customer_reply(), {**mail, **outbox.message_ids(MailKind.CUSTOMER_REPLIED)}
            )
    return row


def comment_json(row, for_staff: bool) -> dict:
    """A comment as the API shows it; agents also see how it came and its mail's delivery."""
    if row.author_kind == ActorKind.AGENT:
        author = {"kind": row.author_kind, "id": row.author_id, "name": row.author_name}
    elif row.author_kind == ActorKind.CUSTOMER:
        author = {"kind": row.author_kind, "name": row.requester_name}
    else:
        author = {"kind": row.author_kind, "name": row.author_name}
    shown = {
        "id": row.id,
        "author": author,
        "body": row.body,
        "internal": row.internal,
        "created_at": utc_iso(row.created_at),
    }
    if not for_staff:
        return shown
    return {**shown, "channel": row.channel, "mail": _mail_json(row)}


def _mail_json(row) -> dict | None:
    if row.mail_state is None:
        return None
    return {
        "status": row.mail_state,
        "to": [row.mail_to_address],
        "error": row.mail_last_error,
        "updated_at": utc_iso(row.mail_updated_at),
    }


def _columns(source) -> list:
    return [source.c[name] for name in COLUMNS]


def _mail_columns(source) -> list:
    if source is None:
        return [null().label(f"mail_{name}") for name in MAIL_COLUMNS]
    return [source.c[name].label(f"mail_{name}") for name in MAIL_COLUMNS]


@cache
def _insert_statement(mailing: bool):
    """Insert the comment unless the ticket is closed (or missing); answer it with the
    names comment_json needs. Mailing, a public reply is queued for the customer in the
    same statement."""
    written = ("author_kind", "author_id", "author_name", "body", "internal", "channel")
    open_ticket = select(tickets.c.id, *(bindparam(name) for name in written)).where(
        tickets.c.id == bindparam("ticket_id"), tickets.c.status != Status.CLOSED.value
    )
    inserted = (
        insert(comments)
        .from_select(["ticket_id", *written], open_ticket)
        .returning(*_columns(comments), comments.c.ticket_id)
        .cte("inserted")
    )
    answer = inserted.join(tickets, tickets.c.id == inserted.c.ticket_id)
    queued = None
    if mailing:
        queued = (
            outbox.agent_reply(inserted, inserted.c.ticket_id)
            .returning(outgoing_mail.c.comment_id, *(outgoing_mail.c[name] for name in MAIL_COLUMNS))
            .cte("queued")
        )
        answer = answer.outerjoin(queued, queued.c.comment_id == inserted.c.id)
    answered = (*_columns(inserted), inserted.c.ticket_id, tickets.c.requester_name, *_mail_columns(queued))
    return select(*answered).select_from(answer)


@cache
def _reopen_statement():
    return (
        update(tickets)
        .where(tickets.c.id == bindparam("ticket_id"), tickets.c.status == Status.RESOLVED.value)
        .values(status=Status.OPEN.value, updated_at=NEXT_UPDATED_AT)
    )


@cache
def _page_statement(for_staff: bool):
    visible = comments.c.ticket_id == bindparam("ticket_id")
    if not for_staff:
        visible = and_(visible, comments.c.internal.is_(False))
    replies_mailed = outgoing_mail.alias("reply_mail")
    mailed = and_(
        replies_mailed.c.comment_id == comments.c.id, replies_mailed.c.kind == MailKind.AGENT_REPLY.value
    )
    return (
        select(
            *_columns(comments),
            tickets.c.requester_name,
            *_mail_columns(replies_mailed),
            over(func.count()).label("total"),
        )
        .select_from(comments)
        .join(tickets, tickets.c.id == comments.c.ticket_id)
        .outerjoin(replies_mailed, mailed)
        .where(visible)
        .order_by(comments.c.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
