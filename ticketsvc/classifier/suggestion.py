"""What a classifier answers."""
from dataclasses import dataclass

from ticketsvc.enums import Category, ClassificationSource, Priority


@dataclass(frozen=True)
class Suggestion:
    category: Category
    priority: Priority
    source: ClassificationSource
    # The Gemini model that answered; None when the offline rules did.
    model: str | None = None
