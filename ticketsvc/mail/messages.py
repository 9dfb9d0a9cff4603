"""The words of each kind of mail: its subject and its plain text, from plain values.

Every mail one can answer opens with the reply marker, so that what a mail client quotes
below it is cut from the reply (reply_marker.py). Titles and names arrive as people
typed them; those placed inside a sentence or a list are kept to one line.
"""

from collections.abc import Sequence
from typing import NamedTuple

from ticketsvc.mail import links
from ticketsvc.mail.reply_marker import REPLY_MARKER
from ticketsvc.mail.single_line import single_line

# A bulk change can assign a thousand tickets; the mail names this many and counts the rest.
BULK_SUMMARY_LISTED = 50
SIGNATURE = "The support team"
# Agents' replies to their mail become internal notes (the contract's incoming mail, step 4).
NOTE_NOT_SEEN_BY_CUSTOMER = (
    "A reply to this email is added to the ticket as an internal note:\nthe customer does not see it."
)


class MailWords(NamedTuple):
    subject: str
    text: str


class TicketLine(NamedTuple):
    """A ticket as a bulk summary lists it."""

    id: int
    title: str


def ticket_subject(ticket_id: int, title: str, *, reply: bool = False) -> str:
    """[#<id>] <title>, with Re: in front when the mail answers the conversation."""
    subject = f"[#{ticket_id}] {single_line(title)}"
    return f"Re: {subject}" if reply else subject


def _answerable(*paragraphs: str) -> str:
    return _text(REPLY_MARKER, *paragraphs)


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _name_or(name: str | None, unknown: str) -> str:
    return single_line(name or "").strip() or unknown


def _greeting(name: str | None) -> str:
    return f"Hello {_name_or(name, 'there')},"


def _quoted(title: str) -> str:
    return f'"{single_line(title)}"'


def acknowledgement(
    *, ticket_id: int, title: str, customer_name: str | None, public_url: str, access_key: str
) -> MailWords:
    """To the customer, when their ticket is created: its number, its title, the follow link."""
    return MailWords(
        ticket_subject(ticket_id, title),
        _answerable(
            _greeting(customer_name),
            f"Thank you for writing to us. Your request is ticket #{ticket_id}, {_quoted(title)}.",
            "Someone from our team will answer you by email. If you have anything to add,\n"
            "just reply to this email.",
            "You can also follow your ticket here:\n" + links.follow_url(public_url, ticket_id, access_key),
            SIGNATURE,
        ),
    )


def agent_reply(
    *, ticket_id: int, title: str, body: str, agent_name: str, public_url: str, access_key: str
) -> MailWords:
    """To the customer: the agent's words, signed with the agent's name, then the follow link."""
    return MailWords(
        ticket_subject(ticket_id, title, reply=True),
        _answerable(
            body.strip(),
            _name_or(agent_name, SIGNATURE),
            f"Ticket #{ticket_id}: reply to this email to answer, or follow the ticket here:\n"
            + links.follow_url(public_url, ticket_id, access_key),
        ),
    )


def resolved(
    *, ticket_id: int, title: str, customer_name: str | None, public_url: str, access_key: str
) -> MailWords:
    """To the customer: the ticket is resolved, and replying reopens it."""
    return MailWords(
        ticket_subject(ticket_id, title),
        _answerable(
            _greeting(customer_name),
            f"We have marked your ticket #{ticket_id}, {_quoted(title)}, as resolved.",
            "If anything is still not right, reply to this email (or open the link\n"
            "below) and the ticket will be reopened:\n" + links.follow_url(public_url, ticket_id, access_key),
            SIGNATURE,
        ),
    )


def assigned(
    *, ticket_id: int, title: str, priority: str, agent_name: str, assigned_by: str, public_url: str
) -> MailWords:
    """To an agent: someone else assigned them a ticket."""
    return MailWords(
        ticket_subject(ticket_id, title),
        _answerable(
            _greeting(agent_name),
            f"{_name_or(assigned_by, 'A colleague')} assigned ticket #{ticket_id} to you.",
            f"Title: {single_line(title)}\nPriority: {priority}",
            "Open the ticket:\n" + links.ticket_url(public_url, ticket_id),
            NOTE_NOT_SEEN_BY_CUSTOMER,
        ),
    )


def customer_replied(
    *, ticket_id: int, title: str, customer_name: str | None, body: str, public_url: str
) -> MailWords:
    """To the assignee: the customer's new words on their ticket."""
    return MailWords(
        ticket_subject(ticket_id, title, reply=True),
        _answerable(
            f"{_name_or(customer_name, 'The customer')} replied on ticket #{ticket_id}, {_quoted(title)}:",
            body.strip(),
            "To answer the customer, open the ticket:\n" + links.ticket_url(public_url, ticket_id),
            NOTE_NOT_SEEN_BY_CUSTOMER,
        ),
    )


def bulk_summary(
    *,
    agent_name: str,
    assigned_by: str,
    tickets: Sequence[TicketLine],
    public_url: str,
    count: int | None = None,
) -> MailWords:
    """To an agent: the tickets one bulk change assigned them, in one mail. count is how
    many it assigned, when tickets holds only the first of them (a job over a filter keeps
    no more than the mail lists)."""
    assigned = len(tickets) if count is None else count
    listed = tickets[:BULK_SUMMARY_LISTED]
    number_width = max(len(str(ticket.id)) for ticket in listed)
    lines = [f"#{ticket.id:<{number_width}}  {single_line(ticket.title)}" for ticket in listed]
    if assigned > len(listed):
        lines.append(f"and {assigned - len(listed)} more.")
    how_many = f"{assigned} ticket{'' if assigned == 1 else 's'}"
    return MailWords(
        f"{_name_or(assigned_by, 'A colleague')} assigned {how_many} to you",
        _answerable(
            _greeting(agent_name),
            f"{_name_or(assigned_by, 'A colleague')} assigned {how_many} to you:",
            "\n".join(lines),
            "Your open tickets:\n" + links.queue_url(public_url),
        ),
    )


def password_reset(*, user_name: str | None, public_url: str, token: str) -> MailWords:
    """To a user who asked to choose a new password (nothing to answer: no reply marker)."""
    return MailWords(
        "Reset your password",
        _text(
            _greeting(user_name),
            "Someone asked to reset the password of your account. To choose a new\n"
            "password, open this link within the next hour:\n" + links.reset_url(public_url, token),
            "If it was not you, ignore this email: your password stays as it is.",
            SIGNATURE,
        ),
    )
