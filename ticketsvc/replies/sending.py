"""A comment made from a canned reply: filled in for its ticket, and its use counted, in the
comment's own transaction, so that a comment refused (a closed ticket) counts nothing."""

from sqlalchemy import select

from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.extensions import db
from ticketsvc.models import COMMENT_MAX_LENGTH, Ticket
from ticketsvc.replies import placeholders, service
from ticketsvc.tickets import comments
from ticketsvc.tickets.service import TicketNotFound

tickets = Ticket.__table__


class FilledReplyTooLong(Exception):
    """Filled in for this ticket, the reply is longer than a comment may be."""


def comment_from_reply(ticket_id: int, reply_id: int, internal: bool, author: Actor):
    """Add author's comment on the ticket (as comments.add_comment does, with its mail),
    its body the reply filled in; raises TicketNotFound, ReplyNotFound (a reply the author
    cannot see), FilledReplyTooLong or TicketClosed, and then counts nothing."""
    # Only agents send canned replies (tickets/routes.py refuses anyone else): Actor.agent's.
    assert author.id is not None and author.name is not None
    with transaction(author):
        ticket = db.session.execute(
            select(tickets.c.id, tickets.c.title, tickets.c.requester_name).where(tickets.c.id == ticket_id)
        ).first()
        if ticket is None:
            raise TicketNotFound(ticket_id)
        body = placeholders.fill(service.use_reply(reply_id, author.id), ticket, author.name)
        if len(body) > COMMENT_MAX_LENGTH:
            raise FilledReplyTooLong(reply_id)
        return comments.add_comment(ticket_id, body, internal, author)
