"""Browser sessions: a random secret in a cookie, its digest in user_sessions.

The server decides when a session ends (logout, deactivation, a password reset): the row
is deleted and the cookie stops working at once, wherever it was copied to. Flask's own
session lives entirely in the signed cookie and could not be ended that way. The cookie's
value is also signed with SECRET_KEY, so a forged one is refused without a query, and a
new SECRET_KEY ends every session.

The CSRF token is an HMAC of the session's secret: the browser's scripts read it from the
login and /auth/me/ answers and send it back in X-CSRF-Token; another site can make the
browser send the cookie, but cannot read the token.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from flask import Response, current_app
from flask.sessions import SessionInterface
from itsdangerous import BadSignature, Signer
from sqlalchemy import text

from ticketsvc.accounts.credentials import digest, new_secret
from ticketsvc.db.prepared import PreparedStatement
from ticketsvc.extensions import db

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
EXTEND = text("""
UPDATE user_sessions SET expires_at = least(now() + :idle, created_at + :longest) WHERE id = :id
""")


@dataclass(frozen=True)
class Session:
    id: int
    secret: str
    user: object  # the row of SIGNED_IN: id, email, name, role


def start(user) -> Session:
    """A new session for user (a row with id, email, name, role)."""
    secret = new_secret()
    session_id = db.session.execute(
        text("""
        INSERT INTO user_sessions (user_id, secret_digest, expires_at)
        VALUES (:user_id, :digest, now() + :idle) RETURNING id
        """),
        {"user_id": user.id, "digest": digest(secret), "idle": IDLE_LIFETIME},
    ).scalar_one()
    return Session(session_id, secret, user)


def cookie_value(session: Session) -> str:
    return _signer().sign(session.secret).decode()


def find(cookie_value: str) -> Session | None:
    """The live session a cookie names, or None (forged, ended, expired, user deactivated)."""
    try:
        secret = _signer().unsign(cookie_value).decode()
    except (BadSignature, UnicodeDecodeError):
        return None
    row = SIGNED_IN.execute(digest(secret)).first()
    if row is None:
        return None
    if row.stale:
        db.session.execute(EXTEND, {"id": row.session_id, "idle": IDLE_LIFETIME, "longest": MAX_LIFETIME})
    return Session(row.session_id, secret, row)


def end(session_id: int) -> None:
    db.session.execute(text("DELETE FROM user_sessions WHERE id = :id"), {"id": session_id})


def end_all(user_id: int, *, keep: int | None = None) -> None:
    """End every session of user_id, but keep (the caller's own, on a password change)."""
    db.session.execute(
        text("DELETE FROM user_sessions WHERE user_id = :user_id AND id IS DISTINCT FROM :keep"),
        {"user_id": user_id, "keep": keep},
    )


def csrf_token(session: Session) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"csrf:" + session.secret.encode(), hashlib.sha256).hexdigest()


def csrf_token_matches(session: Session, sent: str | None) -> bool:
    return sent is not None and hmac.compare_digest(csrf_token(session), sent)


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
