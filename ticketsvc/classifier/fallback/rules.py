"""The offline classifier: the triage rubric as deterministic cue-phrase rules.

It answers when Gemini cannot (no key, model down, unusable reply), so it needs no
network and no model, and takes well under a millisecond. The rubric's tie-breaks and
priority signals are applied in the order the rubric gives them; capitals, exclamation
marks, rudeness and length are never looked at. Measured on labelled tickets with
`ticketsvc.classifier.evaluation`.
"""
from collections import Counter
from dataclasses import dataclass

from ticketsvc.classifier.fallback.priority_vocabulary import PRIORITY_CUE_GROUPS
from ticketsvc.classifier.fallback.situation_vocabulary import SITUATION_CUE_GROUPS
from ticketsvc.classifier.fallback.text import CueIndex, sentences_of
from ticketsvc.classifier.fallback.vocabulary import CATEGORY_CUE_GROUPS, NEVER_CORRECTED
from ticketsvc.classifier.suggestion import Suggestion
from ticketsvc.enums import Category, ClassificationSource, Priority

_CUE_GROUPS = {**CATEGORY_CUE_GROUPS, **SITUATION_CUE_GROUPS, **PRIORITY_CUE_GROUPS}
CUES = CueIndex(_CUE_GROUPS, NEVER_CORRECTED)
# A title is the customer's own summary: its words say more than the same words buried
# in a long description or a pasted log.
_TITLE_WEIGHT = 2
_CATEGORY_EVIDENCE = {
    Category.BILLING: {"billing": 3, "billing_weak": 1},
    Category.ACCOUNT: {"account": 3, "account_weak": 1, "account_misuse": 3},
    Category.TECHNICAL: {
        "technical_fault": 2, "technical": 2, "technical_weak": 1, "data_exposure": 3,
        "cosmetic": 2, "data_loss": 1,
    },
    Category.GENERAL: {"general": 2, "feature_request": 2},
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
    if evidence.has("not_charged"):
        return False
    return evidence.has_any("wrong_charge", "money_gone") or (
        evidence.has("cancelled") and evidence.has("money_taken")
    )


def _money_is_the_subject(evidence: _Evidence) -> bool:
    return evidence.has_any(
        "money_taken", "money_gone", "wrong_charge", "card_declined", "money_owed"
    )


def _plain_question(evidence: _Evidence) -> bool:
    """Asked as a question, and no product fault named ("How do we transfer ownership?")."""
    return evidence.has("question") and not evidence.has("technical_fault")


def _something_broken(evidence: _Evidence) -> bool:
    if evidence.has_any("data_exposure", "data_loss"):
        return True
    if evidence.has("not_a_fault"):
        # "Nothing is broken, we just need it", "just curious why my card was declined".
        return False
    # "I can't find the setting" is a how-to question, not a fault.
    fault_weight = (
        evidence.weight("problem") + evidence.weight("technical_fault") - evidence.weight("doubt")
    )
    if _plain_question(evidence):
        # "When does registration open again?": one "again" or "doesn't" is no fault.
        fault_weight -= 1
    return fault_weight > 0 or evidence.has_any("cosmetic", "card_declined", "sign_in_blocked")


def _category(evidence: _Evidence) -> Category:
    # Rubric tie-break 1: a declined card or a wrong charge is billing, error or not.
    if evidence.has("card_declined") or _money_wrongly_taken(evidence):
        return Category.BILLING
    # Tie-break 2: not getting in is account, unless the whole site is down.
    if evidence.has("sign_in_blocked"):
        return Category.TECHNICAL if evidence.has("outage") else Category.ACCOUNT
    # Other customers' data in view is a fault of the product, whatever the data is.
    if evidence.has("data_exposure") and not evidence.has("account_misuse"):
        return Category.TECHNICAL
    broken = _something_broken(evidence)
    # Feature requests and sales enquiries are general even when they name payments or
    # sign-in ("please support passkeys for login", "volume pricing for 500 seats").
    if evidence.has_any("feature_request", "sales_enquiry") and not broken:
        return Category.GENERAL
    scores = _category_scores(evidence)
    if not broken:
        # Tie-break 3: product words in a question with nothing broken ("how do I
        # export...") make it general; only payment and access questions keep theirs.
        scores[Category.TECHNICAL] = 0
    elif not any(scores.values()):
        return Category.TECHNICAL
    best = max(scores.values())
    if best == 0:
        return Category.GENERAL
    return next(category for category in _CATEGORY_TIE_ORDER if scores[category] == best)


def _category_scores(evidence: _Evidence) -> dict[Category, int]:
    scores = {
        category: sum(factor * evidence.weight(group) for group, factor in groups.items())
        for category, groups in _CATEGORY_EVIDENCE.items()
    }
    # Words that name a category without being its subject cancel one mention each:
    # "I can log in fine, but..." (sign-in works), "we are losing money" (the cost of a fault).
    account_word = _CATEGORY_EVIDENCE[Category.ACCOUNT]["account"]
    money_word = _CATEGORY_EVIDENCE[Category.BILLING]["billing"]
    scores[Category.ACCOUNT] -= account_word * evidence.weight("sign_in_works")
    scores[Category.BILLING] -= money_word * evidence.weight("losing_business")
    product_fault = evidence.has_any("technical_fault", "cosmetic")
    if evidence.has("not_charged") or (product_fault and not _money_is_the_subject(evidence)):
        # "No money was taken", "the refund button does nothing", "the payroll file is
        # rejected": the money words name the data or the feature, the fault is the product's.
        scores[Category.BILLING] = 0
    return scores


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
    # 502s on a third of the calls, a retry goes through: degraded, not down.
    partial_outage = evidence.has_any("intermittent", "workaround")
    outage = evidence.has("outage") and not partial_outage
    # "The money is gone from my account" is money taken (high), not data lost.
    data_lost = evidence.weight("data_loss") > evidence.weight("money_gone")
    return legal_deadline_within_hours or outage or data_lost or evidence.has_any(
        "account_misuse", "data_exposure", "mass_impact"
    )


def _is_high(evidence: _Evidence) -> bool:
    # A cut-off tooltip "you can't read" blocks nobody, nor does the "can't" of "he left
    # and we can't reach him, how do we transfer ownership?".
    not_blocking = (
        evidence.weight("doubt") + evidence.weight("cosmetic") + int(_plain_question(evidence))
    )
    blocked = evidence.weight("blocked") > not_blocking
    has_way_around = evidence.has_any("workaround", "intermittent")
    # Signing in another way ("email + password works, I use that") is no lock-out.
    locked_out = evidence.has("sign_in_blocked") and not has_way_around
    # Being blocked takes something that is wrong: "great work, whole team!" is praise.
    return (
        (blocked and not has_way_around and _something_broken(evidence))
        or locked_out
        or _money_wrongly_taken(evidence)
        or evidence.has_any("deadline_soon", "security_concern")
    )


def _raised_by_signal(evidence: _Evidence) -> bool:
    # "not urgent" contains "urgent"; the negation cancels it rather than counting.
    signal_count = (
        evidence.weight("up_signal") + evidence.weight("losing_business")
        - evidence.weight("not_urgent")
    )
    # A deadline today or tomorrow already made the ticket high: it is not counted twice.
    if not evidence.has("deadline_soon"):
        signal_count += evidence.weight("deadline_signal")
    return signal_count > 0
