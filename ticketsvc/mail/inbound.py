"""One incoming mail, filed: the one function behind the three doors (HTTP, an MTA's pipe,
IMAP), in the contract's order: duplicate, bounce, automatic, reply, new ticket.

A reply is recognised only by a Message-ID ticketsvc sent (each carries 256 random bits:
quoting it proves one received it), never by a [#id] subject or the sender's address,
which anyone can write. Everything happens in one transaction: the message kept whole,
the ticket or comment it makes, the mail that causes; so a message is filed whole or, the
database failing, not at all, and the door answers so that the sender tries again.
"""

import hashlib
from dataclasses import dataclass

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.enums import Channel, MailDoor, MailOutcome, MailState
from ticketsvc.extensions import db
from ticketsvc.mail.reading import DeliveryReport, IncomingMail, read_mail
from ticketsvc.models import DESCRIPTION_MAX_LENGTH, OutgoingMail, User
from ticketsvc.models import IncomingMail as IncomingMailRow
from ticketsvc.tickets import comments, service
from ticketsvc.tickets.schemas import TicketCreateSchema

incoming_mail = IncomingMailRow.__table__
outgoing_mail = OutgoingMail.__table__
users = User.__table__

AUTOMATIC_MAIL = Actor.system("automatic mail")
FOLLOW_UP = "Follow-up to #{ticket_id}"
CUT = "[…]"
_NEW_TICKET = TicketCreateSchema()


class MessageTooLarge(ValueError):
    """A message over MAIL_MAX_BYTES: each door refuses it in its own way."""


@dataclass(frozen=True)
class Filed:
    """What a message came to, as the inbound door answers it."""

    outcome: MailOutcome
    ticket_id: int | None = None
    comment_id: int | None = None
    note: str | None = None

    def as_json(self) -> dict:
        return {"outcome": self.outcome.value, "ticket_id": self.ticket_id, "comment_id": self.comment_id}


def receive(raw: bytes, door: MailDoor) -> Filed:
    """File one raw RFC 5322 message that came through door; MessageTooLarge past
    MAIL_MAX_BYTES."""
    if len(raw) > current_app.config["MAIL_MAX_BYTES"]:
        raise MessageTooLarge(len(raw))
    mail = read_mail(raw)
    key = mail.message_id or f"sha256:{hashlib.sha256(raw).hexdigest()}"
    with transaction() as connection:
        kept = connection.execute(_KEEP, _kept_values(mail, key, raw, door)).scalar()
        if kept is None:  # the same Message-ID came before (or is being filed right now)
            first = connection.execute(_FIRST, {"key": key}).scalar()
            return Filed(MailOutcome.DUPLICATE, first)
        filed = _file(mail)
        connection.execute(_RECORD, {"kept_id": kept, **_recorded(filed)})
    return filed


def keep_unfiled(raw: bytes, door: MailDoor, note: str) -> Filed:
    """Keep a message nobody can file (its beginning, up to MAIL_MAX_BYTES) for an admin."""
    kept = raw[: current_app.config["MAIL_MAX_BYTES"]]
    mail = read_mail(kept)
    key = f"sha256:{hashlib.sha256(raw).hexdigest()}"
    filed = Filed(MailOutcome.IGNORED, note=note)
    with transaction() as connection:
        kept_id = connection.execute(_KEEP, _kept_values(mail, key, kept, door)).scalar()
        if kept_id is not None:
            connection.execute(_RECORD, {"kept_id": kept_id, **_recorded(filed)})
    return filed


def _file(mail: IncomingMail) -> Filed:
    sender = mail.from_address
    if sender is None:
        return Filed(MailOutcome.IGNORED, note="no sender")
    if mail.delivery_report is not None:
        return _bounce(mail.delivery_report)
    answered = _mail_it_answers(mail)
    if mail.automatic:
        return _automatic(mail, answered)
    if answered is not None:
        filed = _reply(mail, sender, answered)
        if filed is not None:
            return filed
    return _new_ticket(mail)


def _bounce(report: DeliveryReport) -> Filed:
    """A delivery report about mail ticketsvc sent: that mail failed, in the report's words."""
    bounced = db.session.execute(_SENT_AS, {"message_ids": list(report.original_message_ids)}).first()
    if bounced is None:
        return Filed(MailOutcome.AUTOMATIC, note="a delivery report about no mail ticketsvc sent")
    if report.permanent:
        reason = " ".join(part for part in (report.status, report.diagnostic) if part) or "bounced"
        db.session.execute(_FAILED, {"mail_id": bounced.id, "reason": reason})
    return Filed(MailOutcome.BOUNCE, bounced.ticket_id)


def _automatic(mail: IncomingMail, answered) -> Filed:
    """Out of office and the like: kept as a note on the ticket it answers, nothing else."""
    if answered is None:
        return Filed(MailOutcome.AUTOMATIC)
    note = _note(answered.ticket_id, mail.new_text or mail.text, AUTOMATIC_MAIL)
    return Filed(MailOutcome.AUTOMATIC, answered.ticket_id, note.id if note else None)


