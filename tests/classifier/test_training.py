"""Training the offline classifier: reproducible, and what it learns priority from."""

import json

import pytest

from ticketsvc.classifier.evaluation import LabelledTicket
from ticketsvc.classifier.fallback.classifier import WEIGHTS_PATH
from ticketsvc.classifier.fallback.features import Evidence
from ticketsvc.classifier.fallback.train import (
    LABELLED_SETS,
    SETTINGS,
    fit,
    labelled_sets,
    priority_before_signals,
    train,
    weights_json,
)
from ticketsvc.enums import Category, Priority

# Rounding to 4 decimals hides almost every platform difference in the last bit of
# math.exp; a weight that still lands on the other side of a rounding edge moves by 1e-4.
TOLERANCE = 2e-4


def test_retraining_reproduces_the_committed_weights():
    tickets = [ticket for tickets in labelled_sets().values() for ticket in tickets]
    retrained = json.loads(weights_json(train(tickets)))
    committed = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))

    assert {key: retrained[key] for key in ("made_by", "trained_on", "settings")} == {
        key: committed[key] for key in ("made_by", "trained_on", "settings")
    }
    for model in ("category", "priority"):
        assert retrained[model]["labels"] == committed[model]["labels"]
        assert retrained[model]["bias"] == pytest.approx(committed[model]["bias"], abs=TOLERANCE)
        assert retrained[model]["weights"].keys() == committed[model]["weights"].keys()
        for feature, row in committed[model]["weights"].items():
            assert retrained[model]["weights"][feature] == pytest.approx(row, abs=TOLERANCE), feature


def test_weights_file_says_how_it_was_made():
    committed = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert committed["made_by"] == "python -m ticketsvc.classifier.fallback.train"
    assert committed["trained_on"] == list(LABELLED_SETS)
    assert committed["settings"]["category_learning_rate"] == SETTINGS.category_learning_rate


def test_training_twice_gives_the_same_weights():
    tickets = labelled_sets()["dev"]
    assert weights_json(train(tickets)) == weights_json(train(tickets))


def test_a_feature_of_a_single_ticket_is_not_learned():
    features = [{"shared", "only here"}, {"shared"}, {"other"}]
    model = fit(features, ["billing", "billing", "general"], ["billing", "general"], 0.1, SETTINGS)
    assert "only here" not in model.weights
    assert "shared" in model.weights


@pytest.mark.parametrize(
    ("labelled", "description", "learned"),
    [
        (Priority.HIGH, "Export fails, no workaround. Urgent!", Priority.MEDIUM),
        (Priority.MEDIUM, "Export fails, no workaround. Not urgent.", Priority.MEDIUM),
        (Priority.CRITICAL, "Production is down for all users.", Priority.CRITICAL),
        (Priority.LOW, "How do I export? ASAP please.", Priority.LOW),
    ],
    ids=["signal", "negated signal", "critical stays critical", "low stays low"],
)
def test_priority_is_learned_as_it_would_be_without_the_signals(labelled, description, learned):
    # rules.py adds the signal's step to whatever the model suggests.
    ticket = LabelledTicket("Ticket", description, Category.TECHNICAL, labelled)
    evidence = Evidence.of(ticket.title, ticket.description)
    assert priority_before_signals(ticket.priority, evidence) == learned
