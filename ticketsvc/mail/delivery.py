"""The worker's mail job: claim what is due, send it, record what happened.

Claim, send, record are three steps, and only the first and the last touch the database,
each in a statement of its own: no row lock is held while the SMTP server is talked to,
so a bounce or a PATCH of the same ticket never waits on a slow server. A claim pushes the
mail's next attempt LEASE into the future: a worker killed mid-send leaves it to be sent
again after that, under the same Message-ID, by whichever worker comes next. Several
workers claim with SKIP LOCKED and never claim the same mail at once.

A temporary failure (a refused connection, SMTP 4xx) is retried 10 s later, then twice as
long each time up to an hour apart, for 24 hours; a permanent one (SMTP 5xx), or 24 hours
of temporary ones, marks the mail failed with the server's reason.
"""

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import BigInteger, Row, Update, and_, bindparam, case, func, or_, select, union_all, update
from sqlalchemy.dialects.postgresql import aggregate_order_by

from ticketsvc.accounts.password_resets import LIVE_LINK
from ticketsvc.enums import MailOutcome, MailState
from ticketsvc.extensions import db
from ticketsvc.mail import policy
from ticketsvc.mail.compose import compose, parse_mail_from
from ticketsvc.mail.drafting import draft
from ticketsvc.mail.failures import DeliveryFailure, PermanentFailure
from ticketsvc.mail.transport import transport_for
from ticketsvc.models import IncomingMail, OutgoingMail, PasswordReset, Ticket, TicketComment, User

logger = logging.getLogger(__name__)

outgoing_mail = OutgoingMail.__table__
incoming_mail = IncomingMail.__table__
tickets = Ticket.__table__
comments = TicketComment.__table__
users = User.__table__
password_resets = PasswordReset.__table__

BATCH_SIZE = 100
# How long a claim keeps other workers off a mail; a batch stops sending at half of it
# and hands back what it did not get to.
LEASE = timedelta(minutes=10)
FIRST_RETRY = timedelta(seconds=10)
LONGEST_RETRY = timedelta(hours=1)
GIVE_UP_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class Result:
    mail_id: int
    state: MailState | None  # None: not tried, handed back
    error: str | None = None
    permanent: bool = False


def deliver_due() -> int:
    """Send one batch of due mail; how many mails were claimed (0: nothing was due)."""
    claimed = claim(BATCH_SIZE)
    if not claimed:
        return 0
    record(send_all(claimed))
    return len(claimed)


def claim(limit: int) -> Sequence[Row]:
    """The due mails, claimed for LEASE, with what their words need (one statement each)."""
    ids = db.session.execute(_CLAIM, {"limit": limit, "lease": LEASE}).scalars().all()
    if not ids:
        db.session.commit()
        return []
    rows = db.session.execute(_claimed_context(), {"ids": ids}).all()
    db.session.commit()
    return rows


def send_all(claimed: Sequence[Row]) -> list[Result]:
    """Send each claimed mail over one connection, until half the lease has passed."""
    config = current_app.config
    own_address = parse_mail_from(config["MAIL_FROM"]).addr_spec
    deadline = time.monotonic() + LEASE.total_seconds() / 2
    results = []
    with transport_for(config["MAIL_URL"], config["MAIL_TIMEOUT_S"]) as transport:
        for mail in claimed:
            if time.monotonic() > deadline:
                results.append(Result(mail.id, None))
                continue
            results.append(_send_one(transport, mail, own_address, config["MAIL_FROM"]))
    return results


def _send_one(transport, mail, own_address: str, mail_from: str) -> Result:
    skip = policy.reason_to_skip(mail, own_address)
    if skip is not None:
        logger.info("mail %s (%s) not sent: %s", mail.id, mail.kind, skip)
        return Result(mail.id, MailState.SKIPPED, skip)
    try:
        transport.send(compose(draft(mail), mail_from))
    except DeliveryFailure as failure:
        permanent = isinstance(failure, PermanentFailure)
        how = "permanent" if permanent else "temporary"
        logger.warning("mail %s (%s): %s failure: %s", mail.id, mail.kind, how, failure.reason)
        return Result(mail.id, MailState.FAILED if permanent else MailState.QUEUED, failure.reason, permanent)
    return Result(mail.id, MailState.SENT)


def record(results: list[Result]) -> None:
    """What happened to each mail, in one transaction."""
    by_statement: dict[Update, list[dict[str, object]]] = {}
    for result in results:
        statement = _RECORD[result.state]
        by_statement.setdefault(statement, []).append({"mail_id": result.mail_id, "error": result.error})
    for statement, parameters in by_statement.items():
        db.session.execute(statement, parameters)
    db.session.commit()


