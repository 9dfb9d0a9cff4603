"""mail: the outbox written with each change, incoming mail kept whole, the follow link's
salt, comments' channel, password resets, and who wants mail

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
ENUM_MAX_LENGTH = 20
EMAIL_MAX_LENGTH = 254
DIGEST_LENGTH = 32
MAIL_KINDS = (
    "acknowledgement",
    "agent_reply",
    "resolved",
    "assigned",
    "customer_replied",
    "bulk_summary",
    "password_reset",
)
MAIL_STATES = ("queued", "sent", "failed", "skipped")
INCOMING_OUTCOMES = ("created", "replied", "duplicate", "automatic", "bounce", "ignored")
DOORS = ("http", "pipe", "imap")
CHANNELS = ("web", "mail")


def _allowed(column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=f"{column}_allowed")


def _now(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def _reference(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade():
    # The follow link's key is derived from SECRET_KEY and this salt (tickets/follow_keys.py),
    # so mail can carry it although only its digest is stored.
    op.add_column(
        "tickets",
        sa.Column("follow_salt", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
    )
    op.add_column(
        "ticket_comments",
        sa.Column("channel", sa.String(ENUM_MAX_LENGTH), server_default="web", nullable=False),
    )
    op.create_check_constraint(
        "channel_allowed", "ticket_comments", "channel IN (" + ", ".join(f"'{c}'" for c in CHANNELS) + ")"
    )
    op.add_column(
        "users", sa.Column("notify_by_mail", sa.Boolean(), server_default=sa.true(), nullable=False)
    )

    op.create_table(
        "outgoing_mail",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("kind", sa.String(ENUM_MAX_LENGTH), nullable=False),
        sa.Column("ticket_id", sa.BigInteger(), nullable=True),
        sa.Column("comment_id", sa.BigInteger(), nullable=True),
        # The agent or user mailed; NULL for the ticket's customer.
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("to_address", sa.String(EMAIL_MAX_LENGTH), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=False),
        # What the words need beyond the rows referenced (who assigned, a bulk list, …).
        sa.Column("details", JSONB(), server_default="{}", nullable=False),
        sa.Column("state", sa.String(ENUM_MAX_LENGTH), server_default="queued", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        _now("next_attempt_at"),
        sa.Column("last_error", sa.Text(), nullable=True),
        _now("created_at"),
        _now("updated_at"),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outgoing_mail"),
        _reference("outgoing_mail", "ticket_id", "tickets", "CASCADE"),
        _reference("outgoing_mail", "comment_id", "ticket_comments", "CASCADE"),
        _reference("outgoing_mail", "user_id", "users", "CASCADE"),
        _allowed("kind", MAIL_KINDS),
        _allowed("state", MAIL_STATES),
        sa.UniqueConstraint("message_id", name="uq_outgoing_mail_message_id"),
    )
    # The worker's claim: what is due, oldest first.
    op.create_index(
        "ix_outgoing_mail_due",
        "outgoing_mail",
        ["next_attempt_at", "id"],
        postgresql_where=sa.text("state = 'queued'"),
    )
    # A mailed reply's delivery, shown with the comment; a ticket's thread.
    op.create_index(
        "ix_outgoing_mail_comment_id",
        "outgoing_mail",
        ["comment_id"],
        postgresql_where=sa.text("comment_id IS NOT NULL"),
    )
    op.create_index("ix_outgoing_mail_ticket_id_id", "outgoing_mail", ["ticket_id", "id"])
    # The admins' mail status: what was sent, and what failed, in the last 24 hours.
    op.create_index(
        "ix_outgoing_mail_sent_at", "outgoing_mail", ["sent_at"], postgresql_where=sa.text("state = 'sent'")
    )
    op.create_index(
        "ix_outgoing_mail_failed_at",
        "outgoing_mail",
        ["updated_at"],
        postgresql_where=sa.text("state = 'failed'"),
    )
    # The cap on automatic mail to one address an hour.
    op.create_index(
        "ix_outgoing_mail_to_address", "outgoing_mail", [sa.text("lower(to_address)"), "created_at"]
    )

    op.create_table(
        "incoming_mail",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        # The Message-ID, or the digest of the raw bytes of a message without one.
        sa.Column("dedupe_key", sa.String(1000), nullable=False),
        sa.Column("message_id", sa.String(1000), nullable=True),
        sa.Column("door", sa.String(ENUM_MAX_LENGTH), nullable=False),
        _now("received_at"),
        sa.Column("from_address", sa.String(EMAIL_MAX_LENGTH), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(ENUM_MAX_LENGTH), nullable=False),
        sa.Column("ticket_id", sa.BigInteger(), nullable=True),
        sa.Column("comment_id", sa.BigInteger(), nullable=True),
        # Why nothing came of it, for an admin (ignored, bounces of unknown mail).
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incoming_mail"),
        _reference("incoming_mail", "ticket_id", "tickets", "SET NULL"),
        _reference("incoming_mail", "comment_id", "ticket_comments", "SET NULL"),
        _allowed("outcome", INCOMING_OUTCOMES),
        _allowed("door", DOORS),
        sa.UniqueConstraint("dedupe_key", name="uq_incoming_mail_dedupe_key"),
    )
    op.create_index("ix_incoming_mail_ticket_id", "incoming_mail", ["ticket_id"])
    op.create_index(
        "ix_incoming_mail_comment_id",
        "incoming_mail",
        ["comment_id"],
        postgresql_where=sa.text("comment_id IS NOT NULL"),
    )
    op.create_index("ix_incoming_mail_received_at", "incoming_mail", ["received_at"])

    op.create_table(
        "password_resets",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        # The token in the mail is derived from SECRET_KEY and this salt; its digest is kept.
        sa.Column("salt", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("token_digest", sa.LargeBinary(DIGEST_LENGTH), nullable=False),
        _now("created_at"),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_password_resets"),
        _reference("password_resets", "user_id", "users", "CASCADE"),
        sa.UniqueConstraint("token_digest", name="uq_password_resets_token_digest"),
    )
    op.create_index("ix_password_resets_user_id", "password_resets", ["user_id"])

    # One row: when `flask mail fetch` last read the mailbox, and what went wrong then.
    op.create_table(
        "mail_fetch_state",
        sa.Column("one_row", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("last_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("one_row", name="pk_mail_fetch_state"),
        sa.CheckConstraint("one_row", name="one_row"),
    )
    op.execute("INSERT INTO mail_fetch_state DEFAULT VALUES")


def downgrade():
    op.drop_table("mail_fetch_state")
    op.drop_table("password_resets")
    op.drop_table("incoming_mail")
    op.drop_table("outgoing_mail")
    op.drop_column("users", "notify_by_mail")
    op.drop_constraint(op.f("ck_ticket_comments_channel_allowed"), "ticket_comments")
    op.drop_column("ticket_comments", "channel")
    op.drop_column("tickets", "follow_salt")
