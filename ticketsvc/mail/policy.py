"""Who is never mailed (the contract's "Never mailed"), decided when a mail is about to go.

A change queues a mail to whoever the rules name; whether it really goes is decided here,
with what is true when it is sent: an agent who switched mail off since, or who was
deactivated, gets nothing; a password reset goes although mail is switched off (it was
asked for, and is no notification), but not once its link can no longer be used; an
automatic mail never goes to an address that answers automatically, nor to ticketsvc
itself; and a customer's address gets at most AUTOMATIC_PER_HOUR automatic mails an hour,
which breaks loops with auto-responders.
"""

from ticketsvc.mail.kinds import MailKind

AUTOMATIC_PER_HOUR = 5
# Local parts of addresses that answer automatically, or that nobody reads.
MACHINE_LOCAL_PARTS = frozenset(
    {"mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply", "do-not-reply"}
)
AUTOMATIC_KINDS = tuple(kind for kind in MailKind if kind.auto_submitted)
CUSTOMER_KINDS = (MailKind.ACKNOWLEDGEMENT, MailKind.AGENT_REPLY, MailKind.RESOLVED)


def reason_to_skip(mail, own_address: str) -> str | None:
    """Why mail (a claimed row, see delivery.py) must not go, or None.

    own_address is MAIL_FROM's address: mail to it would come back in as a new ticket.
    """
    kind = MailKind(mail.kind)
    if mail.user_id is not None:
        if not mail.user_active:
            return "the account is deactivated"
        if kind == MailKind.PASSWORD_RESET:
            if not mail.reset_live:
                return "the link is no longer valid"
        elif not mail.user_wants_mail:
            return "they switched mail off"
    if not kind.auto_submitted:
        return None
    if _answers_automatically(mail.to_address) or mail.to_address.lower() == own_address.lower():
        return "an automatic mail to an address that answers automatically"
    if kind in CUSTOMER_KINDS and mail.automatic_mails_before >= AUTOMATIC_PER_HOUR:
        return f"more than {AUTOMATIC_PER_HOUR} automatic mails to this address within an hour"
    return None


def _answers_automatically(address: str) -> bool:
    local_part = address.rpartition("@")[0].lower()
    return local_part in MACHINE_LOCAL_PARTS
