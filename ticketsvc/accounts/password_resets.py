"""Forgotten passwords: a link by mail, good once and for an hour, that sets a new password.

Asking for one tells nothing about which addresses have accounts: whatever the email, the
request is counted against the limits, then runs the same single statement, which finds
the active user with that address (if any), expires their earlier links, stores the new
link's digest and queues its mail, all at once. An unknown address runs it too and
writes nothing. The answer is the same; only the database knows the difference.

The token is derived from SECRET_KEY and the row's random salt (derived_secrets.py) by the
worker when it writes the mail: the outgoing_mail row names the reset, and the reset row
holds the salt and the token's digest, so neither table, nor both, hold a working token.
A link is found by its digest; one mailed after SECRET_KEY changed in the minutes between
asking and sending derives another token and is refused: ask again.

Using one is one transaction: the user's row is UPDATEd first (their new password hash),
which serializes every use of their links and makes sign-ins racing the reset fail
(sessions.py); then a single conditional UPDATE marks the link used, so of two uses of the
same link exactly one finds it unused and the other rolls back; then every other live link
of theirs expires and every session of theirs ends. API tokens stay: the contract's reset
"revokes nothing else".
"""

import logging
import uuid
from datetime import timedelta

from sqlalchemy import LargeBinary, Uuid, func, insert, literal, select, update

from ticketsvc.accounts import passwords, sessions
from ticketsvc.accounts.credentials import digest
from ticketsvc.accounts.derived_secrets import derived_secret, new_derived_secret
from ticketsvc.accounts.sign_in_limits import reset_request_counters, sign_in_limits
from ticketsvc.db.transactions import done, transaction
from ticketsvc.extensions import db
from ticketsvc.mail import outbox
from ticketsvc.mail.kinds import MailKind
from ticketsvc.mail.settings import mail_is_on
from ticketsvc.models import PasswordReset, User

logger = logging.getLogger(__name__)

users = User.__table__
password_resets = PasswordReset.__table__

PURPOSE = "password-reset"
LIFETIME = timedelta(hours=1)
# A link that may still be used.
LIVE_LINK = (password_resets.c.used_at.is_(None), password_resets.c.expires_at > func.now())


class LinkNoLongerValid(Exception):
    """The token is unknown, used, expired or superseded, or its user was deactivated."""


def reset_token(salt: uuid.UUID) -> str:
    """The token a reset's link carries, derived from its salt (mail/drafting.py)."""
    return derived_secret(PURPOSE, salt)


def request_reset(email: str, client: str) -> None:
    """Mail a new link to the active user whose address is email, if there is one; raises
    sign_in_limits.TooManyAttempts while the client or the email is over the limit."""
    limits, counters = sign_in_limits(), reset_request_counters(client, email)
    limits.check(counters, "password reset requests")
    limits.count(counters)
    if not mail_is_on():
        logger.warning("a password reset was asked for, but MAIL_URL is unset: no link can be sent")
        return
    db.session.execute(_asked_for(email.lower()), outbox.message_ids(MailKind.PASSWORD_RESET))
    done()


def _asked_for(lowered_email: str):
    """The one statement of a request: expire the holder's live links, store a new one,
    queue its mail; for an address that is no active user's, each part finds no row."""
    salt, _, token_digest = new_derived_secret(PURPOSE)
    holder = (
        select(users.c.id).where(func.lower(users.c.email) == lowered_email, users.c.active).cte("holder")
    )
    superseded = (
        update(password_resets)
        .where(password_resets.c.user_id.in_(select(holder.c.id)), *LIVE_LINK)
        .values(expires_at=func.now())
        .cte("superseded")
    )
    new_link = select(
        holder.c.id,
        literal(salt, Uuid),
        literal(token_digest, LargeBinary),
        func.now() + LIFETIME,
    )
    created = (
        insert(password_resets)
        .from_select(["user_id", "salt", "token_digest", "expires_at"], new_link)
        .returning(password_resets.c.id, password_resets.c.user_id)
        .cte("created")
    )
    return outbox.password_reset(created).add_cte(superseded)


def reset_password(token: str, password: str) -> None:
    """Give the user of the link token the password, and end their sessions; raises
    LinkNoLongerValid, changing nothing, when the link cannot be used."""
    new_hash = passwords.hash_password(password)  # before the transaction: it takes a while
    token_digest = literal(digest(token), LargeBinary)
    with transaction():
        link_holder = select(password_resets.c.user_id).where(password_resets.c.token_digest == token_digest)
        user_id = db.session.scalar(
            update(users)
            .where(users.c.id == link_holder.scalar_subquery(), users.c.active)
            .values(password_hash=new_hash)
            .returning(users.c.id)
        )
        if user_id is None:
            raise LinkNoLongerValid
        used = db.session.scalar(
            update(password_resets)
            .where(password_resets.c.token_digest == token_digest, *LIVE_LINK)
            .values(used_at=func.now())
            .returning(password_resets.c.id)
        )
        if used is None:  # used, expired or superseded: the new hash rolls back
            raise LinkNoLongerValid
        db.session.execute(
            update(password_resets)
            .where(password_resets.c.user_id == user_id, *LIVE_LINK)
            .values(expires_at=func.now())
        )
        sessions.end_all(user_id)
