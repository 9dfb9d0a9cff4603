"""search over a stored tsvector column instead of an expression index

A search then checks a row by reading its vector, not by re-parsing its text, so the
planner can count a common word with a short scan that stops at the limit
(docs/decisions/016-search-on-a-stored-tsvector.md). Adding the column rewrites the table:
about 30 s per million tickets, during which the table is locked.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always does the same thing.
SEARCH_DOCUMENT_SQL = "to_tsvector('simple'::regconfig, (title::text || ' '::text) || description)"
SEARCH_VECTOR_SQL = "strip(to_tsvector('simple'::regconfig, (((title)::text || ' '::text) || description)))"


def upgrade():
    op.drop_index("ix_tickets_search", table_name="tickets")
    op.add_column(
        "tickets",
        sa.Column(
            "search_vector",
            TSVECTOR(),
            sa.Computed(SEARCH_VECTOR_SQL, persisted=True),
            nullable=False,
        ),
    )
    op.create_index("ix_tickets_search", "tickets", ["search_vector"], postgresql_using="gin")


def downgrade():
    op.drop_index("ix_tickets_search", table_name="tickets")
    op.drop_column("tickets", "search_vector")
    op.create_index("ix_tickets_search", "tickets", [sa.text(SEARCH_DOCUMENT_SQL)], postgresql_using="gin")
