"""The one definition of every enumerated value ticketsvc stores.

The CHECK constraints, the migrations, the marshmallow schemas, the OpenAPI
description and the classifier all read these classes; nothing else lists the values,
but for the kinds of mail, kept in mail/kinds.py beside the Auto-Submitted value of each.
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


class WaitingOn(StrEnum):
    """Whose move it is on an open or in-progress ticket: the team's (the customer wrote
    last, or nobody answered yet) or the customer's (an agent answered last)."""

    US = "us"
    CUSTOMER = "customer"


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


class Channel(StrEnum):
    """How a comment came: written in the browser (or the API), or mailed."""

    WEB = "web"
    MAIL = "mail"


class MailState(StrEnum):
    """Where an outgoing mail is: waiting (or retrying), delivered, given up on, or not sent
    on purpose (mail switched off, an automatic address, the hourly cap)."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class MailOutcome(StrEnum):
    """What one incoming mail came to (the contract's order of checks)."""

    CREATED = "created"
    REPLIED = "replied"
    DUPLICATE = "duplicate"
    AUTOMATIC = "automatic"
    BOUNCE = "bounce"
    IGNORED = "ignored"


class JobState(StrEnum):
    """Where a background job (a bulk change over a filter) is: under way, finished, or
    given up on (the worker logs why)."""

    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class MailDoor(StrEnum):
    """Which door incoming mail came through."""

    HTTP = "http"
    PIPE = "pipe"
    IMAP = "imap"


def values(enum_class: type[StrEnum]) -> list[str]:
    """The allowed values of an enum, in declaration order."""
    return [member.value for member in enum_class]
