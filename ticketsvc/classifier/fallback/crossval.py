"""How well the offline classifier generalises: leave-one-set-out against resubstitution.

    .venv/bin/python -m ticketsvc.classifier.fallback.crossval

Each labelled set was written by a different author. Leaving one set out, training on
the others and measuring on it says how the classifier does on a new author's phrasing;
measuring the committed model, trained on every set, on the same set (resubstitution)
says how it does on tickets it has learned. The gap between the two is what a figure on
seen tickets flatters. Prints both as the tables of docs/classifier.md.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum

from ticketsvc.classifier import fallback
from ticketsvc.classifier.evaluation import EvaluationReport, LabelledTicket, evaluate, pooled
from ticketsvc.classifier.fallback.train import SETTINGS, Settings, labelled_sets, train
from ticketsvc.enums import Category, Priority

LabelledSets = Mapping[str, Sequence[LabelledTicket]]


def leave_one_set_out(sets: LabelledSets, settings: Settings = SETTINGS) -> dict[str, EvaluationReport]:
    """Each set measured by a classifier trained on all the other sets."""
    reports = {}
    for left_out in sets:
        others = [ticket for name, tickets in sets.items() if name != left_out for ticket in tickets]
        reports[left_out] = evaluate(sets[left_out], train(others, settings).classify)
    return reports


def resubstitution(sets: LabelledSets) -> dict[str, EvaluationReport]:
    """Each set measured by the committed classifier, which was trained on all of them."""
    return {name: evaluate(tickets, fallback.classify) for name, tickets in sets.items()}


def format_tables(seen: Mapping[str, EvaluationReport], unseen: Mapping[str, EvaluationReport]) -> str:
    """Markdown: figures per set and pooled, then recalls over all the left-out tickets."""
    everything_left_out = pooled(unseen.values())
    return "\n\n".join(
        [
            _figures_table(seen, unseen),
            _recall_table("category", Category, everything_left_out.category_recall),
            _recall_table("priority", Priority, everything_left_out.priority_recall),
        ]
    )


def _figures_table(seen: Mapping[str, EvaluationReport], unseen: Mapping[str, EvaluationReport]) -> str:
    lines = [
        "| set | tickets | category seen / left out | priority exact seen / left out "
        "| priority within one step seen / left out |",
        "|---|---|---|---|---|",
    ]
    rows = [(name, seen[name], unseen[name]) for name in seen]
    rows.append(("all sets pooled", pooled(seen.values()), pooled(unseen.values())))
    for name, trained_on, left_out in rows:
        cells = [f"{_percent(measure(trained_on))} / {_percent(measure(left_out))}" for measure in _MEASURES]
        lines.append(f"| {name} | {left_out.ticket_count} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


_MEASURES = (
    lambda report: report.category_accuracy,
    lambda report: report.priority_accuracy,
    lambda report: report.priority_within_one_accuracy,
)


def _recall_table(name: str, labels: Iterable[StrEnum], recall: Callable[..., float]) -> str:
    labels = list(labels)
    return "\n".join(
        [
            f"| {name} | " + " | ".join(labels) + " |",
            "|---|" + "---|" * len(labels),
            "| recall | " + " | ".join(_percent(recall(label)) for label in labels) + " |",
        ]
    )


def _percent(share: float) -> str:
    return f"{share:.1%}"


def main() -> None:
    sets = labelled_sets()
    print(format_tables(resubstitution(sets), leave_one_set_out(sets)))


if __name__ == "__main__":
    main()
