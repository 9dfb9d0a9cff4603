"""tickets, and the ticket_counts rollup kept exact by triggers

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

# The schema as this revision created it, spelled out rather than imported from the app:
# a later change to the enums or the models must not change what 0001 creates.
CATEGORIES = ("billing", "technical", "account", "general")
PRIORITIES = ("low", "medium", "high", "critical")
STATUSES = ("open", "in_progress", "resolved", "closed")
CLASSIFICATION_SOURCES = ("gemini", "fallback")
TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
ENUM_MAX_LENGTH = 20
MODEL_NAME_MAX_LENGTH = 100
SEARCH_DOCUMENT_SQL = "to_tsvector('simple'::regconfig, (title::text || ' '::text) || description)"


def enum_check(column: str, allowed: tuple[str, ...]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in allowed)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=f"{column}_allowed")


def has_visible_text(column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} ~ '[^[:space:]]'", name=f"{column}_not_blank")


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ROLLUP_KEY = "category, priority, status, classification_source, category_matches, priority_matches"

# One row per ticket, projected onto the rollup's key.
ROLLUP_PROJECTION = """
    category, priority, status,
    coalesce(classification_source, '') AS classification_source,
    coalesce(category = suggested_category, false) AS category_matches,
    coalesce(priority = suggested_priority, false) AS priority_matches
"""


def _add_to_counts(deltas: str) -> str:
    """SQL adding (key…, delta) rows to ticket_counts.

    Keys are locked in sorted order, so concurrent writers cannot deadlock on them.
    """
    return f"""
    INSERT INTO ticket_counts AS counts
    SELECT {ROLLUP_KEY}, sum(delta) FROM ({deltas}) AS deltas
    GROUP BY {ROLLUP_KEY} HAVING sum(delta) <> 0 ORDER BY {ROLLUP_KEY}
    ON CONFLICT ({ROLLUP_KEY})
    DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
    """


INSERTED = f"SELECT {ROLLUP_PROJECTION}, 1 AS delta FROM new_rows"
DELETED = f"SELECT {ROLLUP_PROJECTION}, -1 AS delta FROM old_rows"

# Statement-level triggers see every row a statement changed at once: a COPY of
# 20,000 rows costs one upsert of at most 768 keys, not 20,000.
APPLY_COUNTS_FUNCTION = f"""
CREATE FUNCTION ticket_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_add_to_counts(INSERTED)}
    ELSIF TG_OP = 'UPDATE' THEN {_add_to_counts(f"{INSERTED} UNION ALL {DELETED}")}
    ELSIF TG_OP = 'DELETE' THEN {_add_to_counts(DELETED)}
    ELSE DELETE FROM ticket_counts;  -- TRUNCATE
    END IF;
    RETURN NULL;
END;
$$
"""

TRIGGERS = {
    "ticket_counts_on_insert": "AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows",
    "ticket_counts_on_update": (
        "AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    ),
    "ticket_counts_on_delete": "AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows",
    "ticket_counts_on_truncate": "AFTER TRUNCATE ON tickets",
}


def upgrade():
    enum_column = sa.String(length=ENUM_MAX_LENGTH)
    op.create_table(
        "tickets",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("title", sa.String(length=TITLE_MAX_LENGTH), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", enum_column, nullable=False),
        sa.Column("priority", enum_column, nullable=False),
        sa.Column("status", enum_column, server_default="open", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("suggested_category", enum_column, nullable=True),
        sa.Column("suggested_priority", enum_column, nullable=True),
        sa.Column("classification_source", enum_column, nullable=True),
        sa.Column("classification_model", sa.String(length=MODEL_NAME_MAX_LENGTH), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
        enum_check("category", CATEGORIES),
        enum_check("priority", PRIORITIES),
        enum_check("status", STATUSES),
        enum_check("suggested_category", CATEGORIES),
        enum_check("suggested_priority", PRIORITIES),
        enum_check("classification_source", CLASSIFICATION_SOURCES),
        has_visible_text("title"),
        has_visible_text("description"),
        sa.CheckConstraint(
            f"char_length(description) <= {DESCRIPTION_MAX_LENGTH}", name="description_length"
        ),
        sa.CheckConstraint(
            "(suggested_category IS NULL) = (suggested_priority IS NULL)"
            " AND (suggested_category IS NULL) = (classification_source IS NULL)",
            name="suggestion_complete",
        ),
    )
    op.create_index("ix_tickets_created_at_id", "tickets", ["created_at", "id"])
    for column in ("status", "category", "priority"):
        op.create_index(f"ix_tickets_{column}_created_at_id", "tickets", [column, "created_at", "id"])
    op.create_index(
        "ix_tickets_search",
        "tickets",
        [sa.text(SEARCH_DOCUMENT_SQL)],
        postgresql_using="gin",
    )

    op.create_table(
        "ticket_counts",
        sa.Column("category", enum_column, nullable=False),
        sa.Column("priority", enum_column, nullable=False),
        sa.Column("status", enum_column, nullable=False),
        sa.Column("classification_source", enum_column, nullable=False),
        sa.Column("category_matches", sa.Boolean(), nullable=False),
        sa.Column("priority_matches", sa.Boolean(), nullable=False),
        sa.Column("ticket_count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*ROLLUP_KEY.split(", "), name="pk_ticket_counts"),
    )
    op.execute(APPLY_COUNTS_FUNCTION)
    for name, event in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_apply()")


def downgrade():
    op.drop_table("ticket_counts")
    op.drop_table("tickets")  # drops its indexes and triggers with it
    op.execute("DROP FUNCTION ticket_counts_apply()")
