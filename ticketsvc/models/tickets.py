"""The schema: tickets, and the rollup of their counts that stats and list counts read.

Every rule here is repeated by the marshmallow schemas, but the database has the last
word: CHECK constraints, NOT NULL and lengths hold for writes that bypass the app.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.enums import Category, ClassificationSource, Priority, Status, WaitingOn
from ticketsvc.extensions import Model
from ticketsvc.models.columns import (
    DIGEST_LENGTH,
    EMAIL_MAX_LENGTH,
    ENUM_MAX_LENGTH,
    NAME_MAX_LENGTH,
    enum_check,
    has_visible_text,
)

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
MODEL_NAME_MAX_LENGTH = 100

# The regconfig is spelled out so the expression is immutable and can back an index;
# 'simple' (no stemming, no stop words) gives the contract's "every word, by prefix".
SEARCH_CONFIG = text("'simple'::regconfig")

# A ticket's assignee as the assignee rollup and its index key it: 0 stands for nobody.
ASSIGNEE_OR_NOBODY_SQL = "COALESCE(assignee_id, 0::bigint)"
# What tickets.search_vector stores: the words of the ticket (title, description, the
# requester's name and address) and of its conversation (conversation_vector, which the
# comment trigger keeps), without word positions, which nothing reads (no phrase search,
# no ranking) and which would make the column half again as big
# (docs/decisions/042-search-over-requester-and-conversation.md).
# Written the way PostgreSQL prints it back, so autogenerate sees no difference.
SEARCH_VECTOR_SQL = (
    "(strip(to_tsvector('simple'::regconfig, (((((((title)::text || ' '::text) || description) || ' '::text)"
    " || (COALESCE(requester_name, ''::character varying))::text) || ' '::text)"
    " || (COALESCE(requester_email, ''::character varying))::text)))"
    " || COALESCE(conversation_vector, ''::tsvector))"
)

# Where the queue stands, computed by PostgreSQL from the instants the comment trigger and
# the ticket's own writes keep (docs/decisions/041-waiting-on-kept-with-the-history.md).
# The latest of: created, any change (updated_at), any comment, internal notes included.
LAST_ACTIVITY_SQL = "GREATEST(created_at, updated_at, last_comment_at)"
# The customer's latest public comment, by web or mail; else the ticket itself.
LAST_CUSTOMER_MESSAGE_SQL = "COALESCE(last_customer_comment_at, created_at)"
# Nobody's move once resolved or closed; the customer's when an agent's public reply is the
# latest public word (the ticket itself counting as the customer's first); else the team's.
CLOSED_STATUSES = ", ".join(f"'{status}'" for status in (Status.RESOLVED, Status.CLOSED))
WAITING_ON_SQL = (
    f"CASE WHEN status IN ({CLOSED_STATUSES}) THEN NULL"
    f" WHEN last_agent_reply_at > COALESCE(last_customer_comment_at, created_at) THEN '{WaitingOn.CUSTOMER}'"
    f" ELSE '{WaitingOn.US}' END"
)


class TicketCount(Model):
    """How many tickets share each combination of the values that stats and filters read.

    Kept exact by statement-level triggers on tickets (see the migration), in the same
    transaction as the write, so counting never scans tickets. At most 1,152 rows.
    """

    __tablename__ = "ticket_counts"

    category: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    priority: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    status: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    # '' when the tickets carry no suggestion.
    classification_source: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    category_matches: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    priority_matches: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    # '' when the tickets wait on nobody (resolved or closed).
    waiting_on: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    ticket_count: Mapped[int] = mapped_column(BigInteger)


class Ticket(Model):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    priority: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    status: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), server_default=Status.OPEN.value)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    updated_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    suggested_category: Mapped[str | None] = mapped_column(String(ENUM_MAX_LENGTH))
    suggested_priority: Mapped[str | None] = mapped_column(String(ENUM_MAX_LENGTH))
    classification_source: Mapped[str | None] = mapped_column(String(ENUM_MAX_LENGTH))
    classification_model: Mapped[str | None] = mapped_column(String(MODEL_NAME_MAX_LENGTH))
    # Stored rather than an expression index, so a search checks a row without re-parsing
    # its text: a bounded count of a common word can then stop after a short scan instead
    # of building a GIN bitmap of every match (docs/decisions/016-search-on-a-stored-tsvector.md).
    search_vector = mapped_column(TSVECTOR, Computed(SEARCH_VECTOR_SQL, persisted=True), nullable=False)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Who asked, when they said; agents see it, the customer's view does not.
    requester_name: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    requester_email: Mapped[str | None] = mapped_column(String(EMAIL_MAX_LENGTH))
    # The digest of the customer's private key (accounts/credentials.py), made when the ticket
    # is created through the API; imported and seeded tickets have none.
    access_key_digest: Mapped[bytes | None] = mapped_column(LargeBinary(DIGEST_LENGTH))
    # With SECRET_KEY, derives the key that mail's follow links carry (tickets/follow_keys.py).
    follow_salt = mapped_column(Uuid, nullable=False, server_default=func.gen_random_uuid())
    # The instants the queue is computed from, set by the comment trigger
    # (db/sql/ticket_activity_apply): any comment, the customer's latest public one, an
    # agent's latest public reply. Internal: the API shows what follows from them.
    last_comment_at = mapped_column(DateTime(timezone=True))
    last_customer_comment_at = mapped_column(DateTime(timezone=True))
    last_agent_reply_at = mapped_column(DateTime(timezone=True))
    # The words of every comment, internal notes too (only agents search), stripped like
    # search_vector; NULL until the first comment.
    conversation_vector = mapped_column(TSVECTOR)
    last_activity_at = mapped_column(
        DateTime(timezone=True), Computed(LAST_ACTIVITY_SQL, persisted=True), nullable=False
    )
    last_customer_message_at = mapped_column(
        DateTime(timezone=True), Computed(LAST_CUSTOMER_MESSAGE_SQL, persisted=True), nullable=False
    )
    waiting_on: Mapped[str | None] = mapped_column(
        String(ENUM_MAX_LENGTH), Computed(WAITING_ON_SQL, persisted=True)
    )

    __table_args__ = (
        enum_check("category", Category),
        enum_check("priority", Priority),
        enum_check("status", Status),
        enum_check("suggested_category", Category),
        enum_check("suggested_priority", Priority),
        enum_check("classification_source", ClassificationSource),
        has_visible_text("title"),
        has_visible_text("description"),
        CheckConstraint(f"char_length(description) <= {DESCRIPTION_MAX_LENGTH}", name="description_length"),
        CheckConstraint(
            "(suggested_category IS NULL) = (suggested_priority IS NULL)"
            " AND (suggested_category IS NULL) = (classification_source IS NULL)",
            name="suggestion_complete",
        ),
        # The default listing (newest first) and deep pages walk this index.
        Index("ix_tickets_created_at_id", "created_at", "id"),
        # Filtered listings: each walks one filter's index in created_at order and
        # checks the other filters on the way; their counts come from ticket_counts.
        Index("ix_tickets_status_created_at_id", "status", "created_at", "id"),
        Index("ix_tickets_category_created_at_id", "category", "created_at", "id"),
        Index("ix_tickets_priority_created_at_id", "priority", "created_at", "id"),
        # A search within a category and status counts along this one (tickets/service.py).
        Index("ix_tickets_category_status_created_at_id", "category", "status", "created_at", "id"),
        Index("ix_tickets_search", "search_vector", postgresql_using="gin"),
        has_visible_text("requester_name"),
        CheckConstraint("requester_email LIKE '%_@_%'", name="requester_email_has_at"),
        Index(
            "uq_tickets_access_key_digest",
            "access_key_digest",
            unique=True,
            postgresql_where=text("access_key_digest IS NOT NULL"),
        ),
        # "Mine" and "Unassigned" walk one assignee's tickets newest first (0: nobody's).
        Index("ix_tickets_assignee_created_at_id", text(ASSIGNEE_OR_NOBODY_SQL), "created_at", "id"),
        enum_check("waiting_on", WaitingOn),
        # The queue's orderings, and updated_since (a range of the first).
        Index("ix_tickets_last_activity_at_id", "last_activity_at", "id"),
        Index("ix_tickets_last_customer_message_at_id", "last_customer_message_at", "id"),
        # "Waiting on us", longest wait first: one range of this index. Resolved and closed
        # tickets, most of them, wait on nobody and stay out of it.
        Index(
            "ix_tickets_waiting_on_last_customer_message_at_id",
            "waiting_on",
            "last_customer_message_at",
            "id",
            postgresql_where=text("waiting_on IS NOT NULL"),
        ),
    )


class TicketCountsRevision(Model):
    """One row: how many times the rollups changed, bumped by their trigger in the same
    transaction. Stats are kept per process for as long as it stays the same."""

    __tablename__ = "ticket_counts_revision"

    revision: Mapped[int] = mapped_column(BigInteger)
    one_row: Mapped[bool] = mapped_column(Boolean, primary_key=True, server_default="true")

    __table_args__ = (CheckConstraint("one_row", name="one_row"),)


class TicketAssigneeCount(Model):
    """How many tickets each assignee (0: nobody) holds per category, priority, status and
    whom they wait on ('' for nobody).

    Kept exact by the same trigger as ticket_counts; apart from it because an assignee
    dimension would multiply that rollup's rows, which every stats request reads.
    """

    __tablename__ = "ticket_assignee_counts"

    assignee_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    category: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    priority: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    status: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    waiting_on: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    ticket_count: Mapped[int] = mapped_column(BigInteger)
