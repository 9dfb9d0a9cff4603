"""People who sign in, and the credentials they sign in with.

Secrets (session cookies, API tokens) are random and stored only as SHA-256 digests: a
copy of the database does not let anyone in. Passwords are argon2id hashes
(ticketsvc/accounts/passwords.py).
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.enums import Role
from ticketsvc.extensions import Model
from ticketsvc.models.columns import (
    DIGEST_LENGTH,
    EMAIL_MAX_LENGTH,
    ENUM_MAX_LENGTH,
    NAME_MAX_LENGTH,
    enum_check,
    has_visible_text,
)


class User(Model):
    """An agent or an admin. Never deleted: their name stays on the history they made."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH))
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    role: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    active: Mapped[bool] = mapped_column(Boolean, server_default="true")
    password_hash: Mapped[str] = mapped_column(Text)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    last_login_at = mapped_column(DateTime(timezone=True))
    # "Email me about my tickets" (PATCH /api/auth/me/).
    notify_by_mail: Mapped[bool] = mapped_column(Boolean, server_default="true")

    __table_args__ = (
        enum_check("role", Role),
        has_visible_text("name"),
        CheckConstraint("email LIKE '%_@_%'", name="email_has_at"),
        # Email addresses are matched without regard to case: one account per address.
        Index("uq_users_email_lower", func.lower(email), unique=True),
    )


class UserSession(Model):
    """A signed-in browser: its cookie carries the secret whose digest is stored here.

    Deleting the row ends the session at once, wherever the cookie is.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    secret_digest: Mapped[bytes] = mapped_column(LargeBinary(DIGEST_LENGTH), unique=True)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    expires_at = mapped_column(DateTime(timezone=True), nullable=False)

    __table_args__ = (Index("ix_user_sessions_user_id", "user_id"),)


class ApiToken(Model):
    """A bearer token for scripts and the CLI; revoked tokens stay, marked, for the record."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    secret_digest: Mapped[bytes] = mapped_column(LargeBinary(DIGEST_LENGTH), unique=True)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    last_used_at = mapped_column(DateTime(timezone=True))
    revoked_at = mapped_column(DateTime(timezone=True))

    __table_args__ = (has_visible_text("name"), Index("ix_api_tokens_user_id", "user_id"))
