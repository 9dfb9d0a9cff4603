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
    Index,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.enums import Category, ClassificationSource, Priority, Status, values
from ticketsvc.extensions import db

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
ENUM_MAX_LENGTH = 20
MODEL_NAME_MAX_LENGTH = 100

# The regconfig is spelled out so the expression is immutable and can back an index;
# 'simple' (no stemming, no stop words) gives the contract's "every word, by prefix".
SEARCH_CONFIG = text("'simple'::regconfig")

# What tickets.search_vector stores: the document without word positions, which nothing
# reads (no phrase search, no ranking) and which would make the column half again as big.
# Written the way PostgreSQL prints it back, so autogenerate sees no difference.
SEARCH_VECTOR_SQL = "strip(to_tsvector('simple'::regconfig, (((title)::text || ' '::text) || description)))"


class TicketCount(db.Model):
    """How many tickets share each combination of the values that stats and filters read.

    Kept exact by statement-level triggers on tickets (see the migration), in the same
    transaction as the write, so counting never scans tickets. At most 768 rows.
    """

    __tablename__ = "ticket_counts"

    category: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    priority: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    status: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    # '' when the tickets carry no suggestion.
    classification_source: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), primary_key=True)
    category_matches: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    priority_matches: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    ticket_count: Mapped[int] = mapped_column(BigInteger)


def enum_check(column: str, enum_class) -> CheckConstraint:
    """A named CHECK constraint allowing exactly the enum's values (NULL passes)."""
    allowed = ", ".join(f"'{value}'" for value in values(enum_class))
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_allowed")


def has_visible_text(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} ~ '[^[:space:]]'", name=f"{column}_not_blank")


class Ticket(db.Model):
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
    # of building a GIN bitmap of every match (README, Performance).
    search_vector = mapped_column(TSVECTOR, Computed(SEARCH_VECTOR_SQL, persisted=True), nullable=False)

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
    )
