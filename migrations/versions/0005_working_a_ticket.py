"""working a ticket: requester and private key, assignee (and its rollup), comments, and
the history of every change, written by triggers in the same transaction as the change

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Spelled out, not imported from the app, so this revision always creates the same thing.
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254
COMMENT_MAX_LENGTH = 10_000
DIGEST_LENGTH = 32
ENUM_MAX_LENGTH = 20
ACTOR_KINDS = ("agent", "customer", "system")
ACTIONS = ("created", "changed", "commented", "reclassified")
# What history records of a ticket: the fields a client sees and may change (assignee as
# an id). A change of a suggestion field is a reclassification.
TRACKED = {
    "title": "title",
    "description": "description",
    "category": "category",
    "priority": "priority",
    "status": "status",
    "assignee": "assignee_id",
    "requester_name": "requester_name",
    "requester_email": "requester_email",
    "suggested_category": "suggested_category",
    "suggested_priority": "suggested_priority",
    "classification_source": "classification_source",
}
SUGGESTION_FIELDS = ("suggested_category", "suggested_priority", "classification_source")

ASSIGNEE_ROLLUP_KEY = "assignee_id, category, priority, status"
# 0 stands for "nobody": a primary key cannot hold NULL.
ASSIGNEE_PROJECTION = "coalesce(assignee_id, 0) AS assignee_id, category, priority, status"
ROLLUP_KEY = "category, priority, status, classification_source, category_matches, priority_matches"
ROLLUP_PROJECTION = """
    category, priority, status,
    coalesce(classification_source, '') AS classification_source,
    coalesce(category = suggested_category, false) AS category_matches,
    coalesce(priority = suggested_priority, false) AS priority_matches
"""


def _add_to(table: str, key: str, deltas: str) -> str:
    """SQL adding (key…, delta) rows to a rollup; keys locked in sorted order, so that
    concurrent writers cannot deadlock on them."""
    return f"""
    INSERT INTO {table} AS counts
    SELECT {key}, sum(delta) FROM ({deltas}) AS deltas
    GROUP BY {key} HAVING sum(delta) <> 0 ORDER BY {key}
    ON CONFLICT ({key}) DO UPDATE SET ticket_count = counts.ticket_count + excluded.ticket_count;
    """


def _counts_function(with_assignees: bool) -> str:
    """ticket_counts_apply: 0001's rollup, and from this revision on the assignee rollup too
    (one trigger, one pass over the transition tables, for both), and the revision that
    tells readers of the rollups that they changed (after the rollups' rows, so that every
    writer locks in the same order)."""
    rollups = [("ticket_counts", ROLLUP_KEY, ROLLUP_PROJECTION)]
    revised = ""
    if with_assignees:
        rollups.append(("ticket_assignee_counts", ASSIGNEE_ROLLUP_KEY, ASSIGNEE_PROJECTION))
        revised = "UPDATE ticket_counts_revision SET revision = revision + 1;"

    def apply(*sources: tuple[str, int]) -> str:
        def deltas(projection: str) -> str:
            selects = [f"SELECT {projection}, {delta} AS delta FROM {rows}" for rows, delta in sources]
            return " UNION ALL ".join(selects)

        return "".join(_add_to(table, key, deltas(projection)) for table, key, projection in rollups)

    emptied = " ".join(f"DELETE FROM {table};" for table, _, _ in rollups)
    return f"""
CREATE OR REPLACE FUNCTION ticket_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {apply(("new_rows", 1))}
    ELSIF TG_OP = 'UPDATE' THEN {apply(("new_rows", 1), ("old_rows", -1))}
    ELSIF TG_OP = 'DELETE' THEN {apply(("old_rows", -1))}
    ELSE {emptied}  -- TRUNCATE
    END IF;
    {revised}
    RETURN NULL;
END;
$$
"""


# Who is writing: set by the app at the start of each transaction with
# set_config('ticketsvc.actor', '{"kind": …, "id": …, "name": …}', true). A write that
# does not say who makes it fails, rather than leave an entry without an actor.
ACTOR_FUNCTION = """
CREATE FUNCTION ticketsvc_actor() RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
    actor text := current_setting('ticketsvc.actor', true);
BEGIN
    IF actor IS NULL OR actor = '' THEN
        RAISE EXCEPTION 'ticketsvc.actor is not set: every change to a ticket must say who makes it'
            USING HINT = 'SELECT set_config(''ticketsvc.actor'', ''{"kind": "system", "name": "…"}'', true)'
                || ' at the start of the transaction';
    END IF;
    RETURN actor::jsonb;