_DUE = (
    select(outgoing_mail.c.id)
    .where(outgoing_mail.c.state == MailState.QUEUED.value, outgoing_mail.c.next_attempt_at <= func.now())
    .order_by(outgoing_mail.c.next_attempt_at, outgoing_mail.c.id)
    .limit(bindparam("limit"))
    .with_for_update(skip_locked=True)
)
_CLAIM = (
    update(outgoing_mail)
    .where(outgoing_mail.c.id.in_(_DUE.scalar_subquery()))
    .values(attempts=outgoing_mail.c.attempts + 1, next_attempt_at=func.now() + bindparam("lease"))
    .returning(outgoing_mail.c.id)
)
_THIS = outgoing_mail.c.id == bindparam("mail_id")
_NOW = {"updated_at": func.now()}
_RECORD = {
    MailState.SENT: update(outgoing_mail)
    .where(_THIS)
    .values(state=MailState.SENT.value, sent_at=func.now(), last_error=None, **_NOW),
    MailState.SKIPPED: update(outgoing_mail)
    .where(_THIS)
    .values(state=MailState.SKIPPED.value, last_error=bindparam("error"), **_NOW),
    MailState.FAILED: update(outgoing_mail)
    .where(_THIS)
    .values(state=MailState.FAILED.value, last_error=bindparam("error"), **_NOW),
    # Retried with backoff, until it has been queued for GIVE_UP_AFTER.
    MailState.QUEUED: update(outgoing_mail)
    .where(_THIS)
    .values(
        state=case(
            (outgoing_mail.c.created_at < func.now() - GIVE_UP_AFTER, MailState.FAILED.value),
            else_=MailState.QUEUED.value,
        ),
        next_attempt_at=func.now()
        + func.least(FIRST_RETRY * func.power(2, outgoing_mail.c.attempts - 1), LONGEST_RETRY),
        last_error=bindparam("error"),
        **_NOW,
    ),
    # Claimed but not tried: due again at once, as if never claimed.
    None: update(outgoing_mail)
    .where(_THIS)
    .values(attempts=outgoing_mail.c.attempts - 1, next_attempt_at=func.now()),
}


def _claimed_context():
    """The claimed mails (:ids), with what drafting and the policy read: the rows they
    name, whether a reset's link may still be used, how many automatic mails their address
    got in the hour before (for the cap), and the Message-IDs of the thread they continue,
    oldest first."""
    mail = outgoing_mail
    earlier = outgoing_mail.alias("earlier")
    automatic_before = (
        select(func.count())
        .where(
            func.lower(earlier.c.to_address) == func.lower(mail.c.to_address),
            earlier.c.kind.in_([kind.value for kind in policy.AUTOMATIC_KINDS]),
            earlier.c.id < mail.c.id,
            earlier.c.created_at > mail.c.created_at - timedelta(hours=1),
            earlier.c.state != MailState.SKIPPED.value,
        )
        .scalar_subquery()
    )
    # The same recipient's earlier mail about the ticket, and for its customer the mail
    # they sent in themselves (the one that opened it, their replies).
    # Correlated by hand: SQLAlchemy correlates scalar subqueries, not those in a FROM.
    sent_before = (
        select(earlier.c.message_id, earlier.c.created_at.label("at"))
        .correlate(mail)
        .where(
            earlier.c.ticket_id == mail.c.ticket_id,
            earlier.c.user_id.is_not_distinct_from(mail.c.user_id),
            earlier.c.id < mail.c.id,
            earlier.c.state.in_([MailState.QUEUED.value, MailState.SENT.value]),
        )
    )
    received = (
        select(incoming_mail.c.message_id, incoming_mail.c.received_at.label("at"))
        .correlate(mail)
        .where(
            incoming_mail.c.ticket_id == mail.c.ticket_id,
            mail.c.user_id.is_(None),
            incoming_mail.c.message_id.is_not(None),
            or_(
                incoming_mail.c.outcome == MailOutcome.CREATED.value,
                and_(
                    incoming_mail.c.outcome == MailOutcome.REPLIED.value,
                    func.lower(incoming_mail.c.from_address) == func.lower(mail.c.to_address),
                ),
            ),
        )
    )
    messages = union_all(sent_before, received).subquery("thread_messages")
    thread = (
        select(func.array_agg(aggregate_order_by(messages.c.message_id, messages.c.at)))
        .scalar_subquery()
        .label("thread")
    )
    return (
        select(
            mail,
            tickets.c.title.label("ticket_title"),
            tickets.c.priority.label("ticket_priority"),
            tickets.c.requester_name,
            tickets.c.follow_salt,
            comments.c.body.label("comment_body"),
            comments.c.author_name.label("comment_author_name"),
            users.c.name.label("user_name"),
            users.c.active.label("user_active"),
            users.c.notify_by_mail.label("user_wants_mail"),
            password_resets.c.salt.label("reset_salt"),
            and_(*LIVE_LINK).label("reset_live"),
            automatic_before.label("automatic_mails_before"),
            thread,
        )
        .select_from(
            mail.outerjoin(tickets, tickets.c.id == mail.c.ticket_id)
            .outerjoin(comments, comments.c.id == mail.c.comment_id)
            .outerjoin(users, users.c.id == mail.c.user_id)
            .outerjoin(
                password_resets,
                password_resets.c.id == mail.c.details["reset_id"].astext.cast(BigInteger),
            )
        )
        .where(mail.c.id.in_(bindparam("ids", expanding=True)))
        .order_by(mail.c.id)
    )
