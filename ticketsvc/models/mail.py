"""Mail: the outbox each change writes to in its own transaction, what came in, and the
password resets whose links go out by mail."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.enums import MailDoor, MailOutcome, MailState
from ticketsvc.extensions import Model
from ticketsvc.mail.kinds import MailKind
from ticketsvc.models.columns import DIGEST_LENGTH, EMAIL_MAX_LENGTH, ENUM_MAX_LENGTH, enum_check

MESSAGE_ID_MAX_LENGTH = 255
# RFC 5322 caps a line at 998 characters; a longer Message-ID is not one.
INCOMING_MESSAGE_ID_MAX_LENGTH = 1000


class OutgoingMail(Model):
    """One mail to send: queued with the change that causes it, delivered by the worker.

    The words are written when it is sent (mail/delivery.py), from the rows it names, so
    no key or token ever rests in this table.
    """

    __tablename__ = "outgoing_mail"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_comments.id", ondelete="CASCADE"))
    # The agent or user mailed; NULL for the ticket's customer.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    to_address: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH))
    message_id: Mapped[str] = mapped_column(String(MESSAGE_ID_MAX_LENGTH), unique=True)
    # What the words need beyond the rows named: who assigned, a bulk change's tickets, …
    details = mapped_column(JSONB, nullable=False, server_default="{}")
    state: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH), server_default=MailState.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    updated_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    sent_at = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        enum_check("kind", MailKind),
        enum_check("state", MailState),
        Index("ix_outgoing_mail_due", "next_attempt_at", "id", postgresql_where=text("state = 'queued'")),
        Index("ix_outgoing_mail_comment_id", "comment_id", postgresql_where=text("comment_id IS NOT NULL")),
        Index("ix_outgoing_mail_ticket_id_id", "ticket_id", "id"),
        Index("ix_outgoing_mail_sent_at", "sent_at", postgresql_where=text("state = 'sent'")),
        Index("ix_outgoing_mail_failed_at", "updated_at", postgresql_where=text("state = 'failed'")),
        Index("ix_outgoing_mail_to_address", func.lower(to_address), "created_at"),
    )


class IncomingMail(Model):
    """Every message that came in, kept whole (up to MAIL_MAX_BYTES) so that an agent can
    read the original, and what it came to."""

    __tablename__ = "incoming_mail"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # The Message-ID, or the digest of the raw bytes of a message without one.
    dedupe_key: Mapped[str] = mapped_column(String(INCOMING_MESSAGE_ID_MAX_LENGTH), unique=True)
    message_id: Mapped[str | None] = mapped_column(String(INCOMING_MESSAGE_ID_MAX_LENGTH))
    door: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    received_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    from_address: Mapped[str | None] = mapped_column(String(EMAIL_MAX_LENGTH))
    subject: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(ENUM_MAX_LENGTH))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_comments.id", ondelete="SET NULL"))
    # Why nothing came of it, for an admin (an ignored message, a bounce of unknown mail).
    note: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (
        enum_check("outcome", MailOutcome),
        enum_check("door", MailDoor),
        Index("ix_incoming_mail_ticket_id", "ticket_id"),
        Index("ix_incoming_mail_comment_id", "comment_id", postgresql_where=text("comment_id IS NOT NULL")),
        Index("ix_incoming_mail_received_at", "received_at"),
    )


class PasswordReset(Model):
    """A forgotten password's single-use link: its token is derived from SECRET_KEY and the
    salt (accounts/password_resets.py), and only its digest is kept."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    salt = mapped_column(Uuid, nullable=False, server_default=func.gen_random_uuid())
    token_digest: Mapped[bytes] = mapped_column(LargeBinary(DIGEST_LENGTH), unique=True)
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    expires_at = mapped_column(DateTime(timezone=True), nullable=False)
    used_at = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_password_resets_user_id", "user_id"),)


class MailFetchState(Model):
    """One row: when the mailbox was last read, and what went wrong then."""

    __tablename__ = "mail_fetch_state"

    one_row: Mapped[bool] = mapped_column(Boolean, primary_key=True, server_default="true")
    last_fetch_at = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("one_row", name="one_row"),)
