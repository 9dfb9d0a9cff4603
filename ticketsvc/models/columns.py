"""What the tables share: lengths, and the CHECK constraints that repeat the enums and
refuse blank text, so the database has the last word on what the schemas already check."""

from sqlalchemy import CheckConstraint

from ticketsvc.enums import values

ENUM_MAX_LENGTH = 20
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a forward path
DIGEST_LENGTH = 32  # SHA-256


def enum_check(column: str, enum_class) -> CheckConstraint:
    """A named CHECK constraint allowing exactly the enum's values (NULL passes)."""
    allowed = ", ".join(f"'{value}'" for value in values(enum_class))
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_allowed")


def has_visible_text(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} ~ '[^[:space:]]'", name=f"{column}_not_blank")
