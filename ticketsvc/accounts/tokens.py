"""API tokens: `Authorization: Bearer <token>` for curl, scripts, the CLI and benchmarks.

The token is shown once, when it is made; only its digest is stored. Revoking marks the
row, so the next request with the token fails; the list shows live tokens only.

A token is only made while the user is active and the credential that asked for it (a
session or another token) still holds: the check that let the request in ran before, and
an admin's reset or a deactivation that revokes "every token" in between would otherwise
miss the one being made. create() is one INSERT … SELECT FROM users [JOIN the
credential's row] WHERE they are live, FOR SHARE: it locks the user's row and the
credential's. The ending side (users.update_user) is one READ COMMITTED transaction that
UPDATEs the user's row first, then DELETEs the sessions, then revokes the tokens.
- create() locks first: the reset's UPDATE of the user waits until create() has committed
  (it autocommits); the DELETE and the revoking UPDATE after it read snapshots taken
  later, so they see the new token and revoke it. (Locking the credential's row alone
  would not do for a token made with a token: the revoking UPDATE, blocked on that row,
  would go on with its older snapshot, which lacks the new token.)
- the reset locks first: create() waits until the reset commits, then PostgreSQL re-reads
  the newest version of every row it locks and re-checks the WHERE: the session deleted,
  the token revoked or the user inactive matches nothing, so no token is made. A rollback
  leaves every row as it was.
- the reset committed before create() began: its snapshot shows the same, and so matches
  nothing either.
A user's own password change ends their other sessions in the same way (UPDATE of the
user first), and a reset by mail all of them, so a token asked for with one of those
sessions is made before it, or not at all.
"""

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import LargeBinary, Row, func, insert, literal, select, update

from ticketsvc.accounts.credentials import digest, new_secret
from ticketsvc.db.prepared import PreparedStatement
from ticketsvc.extensions import db
from ticketsvc.models import ApiToken, User, UserSession

users = User.__table__
user_sessions = UserSession.__table__
api_tokens = ApiToken.__table__

# Marks the string as a ticketsvc token for people and for secret scanners.
PREFIX = "tsvc_"
# last_used_at is written at most this often per token: a write on every request would
# cost more than the check itself.
LAST_USE_PRECISION = timedelta(minutes=1)
TOKEN_COLUMNS = (api_tokens.c.id, api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.last_used_at)

# Run on every request that carries a token: prepared, and sent without SQLAlchemy's
# statement handling, which was about half of the check's cost
# (docs/decisions/023-hot-statements-prepared.md).
SIGNED_IN = PreparedStatement(
    "ticketsvc_token_holder",
    f"""
    SELECT api_tokens.id AS token_id, users.id, users.email, users.name, users.role,
        api_tokens.last_used_at IS NULL
            OR api_tokens.last_used_at < now() - interval '{LAST_USE_PRECISION.total_seconds()} seconds'
            AS stale
    FROM api_tokens JOIN users ON users.id = api_tokens.user_id
    WHERE api_tokens.secret_digest = $1 AND api_tokens.revoked_at IS NULL AND users.active
    """,
)


def create(user_id: int, name: str, *, session_id: int | None = None, token_id: int | None = None):
    """(the token's row, the token itself: shown this once) for an active user; with
    session_id or token_id, only while that credential, which asked for it, still holds.
    None otherwise (see the module's docstring)."""
    token = PREFIX + new_secret()
    live = select(users.c.id, literal(name), literal(digest(token), LargeBinary)).where(
        users.c.id == user_id, users.c.active
    )
    if session_id is not None:
        live = live.join(user_sessions, user_sessions.c.user_id == users.c.id).where(
            user_sessions.c.id == session_id, user_sessions.c.expires_at > func.now()
        )
    if token_id is not None:
        asking = api_tokens.alias("asking")
        live = live.join(asking, asking.c.user_id == users.c.id).where(
            asking.c.id == token_id, asking.c.revoked_at.is_(None)
        )
    row = db.session.execute(
        insert(api_tokens)
        .from_select(["user_id", "name", "secret_digest"], live.with_for_update(read=True))
        .returning(*TOKEN_COLUMNS)
    ).first()
    return None if row is None else (row, token)


def find(token: str):
    """The user behind a live token (token_id, id, email, name, role), or None."""
    if not token.startswith(PREFIX):
        return None
    row = SIGNED_IN.first(digest(token))
    if row is not None and row.stale:
        db.session.execute(
            update(api_tokens).where(api_tokens.c.id == row.token_id).values(last_used_at=func.now())
        )
    return row


def list_live(user_id: int) -> Sequence[Row]:
    """The user's tokens that still work, newest first, without their secrets."""
    return db.session.execute(
        select(*TOKEN_COLUMNS)
        .where(api_tokens.c.user_id == user_id, api_tokens.c.revoked_at.is_(None))
        .order_by(api_tokens.c.created_at.desc(), api_tokens.c.id.desc())
    ).all()


def revoke(user_id: int, token_id: int) -> bool:
    """Revoke one of the user's live tokens; False when they hold no such token."""
    revoked = db.session.execute(
        _revoking()
        .where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
        .returning(api_tokens.c.id)
    ).first()
    return revoked is not None


def revoke_all(user_id: int) -> None:
    db.session.execute(_revoking().where(api_tokens.c.user_id == user_id))


def _revoking():
    return update(api_tokens).where(api_tokens.c.revoked_at.is_(None)).values(revoked_at=func.now())
