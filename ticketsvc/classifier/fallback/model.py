"""A linear model over a ticket's features: a weight per feature and label, then softmax.

Pure Python on purpose: the fallback answers when nothing else can, so it must not need
a numerical library. Its weights come from train.py and are stored as JSON beside it.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def probabilities(self, features: Iterable[str]) -> list[float]:
        """How likely each label is, in the order of labels."""
        scores = list(self.bias)
        # In sorted order, so that float rounding, and with it a near tie, does not
        # depend on the process's string hashing.
        for feature in sorted(feature for feature in features if feature in self.weights):
            row = self.weights[feature]
            scores = [score + weight for score, weight in zip(scores, row, strict=True)]
        highest = max(scores)
        exponentials = [math.exp(score - highest) for score in scores]
        total = sum(exponentials)
        return [exponential / total for exponential in exponentials]

    def most_likely(self, features: Iterable[str]) -> str:
        probabilities = self.probabilities(features)
        return self.labels[probabilities.index(max(probabilities))]

    def fewest_steps_off(self, features: Iterable[str]) -> str:
        """The label whose expected squared distance in steps from the true one is least.

        For ordered labels (priorities): one step off costs 1, two steps 4, so a guess
        between two likely neighbours beats a bold one that may be two steps away.
        """
        return self.labels[_least_squared_steps(self.probabilities(features))]

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "bias": list(self.bias),
            "weights": {feature: list(row) for feature, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "LinearModel":
        return cls(
            labels=tuple(data["labels"]),
            bias=tuple(data["bias"]),
            weights={feature: tuple(row) for feature, row in data["weights"].items()},
        )


def _least_squared_steps(probabilities: Sequence[float]) -> int:
    def expected_cost(guess: int) -> float:
        return sum(p * (guess - label) ** 2 for label, p in enumerate(probabilities))

    return min(range(len(probabilities)), key=expected_cost)
