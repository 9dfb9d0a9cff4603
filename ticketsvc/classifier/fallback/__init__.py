"""The offline classifier: the rubric's rules and their vocabularies, no network."""

from ticketsvc.classifier.fallback.rules import CUES, classify

__all__ = ["CUES", "classify"]