END;
$$
"""

ENTRY_COLUMNS = "ticket_id, actor_kind, actor_id, actor_name, action, changes"
ACTOR_VALUES = "actor->>'kind', (actor->>'id')::bigint, actor->>'name'"


def _changed(field: str, column: str) -> str:
    return (
        f"'{field}', CASE WHEN old_rows.{column} IS DISTINCT FROM new_rows.{column}"
        f" THEN jsonb_build_array(old_rows.{column}, new_rows.{column}) END"
    )


CREATED_FIELDS = ", ".join(
    f"'{field}', jsonb_build_array(NULL, new_rows.{column})" for field, column in TRACKED.items()
)
CHANGED_FIELDS = ", ".join(_changed(field, column) for field, column in TRACKED.items())
SUGGESTION_KEYS = ", ".join(f"'{field}'" for field in SUGGESTION_FIELDS)

HISTORY_FUNCTION = "ticket_history_apply"
HISTORY_OF_TICKETS_FUNCTION = f"""
CREATE FUNCTION ticket_history_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor jsonb := ticketsvc_actor();
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_history ({ENTRY_COLUMNS})
        SELECT new_rows.id, {ACTOR_VALUES}, 'created', jsonb_build_object({CREATED_FIELDS})
        FROM new_rows ORDER BY new_rows.id;
    ELSE
        -- Only the fields whose value changed; a change that changes nothing leaves no entry.
        INSERT INTO ticket_history ({ENTRY_COLUMNS})
        SELECT id, {ACTOR_VALUES},
            CASE WHEN changes ?| ARRAY[{SUGGESTION_KEYS}] THEN 'reclassified' ELSE 'changed' END,
            changes
        FROM (
            SELECT new_rows.id, jsonb_strip_nulls(jsonb_build_object({CHANGED_FIELDS})) AS changes
            FROM old_rows JOIN new_rows ON new_rows.id = old_rows.id
        ) AS changed
        WHERE changes <> '{{}}'::jsonb ORDER BY id;
    END IF;
    RETURN NULL;
END;
$$
"""

HISTORY_OF_COMMENTS_FUNCTION = f"""
CREATE FUNCTION ticket_comment_history_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor jsonb := ticketsvc_actor();
BEGIN
    INSERT INTO ticket_history ({ENTRY_COLUMNS})
    SELECT ticket_id, {ACTOR_VALUES}, 'commented',
        jsonb_build_object(
            'comment_id', jsonb_build_array(NULL, id), 'internal', jsonb_build_array(NULL, internal)
        )
    FROM new_rows ORDER BY id;
    RETURN NULL;
