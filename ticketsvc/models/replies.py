"""Canned replies: answers agents keep to send again, their own or shared with the team.

The list every agent reads is "the shared replies and my own, most used first": each half
has a partial index, keyed in the list's order, so the list reads the replies it shows and
none of those others keep to themselves (docs/decisions/043-canned-replies.md).
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ticketsvc.extensions import Model
from ticketsvc.models.columns import has_visible_text
from ticketsvc.models.conversation import COMMENT_MAX_LENGTH

REPLY_TITLE_MAX_LENGTH = 100
# A reply becomes a comment's body.
REPLY_BODY_MAX_LENGTH = COMMENT_MAX_LENGTH
# The list's order, and its indexes': most used first, then the oldest.
BY_USES = (text("uses DESC"), "id")


class CannedReply(Model):
    """An answer kept to be sent again; shared ones are the team's, the others their owner's."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(REPLY_TITLE_MAX_LENGTH))
    body: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(Boolean, server_default="false")
    # Comments made from it; counted in the comment's transaction.
    uses: Mapped[int] = mapped_column(BigInteger, server_default="0")
    created_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    updated_at = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())

    __table_args__ = (
        has_visible_text("title"),
        has_visible_text("body"),
        CheckConstraint(f"char_length(body) <= {REPLY_BODY_MAX_LENGTH}", name="body_length"),
        CheckConstraint("uses >= 0", name="uses_not_negative"),
        Index("ix_canned_replies_shared_by_uses", *BY_USES, postgresql_where=text("shared")),
        Index("ix_canned_replies_owner_by_uses", "owner_id", *BY_USES, postgresql_where=text("NOT shared")),
    )
