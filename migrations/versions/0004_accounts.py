"""users, their browser sessions and API tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
ROLES = ("agent", "admin")
EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 100
ENUM_MAX_LENGTH = 20
DIGEST_LENGTH = 32


def _created_at() -> sa.Column:
    now = sa.text("now()")
    return sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False)


def _owner(table: str) -> sa.Column:
    user = sa.ForeignKey("users.id", ondelete="CASCADE", name=f"fk_{table}_user_id_users")
    return sa.Column("user_id", sa.BigInteger(), user, nullable=False)


def _secret_digest() -> sa.Column:
    return sa.Column("secret_digest", sa.LargeBinary(length=DIGEST_LENGTH), nullable=False)


def upgrade():
    roles = ", ".join(f"'{role}'" for role in ROLES)
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("email", sa.String(length=EMAIL_MAX_LENGTH), nullable=False),
        sa.Column("name", sa.String(length=NAME_MAX_LENGTH), nullable=False),
        sa.Column("role", sa.String(length=ENUM_MAX_LENGTH), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        _created_at(),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.CheckConstraint(f"role IN ({roles})", name="role_allowed"),
        sa.CheckConstraint("name ~ '[^[:space:]]'", name="name_not_blank"),
        sa.CheckConstraint("email LIKE '%_@_%'", name="email_has_at"),
    )
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)

    op.create_table(
        "user_sessions",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        _owner("user_sessions"),
        _secret_digest(),
        _created_at(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_user_sessions"),
        sa.UniqueConstraint("secret_digest", name="uq_user_sessions_secret_digest"),
    )
    op.create_index("ix_user_sessions_user_id", "user_sessions", ["user_id"])

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        _owner("api_tokens"),
        sa.Column("name", sa.String(length=NAME_MAX_LENGTH), nullable=False),
        _secret_digest(),
        _created_at(),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("secret_digest", name="uq_api_tokens_secret_digest"),
        sa.CheckConstraint("name ~ '[^[:space:]]'", name="name_not_blank"),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])


def downgrade():
    op.drop_table("api_tokens")
    op.drop_table("user_sessions")
    op.drop_table("users")
