"""What mail costs the writes: mail on against mail off, scenario by scenario."""

from bench import mail_cost
from bench.mail_cost import MailCost
from bench.scenarios import SCENARIOS


def test_the_writes_that_queue_mail_are_benchmark_scenarios():
    assert set(mail_cost.WRITES) <= {scenario.name for scenario in SCENARIOS}


def test_each_side_is_the_median_of_its_rounds():
    assert mail_cost._medians({"create": [9.0, 3.0, 4.0]}) == {"create": 4.0}


def test_each_write_meets_the_target_only_within_its_ratio():
    cost = MailCost({"create": 6.0, "patch": 4.0}, {"create": 5.0, "patch": 3.0})
    create, patch = cost.measurements()
    assert (create.figure, create.met) == ("6.00 ÷ 5.00 ms = 1.20x", True)
    assert (patch.figure, patch.met) == ("4.00 ÷ 3.00 ms = 1.33x", False)
