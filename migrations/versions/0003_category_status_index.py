"""an index on (category, status, created_at, id) for searches within both filters

A search's count walks the newest tickets of the category and status it is filtered by
(ticketsvc/tickets/service.py); with only the one-column filter indexes it would read
four times as many tickets to find the same candidates. About 3 s per million tickets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEX = "ix_tickets_category_status_created_at_id"


def upgrade():
    op.create_index(INDEX, "tickets", ["category", "status", "created_at", "id"])


def downgrade():
    op.drop_index(INDEX, table_name="tickets")
