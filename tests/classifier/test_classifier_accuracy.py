"""Regression guards on the offline classifier's measured accuracy.

Two figures per labelled set (tests/data/*.jsonl, each written by a different author):

- seen: the committed weights, trained on every set, measured on the set
  (resubstitution). They flatter the classifier and only catch regressions.
- left out: weights trained on all the other sets, measured on this one (leave one set
  out): how the classifier does on a new author's phrasing. These are the honest ones.

`python -m ticketsvc.classifier.fallback.crossval` prints both (docs/classifier.md,
"How it is measured"). Each guard sits about a point below its figure; the
classifier is deterministic, so a guard fails only when a change makes it worse.
"""

import pytest

from ticketsvc.classifier import fallback
from ticketsvc.classifier.evaluation import EvaluationReport, evaluate, pooled, read_labelled_tickets
from ticketsvc.classifier.fallback.crossval import leave_one_set_out
from ticketsvc.classifier.fallback.train import DATA_DIRECTORY, LABELLED_SETS, labelled_sets

# Floors: category, priority exact, priority within one step. Measured (seen / left out):
# tuning 100.0/100.0/100.0 and 94.8/90.2/98.9, tuning-extra 99.5/97.5/99.5 and
# 95.0/87.5/99.0, holdout 99.4/96.9/98.8 and 90.6/80.0/97.5, holdout2 99.3/96.0/98.7
# and 89.3/80.0/97.3, dev 100.0/100.0/100.0 and 93.3/91.7/100.0.
SEEN_FLOORS = {
    "tuning": (0.99, 0.99, 0.99),
    "tuning-extra": (0.98, 0.96, 0.98),
    "holdout": (0.98, 0.95, 0.97),
    "holdout2": (0.98, 0.95, 0.97),
    "dev": (0.98, 0.98, 0.98),
}
LEFT_OUT_FLOORS = {
    "tuning": (0.93, 0.89, 0.97),
    "tuning-extra": (0.94, 0.86, 0.98),
    "holdout": (0.89, 0.79, 0.96),
    "holdout2": (0.88, 0.79, 0.96),
    "dev": (0.91, 0.90, 0.98),
}
# Pooled over the 744 left-out tickets: measured 92.7 / 85.3 / 98.4. The within-one floor
# is the review issue's aim.
POOLED_LEFT_OUT_FLOORS = (0.92, 0.84, 0.97)


def figures(report: EvaluationReport) -> tuple[float, float, float]:
    return (
        report.category_accuracy,
        report.priority_accuracy,
        report.priority_within_one_accuracy,
    )


def at_least(measured: tuple[float, ...], floors: tuple[float, ...]) -> bool:
    return all(value >= floor for value, floor in zip(measured, floors, strict=True))


@pytest.fixture(scope="module")
def sets():
    return labelled_sets()


@pytest.fixture(scope="module")
def left_out_reports(sets):
    return leave_one_set_out(sets)


def test_every_labelled_set_has_floors():
    assert set(SEEN_FLOORS) == set(LEFT_OUT_FLOORS) == set(LABELLED_SETS)


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_accuracy_on_each_set_it_was_trained_on_stays_above_its_floor(sets, name):
    measured = figures(evaluate(sets[name], fallback.classify))
    assert at_least(measured, SEEN_FLOORS[name]), measured


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_accuracy_on_each_set_left_out_of_training_stays_above_its_floor(left_out_reports, name):
    measured = figures(left_out_reports[name])
    assert at_least(measured, LEFT_OUT_FLOORS[name]), measured


def test_pooled_left_out_accuracy_stays_above_its_floor(left_out_reports):
    measured = figures(pooled(left_out_reports.values()))
    assert at_least(measured, POOLED_LEFT_OUT_FLOORS), measured


# holdout3 was written blind after the method was fixed and is never trained on: measured
# once with the committed weights, 91.7 / 84.2 / 95.4 (docs/classifier.md).
HOLDOUT3_FLOORS = (0.91, 0.83, 0.95)


def test_the_set_written_after_the_method_was_fixed_holds_its_figures():
    report = evaluate(read_labelled_tickets(DATA_DIRECTORY / "holdout3.jsonl"), fallback.classify)
    assert "holdout3" not in LABELLED_SETS  # never trained on
    assert at_least(figures(report), HOLDOUT3_FLOORS), figures(report)
