"""Measuring a classifier against labelled tickets (JSON lines: title, description,
category, priority), for `flask tickets evaluate` and the accuracy regression tests."""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ticketsvc.classifier import classifier_named
from ticketsvc.classifier.suggestion import Suggestion
from ticketsvc.enums import Category, Priority

ClassifyFunction = Callable[[str, str], Suggestion]


@dataclass(frozen=True)
class LabelledTicket:
    title: str
    description: str
    category: Category
    priority: Priority

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "LabelledTicket":
        """Build from a parsed JSON line; a label outside the enums raises ValueError."""
        return cls(
            title=str(row.get("title") or ""),
            description=str(row["description"]),
            category=Category(row["category"]),
            priority=Priority(row["priority"]),
        )


@dataclass(frozen=True)
class EvaluationReport:
    ticket_count: int
    category_correct: int
    priority_correct: int
    priority_within_one: int
    # (labelled category, suggested category) → how many tickets.
    category_confusion: Counter[tuple[Category, Category]]
    # (labelled priority, suggested priority) → how many tickets.
    priority_confusion: Counter[tuple[Priority, Priority]]
    # Which classifier answered, e.g. {"gemini": 118, "fallback": 2}.
    answered_by: Counter[str]

    def share(self, correct: int) -> float:
        return correct / self.ticket_count if self.ticket_count else 0.0

    @property
    def category_accuracy(self) -> float:
        return self.share(self.category_correct)

    @property
    def priority_accuracy(self) -> float:
        return self.share(self.priority_correct)

    @property
    def priority_within_one_accuracy(self) -> float:
        return self.share(self.priority_within_one)

    def category_recall(self, category: Category) -> float:
        """The share of tickets labelled category that were suggested category."""
        return _recall(self.category_confusion, category, Category)

    def priority_recall(self, priority: Priority) -> float:
        return _recall(self.priority_confusion, priority, Priority)


def _recall(confusion: Counter, label: StrEnum, labels: type[StrEnum]) -> float:
    labelled = sum(confusion[label, suggested] for suggested in labels)
    return confusion[label, label] / labelled if labelled else 0.0


def pooled(reports: Iterable[EvaluationReport]) -> EvaluationReport:
    """One report over all the tickets of several, as if they had been evaluated together."""
    reports = list(reports)
    return EvaluationReport(
        ticket_count=sum(report.ticket_count for report in reports),
        category_correct=sum(report.category_correct for report in reports),
        priority_correct=sum(report.priority_correct for report in reports),
        priority_within_one=sum(report.priority_within_one for report in reports),
        category_confusion=sum((report.category_confusion for report in reports), Counter()),
        priority_confusion=sum((report.priority_confusion for report in reports), Counter()),
        answered_by=sum((report.answered_by for report in reports), Counter()),
    )


def read_labelled_tickets(path: str | Path) -> list[LabelledTicket]:
    """The tickets of a JSON-lines file; blank lines are skipped."""
    with open(path, encoding="utf-8") as lines:
        return [LabelledTicket.from_row(json.loads(line)) for line in lines if line.strip()]


def evaluate_file(path: str | Path, classifier_name: str = "fallback") -> EvaluationReport:
    """Evaluate a named classifier (see classifier_named) on a JSON-lines file.

    "auto" and "gemini" need a Flask app context, as classify() does.
    """
    return evaluate(read_labelled_tickets(path), classifier_named(classifier_name))


def evaluate(tickets: Iterable[LabelledTicket], classify_fn: ClassifyFunction) -> EvaluationReport:
    """Classify every ticket and compare the suggestion with its labels."""
    category_correct = priority_correct = priority_within_one = ticket_count = 0
    confusion: Counter[tuple[Category, Category]] = Counter()
    priority_confusion: Counter[tuple[Priority, Priority]] = Counter()
    answered_by: Counter[str] = Counter()
    for ticket in tickets:
        suggestion = classify_fn(ticket.title, ticket.description)
        ticket_count += 1
        category_correct += suggestion.category == ticket.category
        priority_correct += suggestion.priority == ticket.priority
        priority_within_one += abs(suggestion.priority.rank - ticket.priority.rank) <= 1
        confusion[ticket.category, suggestion.category] += 1
        priority_confusion[ticket.priority, suggestion.priority] += 1
        answered_by[str(suggestion.source)] += 1
    return EvaluationReport(
        ticket_count=ticket_count,
        category_correct=category_correct,
        priority_correct=priority_correct,
        priority_within_one=priority_within_one,
        category_confusion=confusion,
        priority_confusion=priority_confusion,
        answered_by=answered_by,
    )


def format_report(report: EvaluationReport) -> str:
    """The report as a plain-text table, for a terminal or a README."""
    lines = [
        f"tickets: {report.ticket_count}   answered by: "
        + ", ".join(f"{source} {count}" for source, count in sorted(report.answered_by.items())),
        "",
        f"{'measure':<28}{'correct':>9}{'share':>9}",
    ]
    for name, correct in (
        ("category accuracy", report.category_correct),
        ("priority exact", report.priority_correct),
        ("priority within one step", report.priority_within_one),
    ):
        lines.append(f"{name:<28}{correct:>9}{report.share(correct):>9.1%}")
    lines += ["", "category confusion (rows: label, columns: suggestion)"]
    column_width = max(len(category) for category in Category) + 2
    lines.append(" " * column_width + "".join(f"{c:>{column_width}}" for c in Category))
    for labelled in Category:
        counts = (report.category_confusion[labelled, suggested] for suggested in Category)
        lines.append(f"{labelled:<{column_width}}" + "".join(f"{n:>{column_width}}" for n in counts))
    return "\n".join(lines)
