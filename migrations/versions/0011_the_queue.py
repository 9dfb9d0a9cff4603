"""the queue: when each ticket last moved and whom it waits on, kept by the comment that
moves it; waiting_on in both rollups' keys; the queue's indexes; search over the requester
and the conversation

Replacing search_vector and adding the computed columns rewrites the table once (about as
long as 0002's rewrite), then its indexes are built; the table is locked meanwhile.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

from ticketsvc.db.objects import sql_of

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
ENUM_MAX_LENGTH = 20
WAITING_ON = ("us", "customer")
INSTANTS = ("last_comment_at", "last_customer_comment_at", "last_agent_reply_at")
# The comments' words, stripped like search_vector's (NULL: no comments).
CONVERSATION = "conversation_vector"
WORDS = "strip(to_tsvector('simple'::regconfig, string_agg(body, ' ')))"
# What search_vector held before this revision (0002).
TICKET_WORDS = "strip(to_tsvector('simple'::regconfig, (((title)::text || ' '::text) || description)))"
# Computed by PostgreSQL (see ticketsvc/models/tickets.py).
COMPUTED = {
    "search_vector": (
        "tsvector NOT NULL",
        "strip(to_tsvector('simple'::regconfig, title::text || ' ' || description"
        " || ' ' || COALESCE(requester_name, '') || ' ' || COALESCE(requester_email, '')))"
        " || COALESCE(conversation_vector, ''::tsvector)",
    ),
    "last_activity_at": ("timestamptz NOT NULL", "GREATEST(created_at, updated_at, last_comment_at)"),
    "last_customer_message_at": ("timestamptz NOT NULL", "COALESCE(last_customer_comment_at, created_at)"),
    "waiting_on": (
        f"varchar({ENUM_MAX_LENGTH})",
        "CASE WHEN status IN ('resolved', 'closed') THEN NULL"
        " WHEN last_agent_reply_at > COALESCE(last_customer_comment_at, created_at) THEN 'customer'"
        " ELSE 'us' END",
    ),
}
INDEXES = {
    "ix_tickets_last_activity_at_id": ("last_activity_at", "id"),
    "ix_tickets_last_customer_message_at_id": ("last_customer_message_at", "id"),
}
WAITING_INDEX = "ix_tickets_waiting_on_last_customer_message_at_id"
MIGRATION_ACTOR = '{"kind": "system", "name": "migration 0011"}'
# The functions before the triggers that call them.
OBJECTS = ("ticket_counts_apply", "ticket_activity_apply", "ticket_activity_on_comment")

ROLLUPS = {
    "ticket_counts": (
        "category, priority, status, classification_source, category_matches, priority_matches",
        """category, priority, status, coalesce(classification_source, '') AS classification_source,
           coalesce(category = suggested_category, false) AS category_matches,
           coalesce(priority = suggested_priority, false) AS priority_matches""",
    ),
    "ticket_assignee_counts": (
        "assignee_id, category, priority, status",
        "coalesce(assignee_id, 0) AS assignee_id, category, priority, status",
    ),
}


def _recount(table: str, key: str, projection: str) -> None:
    """Fill a rollup again from the tickets, by key."""
    op.execute(f"DELETE FROM {table}")
    op.execute(f"""
        INSERT INTO {table} ({key}, ticket_count)
        SELECT {key}, count(*) FROM (SELECT {projection} FROM tickets) AS projected GROUP BY {key}
    """)


def _computed(columns: dict) -> str:
    return ", ".join(
        f"ADD COLUMN {name} {type_} GENERATED ALWAYS AS ({expression}) STORED"
        for name, (type_, expression) in columns.items()
    )


def upgrade():
    for name in INSTANTS:
        op.add_column("tickets", sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    op.add_column("tickets", sa.Column(CONVERSATION, TSVECTOR(), nullable=True))
    # Tickets commented before this revision: what their comments give. The history
    # triggers fire (and record nothing: no field a client sees changes), so say who writes.
    op.execute(f"SELECT set_config('ticketsvc.actor', '{MIGRATION_ACTOR}', true)")
    op.execute(f"""
        UPDATE tickets
        SET last_comment_at = commented.last_comment_at,
            last_customer_comment_at = commented.last_customer_comment_at,
            last_agent_reply_at = commented.last_agent_reply_at,
            {CONVERSATION} = commented.words
        FROM (
            SELECT ticket_id, max(created_at) AS last_comment_at,
                max(created_at) FILTER (WHERE author_kind = 'customer' AND NOT internal)
                    AS last_customer_comment_at,
                max(created_at) FILTER (WHERE author_kind = 'agent' AND NOT internal) AS last_agent_reply_at,
                {WORDS} AS words
            FROM ticket_comments GROUP BY ticket_id
        ) AS commented
        WHERE tickets.id = commented.ticket_id
    """)
    # One statement, so the table is rewritten once for the new search_vector and the rest.
    op.drop_index("ix_tickets_search", table_name="tickets")
    op.execute(f"ALTER TABLE tickets DROP COLUMN search_vector, {_computed(COMPUTED)}")
    op.create_index("ix_tickets_search", "tickets", ["search_vector"], postgresql_using="gin")
    listed = ", ".join(f"'{value}'" for value in WAITING_ON)
    op.create_check_constraint("waiting_on_allowed", "tickets", f"waiting_on IN ({listed})")
    for name, columns in INDEXES.items():
        op.create_index(name, "tickets", list(columns))
    op.create_index(
        WAITING_INDEX,
        "tickets",
        ["waiting_on", "last_customer_message_at", "id"],
        postgresql_where=sa.text("waiting_on IS NOT NULL"),
    )

    # Both rollups count by whom the tickets wait on ('' for nobody: a key cannot be NULL).
    for table, (key, projection) in ROLLUPS.items():
        waiting_on = sa.Column("waiting_on", sa.String(ENUM_MAX_LENGTH), nullable=False, server_default="")
        op.add_column(table, waiting_on)
        op.alter_column(table, "waiting_on", server_default=None)
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, [*key.split(", "), "waiting_on"])
        _recount(table, f"{key}, waiting_on", f"{projection}, coalesce(waiting_on, '') AS waiting_on")
    for name in OBJECTS:
        op.execute(sql_of(name, revision))


def downgrade():
    op.execute("DROP TRIGGER ticket_activity_on_comment ON ticket_comments")
    op.execute("DROP FUNCTION ticket_activity_apply()")
    op.execute(sql_of("ticket_counts_apply", "0006"))
    for table, (key, projection) in ROLLUPS.items():
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.drop_column(table, "waiting_on")
        _recount(table, key, projection)
        op.create_primary_key(f"pk_{table}", table, key.split(", "))
    op.drop_index(WAITING_INDEX, table_name="tickets")
    for name in INDEXES:
        op.drop_index(name, table_name="tickets")
    op.drop_constraint(op.f("ck_tickets_waiting_on_allowed"), "tickets")
    op.drop_index("ix_tickets_search", table_name="tickets")
    dropped = ", ".join(f"DROP COLUMN {name}" for name in (*COMPUTED, *INSTANTS, CONVERSATION))
    ticket_words = {"search_vector": ("tsvector NOT NULL", TICKET_WORDS)}
    op.execute(f"ALTER TABLE tickets {dropped}, {_computed(ticket_words)}")
    op.create_index("ix_tickets_search", "tickets", ["search_vector"], postgresql_using="gin")
