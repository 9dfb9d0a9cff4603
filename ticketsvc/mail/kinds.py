"""The kinds of mail ticketsvc sends, and which of them a machine writes on its own."""

from enum import StrEnum


class AutoSubmitted(StrEnum):
    """RFC 3834's values: a mail answering one (auto-replied) or caused by an event (auto-generated)."""

    AUTO_REPLIED = "auto-replied"
    AUTO_GENERATED = "auto-generated"


class MailKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    AGENT_REPLY = "agent_reply"
    RESOLVED = "resolved"
    ASSIGNED = "assigned"
    CUSTOMER_REPLIED = "customer_replied"
    BULK_SUMMARY = "bulk_summary"
    PASSWORD_RESET = "password_reset"

    @property
    def auto_submitted(self) -> AutoSubmitted | None:
        """The contract's Auto-Submitted value for this kind; None when a person wrote the mail."""
        return _AUTO_SUBMITTED[self]


_AUTO_SUBMITTED = {
    MailKind.ACKNOWLEDGEMENT: AutoSubmitted.AUTO_REPLIED,
    MailKind.AGENT_REPLY: None,
    MailKind.RESOLVED: AutoSubmitted.AUTO_GENERATED,
    MailKind.ASSIGNED: AutoSubmitted.AUTO_GENERATED,
    MailKind.CUSTOMER_REPLIED: AutoSubmitted.AUTO_GENERATED,
    MailKind.BULK_SUMMARY: AutoSubmitted.AUTO_GENERATED,
    MailKind.PASSWORD_RESET: AutoSubmitted.AUTO_GENERATED,
}
