"""Training the offline classifier's two models on every labelled set, reproducibly.

    .venv/bin/python -m ticketsvc.classifier.fallback.train

reads tests/data/{tuning,tuning-extra,holdout,holdout2,dev}.jsonl and rewrites
weights.json beside this module; tests/classifier/test_training.py checks that doing so
reproduces the committed file, so weights are never edited by hand. Pure Python and
deterministic: a fixed shuffle seed, features in sorted order, weights rounded.

Each model is a multinomial logistic regression over the features of features.py,
fitted by stochastic gradient descent with per-feature step sizes (AdaGrad) and a small
L2 penalty. The small learning rate and the few epochs are the real regularisation:
with ~750 tickets, a weight may only grow as far as many tickets agree it should.
The priority model learns the priority before the rubric's signals: a ticket labelled
high that says "urgent" is learned as medium, since rules.py adds that step itself.
"""

import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ticketsvc.classifier.evaluation import LabelledTicket, read_labelled_tickets
from ticketsvc.classifier.fallback import rules
from ticketsvc.classifier.fallback.classifier import WEIGHTS_PATH, FallbackClassifier
from ticketsvc.classifier.fallback.features import Evidence
from ticketsvc.classifier.fallback.model import LinearModel
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.enums import Category, Priority

DATA_DIRECTORY = PROJECT_ROOT / "tests" / "data"
LABELLED_SETS = ("tuning", "tuning-extra", "holdout", "holdout2", "dev")
# Every ticket has this feature: its weights are the labels' base rates.
_BIAS = ""
_NO_GRADIENT_YET = 1e-8


@dataclass(frozen=True)
class Settings:
    epochs: int = 15
    # Chosen among 0.05, 0.1, 0.2 and 0.4 by the leave-one-set-out figures (crossval.py):
    # categories do best on the smaller step, priorities on a larger one, whose larger
    # weights let the critical situations' evidence outweigh the base rates.
    category_learning_rate: float = 0.05
    priority_learning_rate: float = 0.1
    l2_penalty: float = 1e-4
    # A feature seen in a single ticket can only memorise that ticket.
    min_tickets_per_feature: int = 2
    shuffle_seed: int = 0
    decimals: int = 4


SETTINGS = Settings()


def labelled_sets() -> dict[str, list[LabelledTicket]]:
    return {name: read_labelled_tickets(DATA_DIRECTORY / f"{name}.jsonl") for name in LABELLED_SETS}


def train(tickets: Sequence[LabelledTicket], settings: Settings = SETTINGS) -> FallbackClassifier:
    """Both models fitted on the tickets, named after what they were trained on."""
    evidence = [Evidence.of(ticket.title, ticket.description) for ticket in tickets]
    features = [each.features() for each in evidence]
    categories = [ticket.category.value for ticket in tickets]
    base_priorities = [
        priority_before_signals(ticket.priority, each).value
        for ticket, each in zip(tickets, evidence, strict=True)
    ]
    return FallbackClassifier(
        category_model=fit(
            features,
            categories,
            [c.value for c in Category],
            settings.category_learning_rate,
            settings,
        ),
        priority_model=fit(
            features,
            base_priorities,
            [p.value for p in Priority],
            settings.priority_learning_rate,
            settings,
        ),
        name=f"fallback-linear-trained-on-{len(tickets)}",
    )


def priority_before_signals(labelled: Priority, evidence: Evidence) -> Priority:
    # A critical ticket with a signal may as well have been critical without it.
    if rules.raised_by_signal(evidence) and labelled != Priority.CRITICAL:
        return rules.one_step_down(labelled)
    return labelled


def fit(
    features: Sequence[set[str]],
    targets: Sequence[str],
    labels: Sequence[str],
    learning_rate: float,
    settings: Settings,
) -> LinearModel:
    """A multinomial logistic regression of targets (each one of labels) on features."""
    kept = _features_in_enough_tickets(features, settings.min_tickets_per_feature)
    examples = [
        ([_BIAS, *sorted(found & kept)], labels.index(target))
        for found, target in zip(features, targets, strict=True)
    ]
    weights: dict[str, list[float]] = {}
    squared_gradients: dict[str, list[float]] = {}
    order = list(range(len(examples)))
    shuffler = random.Random(settings.shuffle_seed)
    for _ in range(settings.epochs):
        shuffler.shuffle(order)
        for index in order:
            found, target = examples[index]
            gradient = _log_loss_gradient(weights, found, target, len(labels))
            for feature in found:
                row = weights.setdefault(feature, [0.0] * len(labels))
                history = squared_gradients.setdefault(feature, [_NO_GRADIENT_YET] * len(labels))
                for label, slope in enumerate(gradient):
                    step = slope + settings.l2_penalty * row[label]
                    history[label] += step * step
                    row[label] -= learning_rate * step / math.sqrt(history[label])
    return _rounded(labels, weights, settings.decimals)


def _features_in_enough_tickets(features: Iterable[set[str]], minimum: int) -> set[str]:
    tickets_with: Counter[str] = Counter()
    for found in features:
        tickets_with.update(found)
    return {feature for feature, count in tickets_with.items() if count >= minimum}


def _log_loss_gradient(
    weights: dict[str, list[float]], features: list[str], target: int, label_count: int
) -> list[float]:
    """d(log loss)/d(score) per label: the predicted probability, minus 1 for the target."""
    scores = [0.0] * label_count
    for feature in features:
        row = weights.get(feature)
        if row is not None:
            scores = [score + weight for score, weight in zip(scores, row, strict=True)]
    highest = max(scores)
    exponentials = [math.exp(score - highest) for score in scores]
    total = sum(exponentials)
    gradient = [exponential / total for exponential in exponentials]
    gradient[target] -= 1.0
    return gradient


def _rounded(labels: Sequence[str], weights: dict[str, list[float]], decimals: int) -> LinearModel:
    rounded = {feature: tuple(round(weight, decimals) for weight in row) for feature, row in weights.items()}
    return LinearModel(
        labels=tuple(labels),
        bias=rounded.pop(_BIAS),
        weights={feature: row for feature, row in rounded.items() if any(row)},
    )


def weights_json(classifier: FallbackClassifier, settings: Settings = SETTINGS) -> str:
    """The text of weights.json: settings and sets first, so a reader sees how it was made."""
    document = {
        "made_by": "python -m ticketsvc.classifier.fallback.train",
        "trained_on": list(LABELLED_SETS),
        "settings": asdict(settings),
        "category": classifier.category_model.to_json(),
        "priority": classifier.priority_model.to_json(),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    tickets = [ticket for tickets in labelled_sets().values() for ticket in tickets]
    WEIGHTS_PATH.write_text(weights_json(train(tickets)), encoding="utf-8")
    print(f"wrote {WEIGHTS_PATH} from {len(tickets)} tickets")


if __name__ == "__main__":
    main()
