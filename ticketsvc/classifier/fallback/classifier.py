"""The offline classifier: a ticket's features, two linear models, the rubric's rules.

The category model picks the likeliest category; the rubric's tie-breaks overrule it
where they apply. The priority model suggests the priority a ticket would have without
the rubric's "move up one step" signals ("urgent", "all users", "since this morning"),
choosing the priority least likely to be two steps off; a signal then moves it up one
step. Before that, a situation that the rubric puts in its critical or high row sets
the priority to that row at least. A ticket without any cue is general / low.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ticketsvc.classifier.fallback import rules
from ticketsvc.classifier.fallback.features import Evidence
from ticketsvc.classifier.fallback.model import LinearModel
from ticketsvc.classifier.suggestion import Suggestion
from ticketsvc.enums import Category, ClassificationSource, Priority

WEIGHTS_PATH = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class FallbackClassifier:
    category_model: LinearModel
    priority_model: LinearModel
    # Names the weights, so a stored suggestion says which training produced it.
    name: str

    def classify(self, title: str, description: str) -> Suggestion:
        """Suggest a category and a priority from the ticket's words alone."""
        evidence = Evidence.of(title, description)
        if not evidence.has_cues():
            category, priority = Category.GENERAL, Priority.LOW
        else:
            features = evidence.features()
            category = rules.category_after_tie_breaks(
                evidence, Category(self.category_model.most_likely(features))
            )
            priority = rules.priority_after_rubric_rows(
                evidence, Priority(self.priority_model.fewest_steps_off(features))
            )
        if rules.raised_by_signal(evidence):
            priority = rules.one_step_up(priority)
        return Suggestion(category, priority, ClassificationSource.FALLBACK, model=self.name)

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> "FallbackClassifier":
        content = path.read_bytes()
        weights = json.loads(content)
        return cls(
            category_model=LinearModel.from_json(weights["category"]),
            priority_model=LinearModel.from_json(weights["priority"]),
            name=f"fallback-linear-{hashlib.sha256(content).hexdigest()[:12]}",
        )
