"""rollups packed again: seeding or importing left each rollup row on a page of its own

A bulk load now packs them when it ends (ticketsvc/db/rollups.py); a database loaded
before this revision gets its rollups packed here. Each is a few hundred or thousand rows:
the rewrite takes milliseconds.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always does the same thing.
ROLLUPS = ("ticket_counts", "ticket_assignee_counts")


def upgrade():
    for table in ROLLUPS:
        op.execute(f"CLUSTER {table} USING pk_{table}")


def downgrade():
    pass  # packing changed no row and no definition: nothing to undo