def _reply(mail: IncomingMail, sender: str, answered) -> Filed | None:
    """A reply to mail ticketsvc sent: the customer's comment (a closed ticket gets a
    follow-up ticket), or an agent's internal note; None when it is neither."""
    words = mail.new_text or mail.text
    if answered.user_id is None:
        try:
            comment = comments.add_comment(answered.ticket_id, words, False, Actor.customer(), Channel.MAIL)
        except comments.TicketClosed:
            return _new_ticket(mail, follow_up_to=answered.ticket_id)
        return Filed(MailOutcome.REPLIED, answered.ticket_id, comment.id)
    if answered.user_active and answered.user_email.lower() == sender.lower():
        note = _note(answered.ticket_id, words, Actor.agent(answered.user_id, answered.user_name))
        if note is None:
            return Filed(MailOutcome.IGNORED, answered.ticket_id, note="the ticket is closed")
        return Filed(MailOutcome.REPLIED, answered.ticket_id, note.id)
    return None  # mail sent to an agent, answered by someone else: nobody to trust


def _note(ticket_id: int, text: str, author: Actor):
    """An internal note on the ticket; None when it is closed."""
    try:
        return comments.add_comment(ticket_id, text, True, author, Channel.MAIL)
    except comments.TicketClosed:
        return None


def _new_ticket(mail: IncomingMail, follow_up_to: int | None = None) -> Filed:
    """A ticket as an anonymous POST would make it (classified, counted, acknowledged)."""
    description = mail.text
    if follow_up_to is not None:
        description = _cut(f"{FOLLOW_UP.format(ticket_id=follow_up_to)}\n\n{mail.new_text or mail.text}")
    ticket, _ = service.create_ticket(_ticket_fields(mail, description), Actor.customer())
    return Filed(MailOutcome.CREATED, ticket.id)


def _ticket_fields(mail: IncomingMail, description: str) -> dict:
    """The new ticket's fields, validated like the API's; a requester's name or address the
    API would refuse is left out rather than losing the message."""
    fields = {"title": mail.subject, "description": description}
    requester = {"requester_email": mail.requester_address, "requester_name": mail.requester_name}
    for name, value in requester.items():
        if value is None:
            continue
        try:
            fields.update(_NEW_TICKET.load({**fields, name: value}))
        except ValidationError:
            continue
    return _NEW_TICKET.load(fields)


def _cut(text: str) -> str:
    if len(text) <= DESCRIPTION_MAX_LENGTH:
        return text
    return text[: DESCRIPTION_MAX_LENGTH - len(CUT)] + CUT


def _mail_it_answers(mail: IncomingMail):
    """The newest mail ticketsvc sent that this message names (In-Reply-To, References),
    with its recipient; None when it names none."""
    named = list(dict.fromkeys((*mail.in_reply_to, *mail.references)))
    if not named:
        return None
    return db.session.execute(_ANSWERED, {"message_ids": named}).first()


def _kept_values(mail: IncomingMail, key: str, raw: bytes, door: MailDoor) -> dict:
    """The message as incoming_mail keeps it, ignored until it is filed."""
    return {
        "dedupe_key": key,
        "message_id": mail.message_id,
        "door": door.value,
        "from_address": mail.from_address,
        "subject": mail.subject,
        "outcome": MailOutcome.IGNORED.value,
        "raw": raw,
    }


def _recorded(filed: Filed) -> dict:
    return {
        "outcome": filed.outcome.value,
        "ticket_id": filed.ticket_id,
        "comment_id": filed.comment_id,
        "note": filed.note,
    }


KEPT = ("dedupe_key", "message_id", "door", "from_address", "subject", "outcome", "raw")
_KEEP = (
    pg_insert(incoming_mail)
    .values({name: bindparam(name) for name in KEPT})
    .on_conflict_do_nothing(index_elements=["dedupe_key"])
    .returning(incoming_mail.c.id)
)
_FIRST = select(incoming_mail.c.ticket_id).where(incoming_mail.c.dedupe_key == bindparam("key"))
_RECORD = (
    update(incoming_mail)
    .where(incoming_mail.c.id == bindparam("kept_id"))
    .values({name: bindparam(name) for name in ("outcome", "ticket_id", "comment_id", "note")})
)
_NAMED = outgoing_mail.c.message_id.in_(bindparam("message_ids", expanding=True))
_SENT_AS = (
    select(outgoing_mail.c.id, outgoing_mail.c.ticket_id)
    .where(_NAMED)
    .order_by(outgoing_mail.c.id.desc())
    .limit(1)
)
_FAILED = (
    update(outgoing_mail)
    .where(outgoing_mail.c.id == bindparam("mail_id"))
    .values(state=MailState.FAILED.value, last_error=bindparam("reason"), updated_at=func.now())
)
_ANSWERED = (
    select(
        outgoing_mail.c.ticket_id,
        outgoing_mail.c.user_id,
        users.c.email.label("user_email"),
        users.c.name.label("user_name"),
        users.c.active.label("user_active"),
    )
    .select_from(outgoing_mail.outerjoin(users, users.c.id == outgoing_mail.c.user_id))
    .where(_NAMED, outgoing_mail.c.ticket_id.is_not(None))
    .order_by(outgoing_mail.c.id.desc())
    .limit(1)
)
