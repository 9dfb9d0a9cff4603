"""canned replies: answers agents keep, their own or shared, counted as they are used

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
TITLE_MAX_LENGTH = 100
BODY_MAX_LENGTH = 10_000
# The list's order: most used first, then the oldest.
BY_USES = [sa.text("uses DESC"), "id"]


def upgrade():
    op.create_table(
        "canned_replies",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(TITLE_MAX_LENGTH), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("shared", sa.Boolean(), server_default="false", nullable=False),
        # Comments made from it; counted in the comment's transaction.
        sa.Column("uses", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_canned_replies"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name="fk_canned_replies_owner_id_users"),
        sa.CheckConstraint("title ~ '[^[:space:]]'", name="title_not_blank"),
        sa.CheckConstraint("body ~ '[^[:space:]]'", name="body_not_blank"),
        sa.CheckConstraint(f"char_length(body) <= {BODY_MAX_LENGTH}", name="body_length"),
        sa.CheckConstraint("uses >= 0", name="uses_not_negative"),
    )
    # "The shared replies and my own, most used first": a partial index for each half,
    # keyed in the list's order (replies/service.py reads the two halves).
    op.create_index(
        "ix_canned_replies_shared_by_uses", "canned_replies", BY_USES, postgresql_where=sa.text("shared")
    )
    op.create_index(
        "ix_canned_replies_owner_by_uses",
        "canned_replies",
        ["owner_id", *BY_USES],
        postgresql_where=sa.text("NOT shared"),
    )


def downgrade():
    op.drop_table("canned_replies")
