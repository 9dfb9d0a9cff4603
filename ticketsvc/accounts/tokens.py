"""API tokens: `Authorization: Bearer <token>` for curl, scripts, the CLI and benchmarks.

The token is shown once, when it is made; only its digest is stored. Revoking marks the
row, so the next request with the token fails; the list shows live tokens only.
"""

from datetime import timedelta

from sqlalchemy import text

from ticketsvc.accounts.credentials import digest, new_secret
from ticketsvc.db.prepared import PreparedStatement
from ticketsvc.extensions import db

# Marks the string as a ticketsvc token for people and for secret scanners.
PREFIX = "tsvc_"
# last_used_at is written at most this often per token: a write on every request would
# cost more than the check itself.
LAST_USE_PRECISION = timedelta(minutes=1)
TOKEN_COLUMNS = "id, name, created_at, last_used_at"

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


def create(user_id: int, name: str) -> tuple[object, str]:
    """(the token's row, the token itself: shown this once)."""
    token = PREFIX + new_secret()
    row = db.session.execute(
        text(f"""
        INSERT INTO api_tokens (user_id, name, secret_digest) VALUES (:user_id, :name, :digest)
        RETURNING {TOKEN_COLUMNS}
        """),
        {"user_id": user_id, "name": name, "digest": digest(token)},
    ).one()
    return row, token


def find(token: str):
    """The user behind a live token (id, email, name, role), or None."""
    if not token.startswith(PREFIX):
        return None
    row = SIGNED_IN.execute(digest(token)).first()
    if row is not None and row.stale:
        db.session.execute(
            text("UPDATE api_tokens SET last_used_at = now() WHERE id = :id"), {"id": row.token_id}
        )
    return row


def list_live(user_id: int) -> list:
    """The user's tokens that still work, newest first, without their secrets."""
    return db.session.execute(
        text(f"""
        SELECT {TOKEN_COLUMNS} FROM api_tokens
        WHERE user_id = :user_id AND revoked_at IS NULL ORDER BY created_at DESC, id DESC
        """),
        {"user_id": user_id},
    ).all()


def revoke(user_id: int, token_id: int) -> bool:
    """Revoke one of the user's live tokens; False when they hold no such token."""
    revoked = db.session.execute(
        text("""
        UPDATE api_tokens SET revoked_at = now()
        WHERE id = :id AND user_id = :user_id AND revoked_at IS NULL RETURNING id
        """),
        {"id": token_id, "user_id": user_id},
    ).first()
    return revoked is not None


def revoke_all(user_id: int) -> None:
    db.session.execute(
        text("UPDATE api_tokens SET revoked_at = now() WHERE user_id = :user_id AND revoked_at IS NULL"),
        {"user_id": user_id},
    )
