"""The triage rubric's rules that hold by definition, applied over the learned models.

The models weigh evidence; what the rubric states outright is not left to a weight: its
category tie-breaks, the rows of its priority table that name a situation, and the
signals that move a priority up exactly one step (classifier.py applies them, and makes
a ticket without any cue general / low). Capitals, exclamation marks and repetition are
never looked at here nor by the models (see features.py); test_fallback_rules.py checks
that rude sentences and padding leave the labelled tickets' suggestions as they are.
"""

from ticketsvc.classifier.fallback.features import Evidence
from ticketsvc.enums import Category, Priority


def category_after_tie_breaks(evidence: Evidence, suggested: Category) -> Category:
    # Tie-break 1: a declined card or a wrong charge is billing, error message or not.
    if evidence.has("card_declined") or evidence.money_wrongly_taken():
        return Category.BILLING
    # Tie-break 2: not getting in is account, unless the whole site is down.
    if evidence.has("sign_in_blocked"):
        return Category.TECHNICAL if evidence.has("outage") else Category.ACCOUNT
    return suggested


def priority_after_rubric_rows(evidence: Evidence, suggested: Priority) -> Priority:
    """The suggested priority, raised to the rubric's row for a situation the ticket names.

    The rubric calls these critical or high whatever else a ticket says, while a model
    that weighs them against the ticket's other words would call some of them lower.
    """
    situations = evidence.situations()
    if "critical" in situations:
        return Priority.CRITICAL
    if situations & _HIGH_ROW and suggested.rank < Priority.HIGH.rank:
        return Priority.HIGH
    return suggested


# Locked out of one's own account, money wrongly taken, a deadline today or tomorrow.
_HIGH_ROW = {"locked_out", "money_wrongly_taken", "deadline_soon"}


def raised_by_signal(evidence: Evidence) -> bool:
    """Whether the ticket carries a signal that moves its priority up one step."""
    # "not urgent" contains "urgent"; the negation cancels it rather than counting.
    signal_count = (
        evidence.count("up_signal") + evidence.count("losing_business") - evidence.count("not_urgent")
    )
    # A deadline today or tomorrow is what makes a ticket high: it is not counted twice.
    if not evidence.has("deadline_soon"):
        signal_count += evidence.count("deadline_signal")
    return signal_count > 0


def one_step_up(priority: Priority) -> Priority:
    return list(Priority)[min(priority.rank + 1, Priority.CRITICAL.rank)]


def one_step_down(priority: Priority) -> Priority:
    return list(Priority)[max(priority.rank - 1, Priority.LOW.rank)]