END;
$$
"""

TRIGGERS = {
    "ticket_history_on_insert": "AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows",
    "ticket_history_on_update": (
        "AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    ),
}


def _now(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False)


def upgrade():
    op.add_column("tickets", sa.Column("assignee_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key("fk_tickets_assignee_id_users", "tickets", "users", ["assignee_id"], ["id"])
    for column in (
        sa.Column("requester_name", sa.String(length=NAME_MAX_LENGTH), nullable=True),
        sa.Column("requester_email", sa.String(length=EMAIL_MAX_LENGTH), nullable=True),
        sa.Column("access_key_digest", sa.LargeBinary(length=DIGEST_LENGTH), nullable=True),
    ):
        op.add_column("tickets", column)
    op.create_check_constraint("requester_name_not_blank", "tickets", "requester_name ~ '[^[:space:]]'")
    op.create_check_constraint("requester_email_has_at", "tickets", "requester_email LIKE '%_@_%'")
    # A key opens exactly one ticket; imported and seeded tickets have none.
    op.create_index(
        "uq_tickets_access_key_digest",
        "tickets",
        ["access_key_digest"],
        unique=True,
        postgresql_where=sa.text("access_key_digest IS NOT NULL"),
    )
    # "Mine" and "Unassigned" lists walk one assignee's tickets newest first (0: nobody's).
    op.create_index(
        "ix_tickets_assignee_created_at_id",
        "tickets",
        [sa.text("COALESCE(assignee_id, 0::bigint)"), "created_at", "id"],
    )

    op.create_table(
        "ticket_assignee_counts",
        sa.Column("assignee_id", sa.BigInteger(), nullable=False),
        sa.Column("category", sa.String(length=ENUM_MAX_LENGTH), nullable=False),
        sa.Column("priority", sa.String(length=ENUM_MAX_LENGTH), nullable=False),
        sa.Column("status", sa.String(length=ENUM_MAX_LENGTH), nullable=False),
        sa.Column("ticket_count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*ASSIGNEE_ROLLUP_KEY.split(", "), name="pk_ticket_assignee_counts"),
    )
    op.execute(f"""
        INSERT INTO ticket_assignee_counts
        SELECT {ASSIGNEE_ROLLUP_KEY}, count(*)
        FROM (SELECT {ASSIGNEE_PROJECTION} FROM tickets) AS projected GROUP BY {ASSIGNEE_ROLLUP_KEY}
    """)
    # One row: how many times the rollups changed. Stats are served from a copy kept per
    # process while it stays the same (stats/service.py).
    op.create_table(
        "ticket_counts_revision",
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("one_row", sa.Boolean(), server_default="true", nullable=False),
        sa.PrimaryKeyConstraint("one_row", name="pk_ticket_counts_revision"),
        sa.CheckConstraint("one_row", name="one_row"),
    )
    op.execute("INSERT INTO ticket_counts_revision (revision) VALUES (0)")
    op.execute(_counts_function(with_assignees=True))

    op.create_table(
        "ticket_comments",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("ticket_id", sa.BigInteger(), nullable=False),
        # NULL: the customer wrote it.
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        _now("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_comments"),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_comments_ticket_id_tickets", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_ticket_comments_author_id_users"),
        sa.CheckConstraint("body ~ '[^[:space:]]'", name="body_not_blank"),
        sa.CheckConstraint(f"char_length(body) <= {COMMENT_MAX_LENGTH}", name="body_length"),
        # Customers have no internal notes.
        sa.CheckConstraint("author_id IS NOT NULL OR NOT internal", name="customer_comments_public"),
    )
    op.create_index("ix_ticket_comments_ticket_id_id", "ticket_comments", ["ticket_id", "id"])

    actor_kinds = ", ".join(f"'{kind}'" for kind in ACTOR_KINDS)
    actions = ", ".join(f"'{action}'" for action in ACTIONS)
    op.create_table(
        "ticket_history",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False),
        sa.Column("ticket_id", sa.BigInteger(), nullable=False),
        _now("at"),
        sa.Column("actor_kind", sa.String(length=ENUM_MAX_LENGTH), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_name", sa.String(length=NAME_MAX_LENGTH), nullable=True),
        sa.Column("action", sa.String(length=ENUM_MAX_LENGTH), nullable=False),
        sa.Column("changes", JSONB(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_history"),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_history_ticket_id_tickets", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name="fk_ticket_history_actor_id_users"),
        sa.CheckConstraint(f"actor_kind IN ({actor_kinds})", name="actor_kind_allowed"),
        sa.CheckConstraint(f"action IN ({actions})", name="action_allowed"),
        sa.CheckConstraint("(actor_kind = 'agent') = (actor_id IS NOT NULL)", name="agents_named_by_id"),
    )
    # A ticket's history, oldest first: one range of this index.
    op.create_index("ix_ticket_history_ticket_id_id", "ticket_history", ["ticket_id", "id"])

    op.execute(ACTOR_FUNCTION)
    op.execute(HISTORY_OF_TICKETS_FUNCTION)
    op.execute(HISTORY_OF_COMMENTS_FUNCTION)
    for name, event in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} FOR EACH STATEMENT EXECUTE FUNCTION {HISTORY_FUNCTION}()")
    op.execute(
        "CREATE TRIGGER ticket_history_on_comment AFTER INSERT ON ticket_comments REFERENCING NEW TABLE"
        " AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_comment_history_apply()"
    )
    # Tickets that exist before this revision get their "created" entry now, dated then.
    op.execute(f"""
        INSERT INTO ticket_history ({ENTRY_COLUMNS}, at)
        SELECT new_rows.id, 'system', NULL, 'migration 0005', 'created',
            jsonb_build_object({CREATED_FIELDS}), new_rows.created_at
        FROM tickets AS new_rows ORDER BY new_rows.id
    """)


def downgrade():
    op.drop_table("ticket_history")  # its triggers go with the tables they are on, below
    op.drop_table("ticket_comments")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON tickets")
    op.execute("DROP FUNCTION ticket_comment_history_apply()")
    op.execute("DROP FUNCTION ticket_history_apply()")
    op.execute("DROP FUNCTION ticketsvc_actor()")
    op.execute(_counts_function(with_assignees=False))
    op.drop_table("ticket_counts_revision")
    op.drop_table("ticket_assignee_counts")
    op.drop_index("ix_tickets_assignee_created_at_id", table_name="tickets")
    op.drop_index("uq_tickets_access_key_digest", table_name="tickets")
    op.drop_constraint(op.f("ck_tickets_requester_email_has_at"), "tickets")
    op.drop_constraint(op.f("ck_tickets_requester_name_not_blank"), "tickets")
    for column in ("access_key_digest", "requester_email", "requester_name"):
        op.drop_column("tickets", column)
    op.drop_constraint(op.f("fk_tickets_assignee_id_users"), "tickets")
    op.drop_column("tickets", "assignee_id")
