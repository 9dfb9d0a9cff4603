"""The offline classifier: the triage rubric as deterministic cue-phrase rules.

It answers when Gemini cannot (no key, model down, unusable reply), so it needs no
network and no model, and takes well under a millisecond. The rubric's tie-breaks and
priority signals are applied in the order the rubric gives them; capitals, exclamation
marks, rudeness and length are never looked at. Measured on labelled tickets with
`ticketsvc.classifier.evaluation`.
"""
from collections import Counter
from dataclasses import dataclass

from ticketsvc.classifier.fallback_priority_vocabulary import PRIORITY_CUE_GROUPS
from ticketsvc.classifier.fallback_text import CueIndex, sentences_of
from ticketsvc.classifier.fallback_vocabulary import CATEGORY_CUE_GROUPS, NEVER_CORRECTED
from ticketsvc.classifier.suggestion import Suggestion
from ticketsvc.enums import Category, ClassificationSource, Priority

_CUE_GROUPS = {**CATEGORY_CUE_GROUPS, **PRIORITY_CUE_GROUPS}
CUES = CueIndex(_CUE_GROUPS, NEVER_CORRECTED)
# A title is the customer's own summary: its words say more than the same words buried
# in a long description or a pasted log.
_TITLE_WEIGHT = 2
_CATEGORY_EVIDENCE = {
    Category.BILLING: {"billing": 3, "billing_weak": 1},
    Category.ACCOUNT: {"account": 3, "account_weak": 1, "account_misuse": 3},
    Category.TECHNICAL: {
        "technical_fault": 2, "technical": 2, "technical_weak": 1, "data_exposure": 3
    },
    Category.GENERAL: {"general": 2},
}
# Customers say what is wrong before they paste a log or quote a thread: reading the
# start and the end of a very long text keeps its cost close to a typical ticket's.
_HEAD_CHARACTERS = 2_500
_TAIL_CHARACTERS = 500
# Equal evidence goes to the more specific category; general is what is left.
_CATEGORY_TIE_ORDER = (Category.BILLING, Category.ACCOUNT, Category.TECHNICAL, Category.GENERAL)


@dataclass(frozen=True)
class _Evidence:
    """Which cue groups a ticket's title and description contain, and how often."""

    in_title: Counter[str]
    in_description: Counter[str]

    @classmethod
    def of(cls, title: str, description: str) -> "_Evidence":
        return cls(_groups_outside_instructions(title), _groups_outside_instructions(description))

    def weight(self, group: str) -> int:
        if group not in _CUE_GROUPS:
            raise KeyError(f"no cue group {group!r}")
        return _TITLE_WEIGHT * self.in_title[group] + self.in_description[group]

    def has(self, group: str) -> bool:
        return self.weight(group) > 0

    def has_any(self, *groups: str) -> bool:
        return any(self.has(group) for group in groups)


def _groups_outside_instructions(text: str) -> Counter[str]:
    """Cue groups of the sentences that do not tell the classifier what to answer."""
    found: Counter[str] = Counter()
    for sentence in sentences_of(_head_and_tail(text)):
        groups = CUES.groups_in(sentence)
        if not groups["instruction_to_classifier"]:
            found.update(groups)
    return found


def _head_and_tail(text: str) -> str:
    if len(text) <= _HEAD_CHARACTERS + _TAIL_CHARACTERS:
        return text
    return text[:_HEAD_CHARACTERS] + "\n" + text[-_TAIL_CHARACTERS:]


def classify(title: str, description: str) -> Suggestion:
    """Suggest a category and a priority from the ticket's words alone."""
    evidence = _Evidence.of(title or "", description or "")
    category = _category(evidence)
    return Suggestion(
        category=category,
        priority=_priority(evidence, category),
        source=ClassificationSource.FALLBACK,
    )


def _money_wrongly_taken(evidence: _Evidence) -> bool:
    return evidence.has("wrong_charge") or (
        evidence.has("cancelled") and evidence.has("money_taken")
    )


def _something_broken(evidence: _Evidence) -> bool:
    # "I can't find the setting" is a how-to question, not a fault.
    problem_weight = evidence.weight("problem") - evidence.weight("not_a_fault")
    return problem_weight > 0 or evidence.has_any(
        "technical_fault", "data_exposure", "cosmetic", "card_declined", "sign_in_blocked"
    )


def _category(evidence: _Evidence) -> Category:
    # Rubric tie-break 1: a declined card or a wrong charge is billing, error or not.
    if evidence.has("card_declined") or _money_wrongly_taken(evidence):
        return Category.BILLING
    # Tie-break 2: not getting in is account, unless the whole site is down.
    if evidence.has("sign_in_blocked"):
        return Category.TECHNICAL if evidence.has("outage") else Category.ACCOUNT
    scores = {
        category: sum(factor * evidence.weight(group) for group, factor in groups.items())
        for category, groups in _CATEGORY_EVIDENCE.items()
    }
    if not _something_broken(evidence):
        # Tie-break 3: product words in a question with nothing broken ("how do I
        # export...") make it general; only payment and access questions keep theirs.
        scores[Category.TECHNICAL] = 0
    elif not any(scores.values()):
        return Category.TECHNICAL
    best = max(scores.values())
    if best == 0:
        return Category.GENERAL
    return next(category for category in _CATEGORY_TIE_ORDER if scores[category] == best)


def _priority(evidence: _Evidence, category: Category) -> Priority:
    level = _situation_level(evidence, category)
    if _raised_by_signal(evidence):
        level = min(level + 1, Priority.CRITICAL.rank)
    return list(Priority)[level]


def _situation_level(evidence: _Evidence, category: Category) -> int:
    """The rubric's priority table, before the signals that move a ticket up."""
    if _is_critical(evidence):
        return Priority.CRITICAL.rank
    if _is_high(evidence):
        return Priority.HIGH.rank
    # A general ticket has no concrete fault (else it would be technical): its
    # complaints, feedback and questions are all low.
    broken = category != Category.GENERAL and _something_broken(evidence)
    if broken and not evidence.has("cosmetic"):
        return Priority.MEDIUM.rank
    return Priority.LOW.rank


def _is_critical(evidence: _Evidence) -> bool:
    legal_deadline_within_hours = evidence.has("legal") and evidence.has("within_hours")
    return legal_deadline_within_hours or evidence.has_any(
        "data_loss", "account_misuse", "data_exposure", "outage", "mass_impact"
    )


def _is_high(evidence: _Evidence) -> bool:
    blocked = evidence.weight("blocked") > evidence.weight("not_a_fault")
    blocked_without_way_around = blocked and not evidence.has_any("workaround", "intermittent")
    return blocked_without_way_around or _money_wrongly_taken(evidence) or evidence.has_any(
        "sign_in_blocked", "deadline_soon", "security_concern"
    )


def _raised_by_signal(evidence: _Evidence) -> bool:
    # "not urgent" contains "urgent"; the negation cancels it rather than counting.
    signal_count = evidence.weight("up_signal") - evidence.weight("not_urgent")
    return signal_count > 0
