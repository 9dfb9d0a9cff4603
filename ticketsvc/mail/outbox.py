"""Mail queued in the transaction of the change that causes it (the contract's "Who is
mailed what"): no mail for a change that rolled back, no change whose mail is lost.

Each function here gives an INSERT … SELECT of outgoing_mail rows from the rows a change
wrote, to run as a CTE of the change's own statement (no extra round trip) or inside its
transaction. Only the facts are queued: who, about what, under which Message-ID. Whether a
mail really goes (mail switched off, an automatic address, the hourly cap) and its words
are decided when it is sent (mail/delivery.py).
"""

from flask import current_app
from sqlalchemy import Insert, Integer, String, bindparam, func, insert, literal, select
from sqlalchemy.dialects.postgresql import JSONB

from ticketsvc.enums import Status
from ticketsvc.mail.compose import new_message_id
from ticketsvc.mail.kinds import MailKind
from ticketsvc.models import OutgoingMail, Ticket, User

outgoing_mail = OutgoingMail.__table__
tickets = Ticket.__table__
users = User.__table__

# The bind parameter carrying the Message-ID of each kind of mail a statement may queue.
MESSAGE_IDS = {kind: f"message_id_{kind.value}" for kind in MailKind}


def message_ids(*kinds: MailKind) -> dict[str, str]:
    """New Message-IDs for the kinds a statement may queue, as its bind parameters."""
    mail_from = current_app.config["MAIL_FROM"]
    return {MESSAGE_IDS[kind]: new_message_id(mail_from) for kind in kinds}


def new_message_ids(count: int) -> list[str]:
    """count new Message-IDs, for a statement that queues a mail of one kind per ticket."""
    mail_from = current_app.config["MAIL_FROM"]
    return [new_message_id(mail_from) for _ in range(count)]


def _queue(kind: MailKind, columns: dict, source, *conditions, message_id=None) -> Insert:
    """The INSERT of a mail for each row of source that meets the conditions, under the
    Message-ID bound for its kind (or message_id, a column giving each row its own)."""
    message_id = bindparam(MESSAGE_IDS[kind]) if message_id is None else message_id
    columns = {"kind": literal(kind.value), **columns, "message_id": message_id}
    rows = select(*columns.values()).select_from(source).where(*conditions)
    return insert(outgoing_mail).from_select(list(columns), rows)


def acknowledgement(created) -> Insert:
    """To the customer of each ticket created (a CTE of the INSERT), when they gave an address."""
    return _queue(
        MailKind.ACKNOWLEDGEMENT,
        {"ticket_id": created.c.id, "to_address": created.c.requester_email},
        created,
        created.c.requester_email.is_not(None),
    )


def agent_reply(comment, ticket_id_column) -> Insert:
    """To the customer of the ticket an agent's public comment (a CTE) answers."""
    joined = comment.join(tickets, tickets.c.id == ticket_id_column)
    return _queue(
        MailKind.AGENT_REPLY,
        {"ticket_id": tickets.c.id, "comment_id": comment.c.id, "to_address": tickets.c.requester_email},
        joined,
        tickets.c.requester_email.is_not(None),
        comment.c.internal.is_(False),
    )


def resolution(updated, message_ids=None) -> Insert:
    """To the customer of a ticket a change (a CTE holding old_status) resolved. A change
    of many tickets gives message_ids, a table of (ticket_id, message_id): each mail its own."""
    source, message_id = updated, None
    if message_ids is not None:
        source = updated.join(message_ids, message_ids.c.ticket_id == updated.c.id)
        message_id = message_ids.c.message_id
    return _queue(
        MailKind.RESOLVED,
        {"ticket_id": updated.c.id, "to_address": updated.c.requester_email},
        source,
        updated.c.status == Status.RESOLVED.value,
        updated.c.old_status != Status.RESOLVED.value,
        updated.c.requester_email.is_not(None),
        message_id=message_id,
    )


def assignment(updated) -> Insert:
    """To the agent a change (a CTE holding old_assignee_id) gave the ticket to, unless
    they gave it to themselves (:assigner_id, named :assigner_name in the mail)."""
    joined = updated.join(users, users.c.id == updated.c.assignee_id)
    return _queue(
        MailKind.ASSIGNED,
        {
            "ticket_id": updated.c.id,
            "user_id": users.c.id,
            "to_address": users.c.email,
            "details": func.jsonb_build_object("assigned_by", bindparam("assigner_name", type_=String)),
        },
        joined,
        updated.c.assignee_id.is_distinct_from(updated.c.old_assignee_id),
        updated.c.assignee_id != bindparam("assigner_id"),
    )


def bulk_summary() -> Insert:
    """To :assignee_id, the one mail about the tickets a bulk change gave them (:tickets,
    the first of them as [id, title], :ticket_count in all), unless they gave them to
    themselves (:assigner_id, named :assigner_name in the mail)."""
    return _queue(
        MailKind.BULK_SUMMARY,
        {
            "user_id": users.c.id,
            "to_address": users.c.email,
            "details": func.jsonb_build_object(
                "assigned_by",
                bindparam("assigner_name", type_=String),
                "tickets",
                bindparam("tickets", type_=JSONB),
                "count",
                bindparam("ticket_count", type_=Integer),
            ),
        },
        users,
        users.c.id == bindparam("assignee_id"),
        users.c.id != bindparam("assigner_id"),
    )


def customer_reply() -> Insert:
    """To the assignee of :ticket_id, about the customer's comment :comment_id."""
    joined = tickets.join(users, users.c.id == tickets.c.assignee_id)
    return _queue(
        MailKind.CUSTOMER_REPLIED,
        {
            "ticket_id": tickets.c.id,
            "comment_id": bindparam("comment_id"),
            "user_id": users.c.id,
            "to_address": users.c.email,
        },
        joined,
        tickets.c.id == bindparam("ticket_id"),
    )


def password_reset(created) -> Insert:
    """To the user of each password reset created (a CTE of the INSERT); the link's token
    is derived when the mail is written (drafting.py), so the row names the reset only."""
    joined = created.join(users, users.c.id == created.c.user_id)
    return _queue(
        MailKind.PASSWORD_RESET,
        {
            "user_id": users.c.id,
            "to_address": users.c.email,
            "details": func.jsonb_build_object("reset_id", created.c.id),
        },
        joined,
    )
