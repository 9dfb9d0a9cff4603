"""Measuring a classifier against labelled tickets."""

import json

import pytest

from ticketsvc import classifier
from ticketsvc.classifier.evaluation import (
    LabelledTicket,
    evaluate,
    evaluate_file,
    format_report,
    pooled,
    read_labelled_tickets,
)
from ticketsvc.classifier.suggestion import Suggestion
from ticketsvc.enums import Category, ClassificationSource, Priority

TICKETS = [
    LabelledTicket("a", "a", Category.BILLING, Priority.HIGH),
    LabelledTicket("b", "b", Category.TECHNICAL, Priority.LOW),
    LabelledTicket("c", "c", Category.ACCOUNT, Priority.CRITICAL),
    LabelledTicket("d", "d", Category.GENERAL, Priority.LOW),
]


def always(category: Category, priority: Priority):
    return lambda title, description: Suggestion(category, priority, ClassificationSource.FALLBACK)


def test_accuracies_and_within_one_step():
    report = evaluate(TICKETS, always(Category.BILLING, Priority.MEDIUM))

    assert report.ticket_count == 4
    assert report.category_accuracy == 0.25
    assert report.priority_accuracy == 0.0
    # medium is one step from high and from low, two from critical.
    assert report.priority_within_one == 3


def test_confusion_matrix_counts_label_against_suggestion():
    report = evaluate(TICKETS, always(Category.TECHNICAL, Priority.LOW))

    assert report.category_confusion[Category.BILLING, Category.TECHNICAL] == 1
    assert report.category_confusion[Category.TECHNICAL, Category.TECHNICAL] == 1
    assert sum(report.category_confusion.values()) == 4


def test_report_counts_who_answered():
    report = evaluate(TICKETS, always(Category.GENERAL, Priority.LOW))
    assert report.answered_by == {"fallback": 4}


def test_formatted_report_is_a_table_of_the_three_measures_and_the_matrix():
    text = format_report(evaluate(TICKETS, always(Category.BILLING, Priority.MEDIUM)))

    rows = {line.split("  ")[0]: line.split()[-2:] for line in text.splitlines()}
    assert rows["category accuracy"] == ["1", "25.0%"]
    assert rows["priority exact"] == ["0", "0.0%"]
    assert rows["priority within one step"] == ["3", "75.0%"]
    matrix_row = next(line for line in text.splitlines() if line.startswith("technical "))
    assert matrix_row.split() == ["technical", "1", "0", "0", "0"]


def test_recall_is_the_share_of_a_labels_tickets_suggested_that_label():
    report = evaluate(TICKETS, always(Category.BILLING, Priority.LOW))

    assert report.category_recall(Category.BILLING) == 1.0
    assert report.category_recall(Category.TECHNICAL) == 0.0
    # Two tickets are labelled low, both suggested low; none is labelled medium.
    assert report.priority_recall(Priority.LOW) == 1.0
    assert report.priority_recall(Priority.MEDIUM) == 0.0


def test_pooled_reports_count_as_one_evaluation_of_all_their_tickets():
    first = evaluate(TICKETS[:1], always(Category.BILLING, Priority.HIGH))
    second = evaluate(TICKETS[1:], always(Category.BILLING, Priority.HIGH))

    assert pooled([first, second]) == evaluate(TICKETS, always(Category.BILLING, Priority.HIGH))


def test_empty_set_reports_zero_not_a_division_error():
    assert evaluate([], always(Category.GENERAL, Priority.LOW)).category_accuracy == 0.0


def test_reads_json_lines_and_skips_blank_lines(tmp_path):
    path = tmp_path / "set.jsonl"
    row = {"title": "t", "description": "d", "category": "billing", "priority": "low", "note": "n"}
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")

    assert read_labelled_tickets(path) == [LabelledTicket("t", "d", Category.BILLING, Priority.LOW)]


def test_label_outside_the_enums_is_refused(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"description": "d", "category": "sales", "priority": "low"}))

    with pytest.raises(ValueError, match="sales"):
        read_labelled_tickets(path)


def test_evaluate_file_with_the_fallback_needs_no_app(tmp_path):
    path = tmp_path / "set.jsonl"
    row = {
        "title": "Charged twice",
        "description": "Refund one please.",
        "category": "billing",
        "priority": "high",
    }
    path.write_text(json.dumps(row), encoding="utf-8")

    assert evaluate_file(path, "fallback").category_accuracy == 1.0


def test_gemini_classifier_needs_a_key(app):
    app.config["GEMINI_API_KEY"] = None
    with app.app_context(), pytest.raises(ValueError, match="GEMINI_API_KEY"):
        classifier.classifier_named("gemini")


def test_unknown_classifier_name_lists_the_choices(app):
    with app.app_context(), pytest.raises(ValueError, match="auto, gemini, fallback"):
        classifier.classifier_named("bert")


def test_auto_is_the_facade(app):
    with app.app_context():
        assert classifier.classifier_named("auto") is classifier.classify
