"""Browser sessions: a random secret in a cookie, its digest in user_sessions.

The server decides when a session ends (logout, deactivation, a password reset): the row
is deleted and the cookie stops working at once, wherever it was copied to. Flask's own
session lives entirely in the signed cookie and could not be ended that way. The cookie's
value is also signed with SECRET_KEY, so a forged one is refused without a query, and a
new SECRET_KEY ends every session.

The CSRF token is an HMAC of the session's secret: the browser's scripts read it from the
sign-in and /auth/me/ answers and send it back in X-CSRF-Token; another site can make the
browser send the cookie, but cannot read the token.

A session is only ever made while the password the browser proved is still the user's
(start()): signing in reads the hash, verifies it (tens of milliseconds of argon2), then
inserts, and an admin's reset or a deactivation that ends "every session" in between
would otherwise miss the one being made. start() is one statement: an UPDATE of the
user's row WHERE its password_hash is still the one verified AND the user is active,
whose RETURNING feeds the INSERT. The ending side (users.update_user, change_own,
password_resets.reset_password) is one READ COMMITTED transaction that UPDATEs the same
row first and DELETEs sessions after.
Both take the row's lock, so one waits for the other:
- start() locks first: the reset's UPDATE waits until start() has committed (it
  autocommits), so its later DELETE, which reads a snapshot taken after the UPDATE, sees
  the new session and deletes it.
- the reset locks first: start() waits until the reset commits (or rolls back), then
  PostgreSQL re-checks start()'s WHERE on the row as the reset left it: a new hash, or
  active false, matches nothing, so no session is made (and the sign-in is refused as if
  the password were wrong, which it now is). A rollback leaves the row as it was.
- the reset committed before start() began: start()'s snapshot holds the new row; the
  same WHERE matches nothing.
The same UPDATE notes last_login_at and may store a rehash of the password: conditional
on the verified hash, so a sign-in can never write an old password back over a reset.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from flask import Response, current_app
from flask.sessions import SessionInterface
from itsdangerous import BadSignature, Signer
from sqlalchemy import LargeBinary, Row, delete, func, insert, literal, select, update

from ticketsvc.accounts.credentials import digest, new_secret
from ticketsvc.db.prepared import PreparedStatement
from ticketsvc.extensions import db
from ticketsvc.models import User, UserSession

users = User.__table__
user_sessions = UserSession.__table__

COOKIE_NAME = "ticketsvc_session"
# A session ends 12 hours after it was last used, and 7 days after it began in any case.
IDLE_LIFETIME = timedelta(hours=12)
MAX_LIFETIME = timedelta(days=7)
# How stale the stored end may get before a request pushes it forward (one write, not one
# per request).
EXTEND_AFTER = timedelta(minutes=5)

# Run on every request of a signed-in browser: prepared, like tokens.SIGNED_IN.
SIGNED_IN = PreparedStatement(
    "ticketsvc_session_holder",
    f"""
    SELECT user_sessions.id AS session_id, users.id, users.email, users.name, users.role,
        user_sessions.expires_at
            < now() + interval '{(IDLE_LIFETIME - EXTEND_AFTER).total_seconds()} seconds' AS stale
    FROM user_sessions JOIN users ON users.id = user_sessions.user_id
    WHERE user_sessions.secret_digest = $1 AND user_sessions.expires_at > now() AND users.active
    """,
)


@dataclass(frozen=True)
class Session:
    id: int
    secret: str
    user: Row  # the row of SIGNED_IN: id, email, name, role


def start(user, verified_hash: str, new_hash: str | None = None) -> Session | None:
    """A new session for user (a row with id, email, name, role), who proved the password
    whose hash is verified_hash; None when that is no longer their password or they were
    deactivated meanwhile (see the module's docstring). The sign-in's time is noted, and
    new_hash, when given, replaces the hash (the same password, today's parameters)."""
    noted = {"last_login_at": func.now()} | ({"password_hash": new_hash} if new_hash else {})
    signed_in = (
        update(users)
        .where(users.c.id == user.id, users.c.password_hash == verified_hash, users.c.active)
        .values(noted)
        .returning(users.c.id)
        .cte("signed_in")
    )
    secret = new_secret()
    new_session = select(signed_in.c.id, literal(digest(secret), LargeBinary), func.now() + IDLE_LIFETIME)
    session_id = db.session.scalar(
        insert(user_sessions)
        .from_select(["user_id", "secret_digest", "expires_at"], new_session)
        .returning(user_sessions.c.id)
    )
    return None if session_id is None else Session(session_id, secret, user)


def cookie_value(session: Session) -> str:
    return _signer().sign(session.secret).decode()


def find(cookie_value: str) -> Session | None:
    """The live session a cookie names, or None (forged, ended, expired, user deactivated)."""
    try:
        secret = _signer().unsign(cookie_value).decode()
    except (BadSignature, UnicodeDecodeError):
        return None
    row = SIGNED_IN.first(digest(secret))
    if row is None:
        return None
    if row.stale:
        db.session.execute(
            update(user_sessions)
            .where(user_sessions.c.id == row.session_id)
            .values(
                expires_at=func.least(func.now() + IDLE_LIFETIME, user_sessions.c.created_at + MAX_LIFETIME)
            )
        )
    return Session(row.session_id, secret, row)


def end(session_id: int) -> None:
    db.session.execute(delete(user_sessions).where(user_sessions.c.id == session_id))


def end_all(user_id: int, *, keep: int | None = None) -> None:
    """End every session of user_id, but keep (the caller's own, on a password change)."""
    db.session.execute(
        delete(user_sessions).where(
            user_sessions.c.user_id == user_id, user_sessions.c.id.is_distinct_from(keep)
        )
    )


def csrf_token(session: Session) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"csrf:" + session.secret.encode(), hashlib.sha256).hexdigest()


def csrf_token_matches(session: Session, sent: str | None) -> bool:
    if sent is None:
        return False
    # As bytes: compare_digest refuses strings holding anything but ASCII (a 500).
    return hmac.compare_digest(csrf_token(session).encode(), sent.encode("utf-8", "surrogatepass"))


def set_cookie(response: Response, cookie_value: str) -> None:
    # No Max-Age: the browser forgets it when it closes; the server ends it in any case.
    response.set_cookie(COOKIE_NAME, cookie_value, **_cookie_attributes())


def clear_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE_NAME, **_cookie_attributes())


def _cookie_attributes() -> dict:
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    return {"path": "/", "httponly": True, "secure": secure, "samesite": "Lax"}


def _signer() -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt="ticketsvc-session")


class NoCookieSession(SessionInterface):
    """Flask's own session (its signed cookie) is never used: sessions are kept here, on the
    server. Opening and saving one anyway costs every request a serializer."""

    def open_session(self, app, request):
        return self.make_null_session(app)

    def save_session(self, app, session, response) -> None:
        return None
