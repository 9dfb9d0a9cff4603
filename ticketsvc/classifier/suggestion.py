"""What a classifier answers."""

from dataclasses import dataclass

from ticketsvc.enums import Category, ClassificationSource, Priority


@dataclass(frozen=True)
class Suggestion:
    category: Category
    priority: Priority
    source: ClassificationSource
    # Which model answered: Gemini's model name, or the offline fallback's weights
    # ("fallback-linear-" and a digest of weights.json).
    model: str | None = None
