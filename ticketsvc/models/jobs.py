"""Background work that outlives the request that asked for it: bulk changes over a
filter, which the worker (`flask worker`) carries out a chunk of tickets at a time."""

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.enums import JobState
from ticketsvc.extensions import Model
from ticketsvc.models.columns import ENUM_MAX_LENGTH, NAME_MAX_LENGTH, enum_check


class BulkJob(Model):
    """POST /api/tickets/bulk/ with a filter: what to change, which tickets, how far it got.

    Each chunk advances last_ticket_id in the transaction that changes the chunk's tickets,
    so the job resumes exactly where the last committed chunk ended.
    """

    __tablename__ = "bulk_jobs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # Who asked, with their name then: each chunk's history entries name them.
    caller_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    caller_name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    # The list's filters as accepted ("me" resolved to the caller's id), and the values to set.
    filters = mapped_column(JSONB, nullable=False)
    changes = mapped_column(JSONB, nullable=False)
    state: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), server_default=JobState.RUNNING.value)
    matched: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer, server_default="0")
    # The newest ticket when the job was accepted: tickets created later are not part of it.
    up_to_ticket_id: Mapped[int] = mapped_column(BigInteger)
    # The last ticket a committed chunk looked at; the next chunk starts after it.
    last_ticket_id: Mapped[int] = mapped_column(BigInteger, server_default="0")
    # For the one summary mail the new assignee gets when the job ends: how many tickets it
    # gave them, and the first of them ([id, title]) that the mail lists.
    assigned_count: Mapped[int] = mapped_column(Integer, server_default="0")
    assigned_tickets = mapped_column(JSONB, nullable=False, server_default="[]")
    started_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    # When its last chunk ran: workers take the job that waited longest, so a small job is
    # not held up behind a large one.
    progressed_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    finished_at = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        enum_check("state", JobState),
        CheckConstraint("(state = 'running') = (finished_at IS NULL)", name="finished_unless_running"),
        Index("ix_bulk_jobs_due", "progressed_at", "id", postgresql_where=text("state = 'running'")),
    )
