"""The offline classifier: learned weights over the rubric's cues, the rubric's rules on top.

No network and no numerical library; the weights are read from weights.json once, at import.
"""

from ticketsvc.classifier.fallback.classifier import FallbackClassifier
from ticketsvc.classifier.fallback.features import CUES
from ticketsvc.classifier.suggestion import Suggestion

__all__ = ["CUES", "classify"]

_CLASSIFIER = FallbackClassifier.load()


def classify(title: str, description: str) -> Suggestion:
    """Suggest a category and a priority from the ticket's words alone."""
    return _CLASSIFIER.classify(title, description)
