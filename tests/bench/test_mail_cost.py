"""What mail costs the writes: mail on against mail off, scenario by scenario."""

from bench.load import LoadResult
from bench.mail_cost import MailCost, written
from bench.report import Row
from bench.scenarios import SCENARIOS


def test_only_the_writes_that_queue_mail_are_served_again():
    rows = [Row(scenario, *[LoadResult(100, 1.0, 2.0, 3.0, 4.0, 0)] * 2, None) for scenario in SCENARIOS]
    assert [row.scenario.name for row in written(rows)] == ["create", "patch", "comment"]


def test_each_write_meets_the_target_only_within_its_ratio():
    cost = MailCost({"create": 6.0, "patch": 4.0}, {"create": 5.0, "patch": 3.0})
    create, patch = cost.measurements()
    assert (create.figure, create.met) == ("6.00 ÷ 5.00 ms = 1.20x", True)
    assert (patch.figure, patch.met) == ("4.00 ÷ 3.00 ms = 1.33x", False)
