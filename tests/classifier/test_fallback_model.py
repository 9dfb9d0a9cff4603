"""The linear model the offline classifier's weights are loaded into."""

import math

import pytest

from ticketsvc.classifier.fallback.model import LinearModel

PRIORITIES = ("low", "medium", "high", "critical")


def model_with(bias: tuple[float, ...], **weights: tuple[float, ...]) -> LinearModel:
    return LinearModel(labels=PRIORITIES, bias=bias, weights=weights)


def test_probabilities_are_a_softmax_of_bias_plus_the_present_features_weights():
    model = model_with((0.0, 0.0, 0.0, 0.0), outage=(0.0, 0.0, 1.0, 2.0), typo=(1.0, 0.0, 0.0, 0.0))

    probabilities = model.probabilities({"outage", "unknown feature"})

    expected = [math.exp(score) for score in (0.0, 0.0, 1.0, 2.0)]
    assert probabilities == pytest.approx([each / sum(expected) for each in expected])


def test_without_known_features_the_bias_decides():
    model = model_with((0.5, 0.1, 0.0, 0.0), outage=(0.0, 0.0, 0.0, 3.0))
    assert model.most_likely(set()) == "low"
    assert model.most_likely({"outage"}) == "critical"


def test_fewest_steps_off_prefers_a_neighbour_of_both_likely_answers():
    # Split between low and high: "medium" is one step from each, either is two from the other.
    model = model_with((math.log(0.45), math.log(0.1), math.log(0.45), -30.0))
    assert model.fewest_steps_off(set()) == "medium"


def test_fewest_steps_off_follows_a_clear_answer():
    model = model_with((-30.0, -30.0, -30.0, 0.0))
    assert model.fewest_steps_off(set()) == "critical"


def test_json_round_trip_keeps_every_weight():
    model = model_with((0.1, 0.2, 0.3, 0.4), outage=(0.0, 0.0, 1.5, 2.5))
    assert LinearModel.from_json(model.to_json()) == model
