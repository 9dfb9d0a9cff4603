"""What the offline classifier reads in a ticket: its words and the rubric's cue groups.

A ticket becomes a set of feature names, each present or absent, never counted: saying
a thing twice, or pasting the same log line fifty times, is no more evidence than saying
it once. Case, punctuation and exclamation marks are gone before any feature is named,
so they cannot move a suggestion. The feature families:

    w:word      every word (numbers are "#"), typos one letter from a cue word corrected
    b:word word two neighbouring words of one sentence ("no longer", "charged twice")
    t:word      a word of the title: the customer's own summary says more
    g:group     a cue group of the rubric somewhere in the ticket (vocabulary modules)
    tg:group    a cue group in the title
    s:situation a situation of the rubric that takes two cues together, which a linear
                model cannot weigh by itself ("cancelled" and "charged": money wrongly taken)

Sentences that tell a classifier what to answer are dropped: they are an attempt to
steer it, not evidence.
"""

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ticketsvc.classifier.fallback.priority_vocabulary import PRIORITY_CUE_GROUPS
from ticketsvc.classifier.fallback.situation_vocabulary import SITUATION_CUE_GROUPS
from ticketsvc.classifier.fallback.text import CueIndex, sentences_of
from ticketsvc.classifier.fallback.vocabulary import CATEGORY_CUE_GROUPS, NEVER_CORRECTED

CUES = CueIndex({**CATEGORY_CUE_GROUPS, **SITUATION_CUE_GROUPS, **PRIORITY_CUE_GROUPS}, NEVER_CORRECTED)
# The rubric's signals that move a priority up one step ("urgent", "all users", "we are
# losing money", "deadline") and their negations: rules.py applies them, once. Their words
# are no features, or the models would learn to count them a second time.
SIGNAL_GROUPS = frozenset({"up_signal", "not_urgent", "losing_business", "deadline_signal"})
# Customers say what is wrong before they paste a log or quote a thread: reading the
# start and the end of a very long text keeps its cost close to a typical ticket's.
_HEAD_CHARACTERS = 1_000
_TAIL_CHARACTERS = 500


@dataclass(frozen=True)
class _Part:
    """One field of a ticket: its sentences as tokens, and the cue groups found in them."""

    sentences: tuple[tuple[str, ...], ...]
    groups: Counter[str]

    @classmethod
    def of(cls, text: str) -> "_Part":
        sentences = []
        groups: Counter[str] = Counter()
        for sentence in sentences_of(_head_and_tail(text)):
            tokens, found = CUES.read(sentence, hidden_groups=SIGNAL_GROUPS)
            if not found["instruction_to_classifier"]:
                sentences.append(tuple("#" if token.isdigit() else token for token in tokens))
                groups.update(found)
        return cls(tuple(sentences), groups)


def _head_and_tail(text: str) -> str:
    if len(text) <= _HEAD_CHARACTERS + _TAIL_CHARACTERS:
        return text
    return text[:_HEAD_CHARACTERS] + "\n" + text[-_TAIL_CHARACTERS:]


@dataclass(frozen=True)
class Evidence:
    """A ticket as the classifier sees it: cue groups for the rubric's rules, features for
    the model."""

    title: _Part
    description: _Part

    @classmethod
    def of(cls, title: str, description: str) -> "Evidence":
        return cls(_Part.of(title or ""), _Part.of(description or ""))

    def count(self, group: str) -> int:
        """How many times a cue group occurs in the title and the description."""
        return self.title.groups[group] + self.description.groups[group]

    def has(self, group: str) -> bool:
        return self.count(group) > 0

    def has_any(self, *groups: str) -> bool:
        return any(self.has(group) for group in groups)

    def has_cues(self) -> bool:
        return bool(self.title.groups or self.description.groups)

    def money_wrongly_taken(self) -> bool:
        """Charged twice, charged after cancelling, money gone: unless none was taken."""
        if self.has("not_charged"):
            return False
        return self.has_any("wrong_charge", "money_gone") or (
            self.has("cancelled") and self.has("money_taken")
        )

    def situations(self) -> set[str]:
        # 502s on a third of the calls, a retry goes through: degraded, not down.
        partly_working = self.has_any("intermittent", "workaround")
        found = {
            "money_wrongly_taken": self.money_wrongly_taken(),
            "locked_out": self.has("sign_in_blocked") and not partly_working,
            "outage": self.has("outage") and not partly_working,
            "legal_deadline_within_hours": self.has("legal") and self.has("within_hours"),
            # "Can I change my plan before it renews tomorrow?" states no deadline.
            "deadline_soon": self.has("deadline_soon") and not self.has("question"),
        }
        # The rubric's critical row, any of it.
        found["critical"] = (
            found["outage"]
            or found["legal_deadline_within_hours"]
            or self.has_any("data_loss", "account_misuse", "data_exposure", "mass_impact")
        )
        return {situation for situation, present in found.items() if present}

    def features(self) -> set[str]:
        found = {f"s:{situation}" for situation in self.situations()}
        found.update(f"g:{group}" for group in self.description.groups.keys() - SIGNAL_GROUPS)
        found.update(f"g:{group}" for group in self.title.groups.keys() - SIGNAL_GROUPS)
        found.update(f"tg:{group}" for group in self.title.groups.keys() - SIGNAL_GROUPS)
        for part in (self.title, self.description):
            for sentence in part.sentences:
                found.update(f"w:{word}" for word in sentence)
                found.update(f"b:{first} {second}" for first, second in pairwise(sentence))
        for sentence in self.title.sentences:
            found.update(f"t:{word}" for word in sentence)
        return found
