"""What mail costs the writes that queue it (issue 20: create, patch and comment p50 with
mail on within 1.2x of the same scenario with mail off, in the same run).

The mail-on figures are the run's own scenario rows, measured while the worker drained the
mail they queued. Then the app is served again with mail off (no MAIL_URL: the writes queue
nothing) on the same database, and each of those scenarios is driven again with one client
for as long, after the same warm-up.
"""

from dataclasses import dataclass
from pathlib import Path

from bench import load
from bench.fixtures import Fixtures
from bench.measurement import Measurement
from bench.report import Row
from bench.server import gunicorn

WRITES = ("create", "patch", "comment")
TARGET_RATIO = 1.2
WARM_UP_S = 1


@dataclass(frozen=True)
class MailCost:
    on_p50_ms: dict[str, float]
    off_p50_ms: dict[str, float]

    def measurements(self) -> list[Measurement]:
        return [
            Measurement(
                f"{name} p50, mail on (the scenario above) ÷ mail off (served again after it)",
                f"{self.on_p50_ms[name]:.2f} ÷ {off:.2f} ms = {self.on_p50_ms[name] / off:.2f}x",
                f"≤ {TARGET_RATIO:g}x",
                self.on_p50_ms[name] / off <= TARGET_RATIO,
            )
            for name, off in self.off_p50_ms.items()
        ]


def written(rows: list[Row]) -> list[Row]:
    """The rows of the scenarios whose writes queue mail."""
    return [row for row in rows if row.scenario.name in WRITES]


def measure(
    rows: list[Row], database_url: str, log_path: Path, wrk: str, ready: Fixtures, seconds: float
) -> MailCost:
    """rows (written()'s, measured with mail on) driven again with mail off."""
    off = {}
    with gunicorn(database_url, log_path, mail_directory=None) as served:
        for row in rows:
            scenario = ready.filled(row.scenario)
            load.run_wrk(wrk, served.url, scenario, WARM_UP_S, 1, ready.last_seeded_id, ready.token)
            latency = load.run_wrk(wrk, served.url, scenario, seconds, 1, ready.last_seeded_id, ready.token)
            off[scenario.name] = latency.p50_ms
    return MailCost({row.scenario.name: row.latency.p50_ms for row in rows}, off)
