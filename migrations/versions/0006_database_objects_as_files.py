"""the triggers and functions as files (ticketsvc/db/sql/), and names kept as they were:
history entries and comments record their author's name at the time

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from ticketsvc.db.objects import sql_of

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
NAME_MAX_LENGTH = 100
ENUM_MAX_LENGTH = 20
AUTHOR_KINDS = ("agent", "customer", "system")

# The same definitions 0001 and 0005 built from f-strings, written out readably; the
# functions come before the triggers that call them.
OBJECTS = (
    "ticketsvc_actor",
    "ticket_counts_apply",
    "ticket_history_apply",
    "ticket_comment_history_apply",
    "ticket_counts_on_insert",
    "ticket_counts_on_update",
    "ticket_counts_on_delete",
    "ticket_counts_on_truncate",
    "ticket_history_on_insert",
    "ticket_history_on_update",
    "ticket_history_on_comment",
)


def upgrade():
    for name in OBJECTS:
        op.execute(sql_of(name, revision))

    # An agent's entry names the agent as they were called when they acted.
    op.execute("""
        UPDATE ticket_history SET actor_name = users.name
        FROM users WHERE users.id = ticket_history.actor_id AND ticket_history.actor_name IS NULL
    """)
    op.create_check_constraint(
        "actor_named", "ticket_history", "actor_kind = 'customer' OR actor_name IS NOT NULL"
    )

    # Comments say who wrote them (the system too: automatic mail kept as a note), and an
    # agent's or the system's comment keeps the name it was written under.
    kinds = ", ".join(f"'{kind}'" for kind in AUTHOR_KINDS)
    op.add_column("ticket_comments", sa.Column("author_kind", sa.String(ENUM_MAX_LENGTH), nullable=True))
    op.add_column("ticket_comments", sa.Column("author_name", sa.String(NAME_MAX_LENGTH), nullable=True))
    op.execute("""
        UPDATE ticket_comments
        SET author_kind = CASE WHEN author_id IS NULL THEN 'customer' ELSE 'agent' END,
            author_name = (SELECT name FROM users WHERE users.id = ticket_comments.author_id)
    """)
    op.alter_column("ticket_comments", "author_kind", nullable=False)
    op.drop_constraint(op.f("ck_ticket_comments_customer_comments_public"), "ticket_comments")
    for name, condition in (
        ("author_kind_allowed", f"author_kind IN ({kinds})"),
        ("agents_named_by_id", "(author_kind = 'agent') = (author_id IS NOT NULL)"),
        ("author_named", "(author_kind = 'customer') = (author_name IS NULL)"),
        ("customer_comments_public", "author_kind <> 'customer' OR NOT internal"),
    ):
        op.create_check_constraint(name, "ticket_comments", condition)


def downgrade():
    for name in ("author_kind_allowed", "agents_named_by_id", "author_named", "customer_comments_public"):
        op.drop_constraint(op.f(f"ck_ticket_comments_{name}"), "ticket_comments")
    op.execute("DELETE FROM ticket_comments WHERE author_kind = 'system'")
    op.drop_column("ticket_comments", "author_name")
    op.drop_column("ticket_comments", "author_kind")
    op.create_check_constraint(
        "customer_comments_public", "ticket_comments", "author_id IS NOT NULL OR NOT internal"
    )
    op.drop_constraint(op.f("ck_ticket_history_actor_named"), "ticket_history")
    # The functions and triggers stay: 0006's files define exactly what 0005 did.
