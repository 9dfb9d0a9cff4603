"""What an admin sees of the mail: the queue, what failed and went out in the last day,
and when mail last came in."""

from datetime import timedelta

from sqlalchemy import func, select

from ticketsvc.enums import MailState
from ticketsvc.extensions import db
from ticketsvc.models import IncomingMail, MailFetchState, OutgoingMail

outgoing_mail = OutgoingMail.__table__
incoming_mail = IncomingMail.__table__
fetch_state = MailFetchState.__table__

DAY = timedelta(hours=24)


def mail_status() -> dict:
    """One statement; each count walks a partial index of its own (migration 0007)."""
    since = func.now() - DAY
    count = func.count()
    row = db.session.execute(
        select(
            select(count)
            .where(outgoing_mail.c.state == MailState.QUEUED.value)
            .scalar_subquery()
            .label("queued"),
            select(count)
            .where(outgoing_mail.c.state == MailState.FAILED.value, outgoing_mail.c.updated_at > since)
            .scalar_subquery()
            .label("failed_24h"),
            select(count)
            .where(outgoing_mail.c.state == MailState.SENT.value, outgoing_mail.c.sent_at > since)
            .scalar_subquery()
            .label("sent_24h"),
            select(func.max(incoming_mail.c.received_at)).scalar_subquery().label("last_received_at"),
            fetch_state.c.last_fetch_at,
            fetch_state.c.last_error.label("last_fetch_error"),
        )
    ).one()
    return dict(row._mapping)
