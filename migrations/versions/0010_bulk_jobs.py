"""bulk jobs: a bulk change over a filter, carried out by the worker a chunk at a time

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
NAME_MAX_LENGTH = 100
ENUM_MAX_LENGTH = 20
JOB_STATES = ("running", "done", "failed")


def _now(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def upgrade():
    states = ", ".join(f"'{state}'" for state in JOB_STATES)
    op.create_table(
        "bulk_jobs",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("caller_id", sa.BigInteger(), nullable=False),
        sa.Column("caller_name", sa.String(NAME_MAX_LENGTH), nullable=False),
        sa.Column("filters", JSONB(), nullable=False),
        sa.Column("changes", JSONB(), nullable=False),
        sa.Column("state", sa.String(ENUM_MAX_LENGTH), server_default="running", nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), server_default="0", nullable=False),
        # The newest ticket when the job was accepted, and where the next chunk starts.
        sa.Column("up_to_ticket_id", sa.BigInteger(), nullable=False),
        sa.Column("last_ticket_id", sa.BigInteger(), server_default="0", nullable=False),
        # The summary mail's tickets: how many, and the first of them.
        sa.Column("assigned_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("assigned_tickets", JSONB(), server_default="[]", nullable=False),
        _now("started_at"),
        _now("progressed_at"),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_bulk_jobs"),
        sa.ForeignKeyConstraint(["caller_id"], ["users.id"], name="fk_bulk_jobs_caller_id_users"),
        sa.CheckConstraint(f"state IN ({states})", name="state_allowed"),
        sa.CheckConstraint("(state = 'running') = (finished_at IS NULL)", name="finished_unless_running"),
    )
    # The worker's claim: the running job that waited longest.
    op.create_index(
        "ix_bulk_jobs_due",
        "bulk_jobs",
        ["progressed_at", "id"],
        postgresql_where=sa.text("state = 'running'"),
    )


def downgrade():
    op.drop_table("bulk_jobs")
