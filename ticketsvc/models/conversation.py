"""What happens to a ticket after it is made: the conversation, and the history of every
change, with who made it.

History entries are written by triggers on tickets and ticket_comments (db/objects.py),
in the same transaction as the change they record, whatever wrote it: the API, an import,
the reclassify job or SQL typed by hand. Each transaction says who is writing
(db/actor.py); one that does not is refused. Entries and comments keep their author's
name as it was then: a renamed agent does not rewrite who did what.
"""

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, ForeignKey, Index, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.enums import ActorKind, Channel, HistoryAction
from ticketsvc.extensions import Model
from ticketsvc.models.columns import ENUM_MAX_LENGTH, NAME_MAX_LENGTH, enum_check, has_visible_text

COMMENT_MAX_LENGTH = 10_000


class TicketComment(Model):
    """A public reply, or an internal note only agents see."""

    __tablename__ = "ticket_comments"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    author_kind: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    # Agents only.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # An agent's name when they wrote it, or what the system is ("automatic mail"); a
    # customer's comment shows the ticket's requester_name instead.
    author_name: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    body: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(Boolean)
    channel: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), server_default=Channel.WEB.value)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())

    __table_args__ = (
        has_visible_text("body"),
        CheckConstraint(f"char_length(body) <= {COMMENT_MAX_LENGTH}", name="body_length"),
        enum_check("author_kind", ActorKind),
        enum_check("channel", Channel),
        CheckConstraint("(author_kind = 'agent') = (author_id IS NOT NULL)", name="agents_named_by_id"),
        CheckConstraint("(author_kind = 'customer') = (author_name IS NULL)", name="author_named"),
        CheckConstraint("author_kind <> 'customer' OR NOT internal", name="customer_comments_public"),
        Index("ix_ticket_comments_ticket_id_id", "ticket_id", "id"),
    )


class HistoryEntry(Model):
    """One change of one ticket: who, when, what (changes: field → [from, to])."""

    __tablename__ = "ticket_history"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    actor_kind: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # An agent's name when they acted; for the system, what ran ("flask tickets reclassify").
    actor_name: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    action: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    changes = mapped_column(JSONB, nullable=False)

    __table_args__ = (
        enum_check("actor_kind", ActorKind),
        enum_check("action", HistoryAction),
        CheckConstraint("(actor_kind = 'agent') = (actor_id IS NOT NULL)", name="agents_named_by_id"),
        CheckConstraint("actor_kind = 'customer' OR actor_name IS NOT NULL", name="actor_named"),
        Index("ix_ticket_history_ticket_id_id", "ticket_id", "id"),
    )
