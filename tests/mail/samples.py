"""A sample outgoing mail for the tests, and its composed message."""

from email.message import EmailMessage

from ticketsvc.mail import messages
from ticketsvc.mail.compose import OutgoingMail, compose
from ticketsvc.mail.kinds import AutoSubmitted, MailKind

MAIL_FROM = "Support <support@example.com>"
MESSAGE_ID = "<first-of-ticket-42@example.com>"


def outgoing(**fields) -> OutgoingMail:
    """Ana's acknowledgement of ticket 42, with any field replaced."""
    words = messages.acknowledgement(
        ticket_id=42,
        title="Charged twice for November",
        customer_name="Ana",
        public_url="https://help.example.com",
        access_key="k",
    )
    values = {
        "kind": MailKind.ACKNOWLEDGEMENT,
        "to_address": "ana@example.com",
        "to_name": "Ana Lopez",
        "subject": words.subject,
        "text": words.text,
        "message_id": MESSAGE_ID,
        "auto_submitted": AutoSubmitted.AUTO_REPLIED,
        **fields,
    }
    return OutgoingMail(**values)


def composed(**fields) -> EmailMessage:
    """The message of outgoing(**fields), from MAIL_FROM."""
    return compose(outgoing(**fields), MAIL_FROM)
