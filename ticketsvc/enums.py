"""The one definition of every enumerated value ticketsvc stores.

The CHECK constraints, the migrations, the marshmallow schemas, the OpenAPI
description and the classifier all read these classes; nothing else lists the values.
"""

from enum import StrEnum


class Category(StrEnum):
    BILLING = "billing"
    TECHNICAL = "technical"
    ACCOUNT = "account"
    GENERAL = "general"


class Priority(StrEnum):
    """Declared from least to most severe: the declaration order is the ranking."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Priority).index(self)


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Role(StrEnum):
    """What a signed-in user may do: agents triage; admins also manage the accounts."""

    AGENT = "agent"
    ADMIN = "admin"


class ActorKind(StrEnum):
    """Who made a change or wrote a comment: an agent or admin (by id), the customer, or
    the system (a job, or mail that answered itself)."""

    AGENT = "agent"
    CUSTOMER = "customer"
    SYSTEM = "system"


class HistoryAction(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    COMMENTED = "commented"
    RECLASSIFIED = "reclassified"


class ClassificationSource(StrEnum):
    GEMINI = "gemini"
    FALLBACK = "fallback"


def values(enum_class: type[StrEnum]) -> list[str]:
    """The allowed values of an enum, in declaration order."""
    return [member.value for member in enum_class]
