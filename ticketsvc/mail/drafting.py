"""A queued mail, written out when it is sent: its words from the rows it names, its
place in the thread, and the secrets (follow key, reset token) derived only now."""

from flask import current_app

from ticketsvc.accounts.password_resets import reset_token
from ticketsvc.mail import messages
from ticketsvc.mail.compose import OutgoingMail
from ticketsvc.mail.kinds import MailKind
from ticketsvc.tickets.follow_keys import follow_key


def draft(mail) -> OutgoingMail:
    """The mail a claimed row (delivery.py's CLAIMED_CONTEXT) stands for."""
    kind = MailKind(mail.kind)
    words = _WORDS[kind](mail, current_app.config["PUBLIC_URL"])
    thread = list(mail.thread or ())
    return OutgoingMail(
        kind=kind,
        to_address=mail.to_address,
        to_name=mail.user_name if mail.user_id is not None else mail.requester_name,
        subject=words.subject,
        text=words.text,
        message_id=mail.message_id,
        in_reply_to=thread[-1] if thread else None,
        references=thread,
        auto_submitted=kind.auto_submitted,
    )


def _to_the_customer(words):
    """The words of a mail to the customer about their ticket (acknowledgement, resolved)."""

    def write(mail, public_url: str) -> messages.MailWords:
        return words(
            ticket_id=mail.ticket_id,
            title=mail.ticket_title,
            customer_name=mail.requester_name,
            public_url=public_url,
            access_key=follow_key(mail.follow_salt),
        )

    return write


def _agent_reply(mail, public_url: str) -> messages.MailWords:
    return messages.agent_reply(
        ticket_id=mail.ticket_id,
        title=mail.ticket_title,
        body=mail.comment_body,
        agent_name=mail.comment_author_name,
        public_url=public_url,
        access_key=follow_key(mail.follow_salt),
    )


def _assigned(mail, public_url: str) -> messages.MailWords:
    return messages.assigned(
        ticket_id=mail.ticket_id,
        title=mail.ticket_title,
        priority=mail.ticket_priority,
        agent_name=mail.user_name,
        assigned_by=mail.details.get("assigned_by", ""),
        public_url=public_url,
    )


def _customer_replied(mail, public_url: str) -> messages.MailWords:
    return messages.customer_replied(
        ticket_id=mail.ticket_id,
        title=mail.ticket_title,
        customer_name=mail.requester_name,
        body=mail.comment_body,
        public_url=public_url,
    )


def _bulk_summary(mail, public_url: str) -> messages.MailWords:
    tickets = [messages.TicketLine(ticket_id, title) for ticket_id, title in mail.details["tickets"]]
    return messages.bulk_summary(
        agent_name=mail.user_name,
        assigned_by=mail.details.get("assigned_by", ""),
        tickets=tickets,
        public_url=public_url,
        count=mail.details["count"],
    )


def _password_reset(mail, public_url: str) -> messages.MailWords:
    token = reset_token(mail.reset_salt)
    return messages.password_reset(user_name=mail.user_name, public_url=public_url, token=token)


_WORDS = {
    MailKind.ACKNOWLEDGEMENT: _to_the_customer(messages.acknowledgement),
    MailKind.AGENT_REPLY: _agent_reply,
    MailKind.RESOLVED: _to_the_customer(messages.resolved),
    MailKind.ASSIGNED: _assigned,
    MailKind.CUSTOMER_REPLIED: _customer_replied,
    MailKind.BULK_SUMMARY: _bulk_summary,
    MailKind.PASSWORD_RESET: _password_reset,
}
