"""What mail costs the writes that queue it (issue 20: create, patch and comment p50 with
mail on within 1.2x of the same scenario with mail off, in the same run).

The app is served twice side by side on the same database: with mail on (MAIL_URL, and a
worker delivering what the writes queue, as in production) and with mail off (no MAIL_URL:
the writes queue nothing). Each write scenario is driven with one client against one, then
the other, load.ROUNDS times each, after a warm-up each time; the figures are each side's median
p50. The machine's speed drifts within minutes (docs/performance.md): driven one after the
other, minutes apart, the two sides' p50s differed by as much as 2x either way in two runs
of the same code; alternated, both sides meet the same drift.

    python -m bench.mail_cost [--rows N] [--keep] [--server URL]
"""

import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import database, load, standalone
from bench.fixtures import Fixtures
from bench.measurement import Measurement
from bench.scenarios import SCENARIOS
from bench.server import gunicorn

WRITES = ("create", "patch", "comment")
TARGET_RATIO = 1.2


@dataclass(frozen=True)
class MailCost:
    on_p50_ms: dict[str, float]
    off_p50_ms: dict[str, float]

    def measurements(self) -> list[Measurement]:
        return [
            Measurement(
                f"{name} p50, mail on ÷ mail off"
                f" (two servers side by side, alternated {load.ROUNDS}x: medians)",
                f"{self.on_p50_ms[name]:.2f} ÷ {off:.2f} ms = {self.on_p50_ms[name] / off:.2f}x",
                f"≤ {TARGET_RATIO:g}x",
                self.on_p50_ms[name] / off <= TARGET_RATIO,
            )
            for name, off in self.off_p50_ms.items()
        ]


def measure(
    database_url: str, log_directory: Path, mail_directory: Path, wrk: str, ready: Fixtures, seconds: float
) -> MailCost:
    """Each write scenario with mail on and off, alternated load.ROUNDS times."""
    on: dict[str, list[float]] = {name: [] for name in WRITES}
    off: dict[str, list[float]] = {name: [] for name in WRITES}
    with (
        gunicorn(database_url, log_directory / "gunicorn-mail-on.log", mail_directory) as mail_on,
        gunicorn(database_url, log_directory / "gunicorn-mail-off.log", mail_directory=None) as mail_off,
    ):
        for scenario in (ready.filled(scenario) for scenario in SCENARIOS if scenario.name in WRITES):
            for _ in range(load.ROUNDS):
                for served, p50s in ((mail_on, on), (mail_off, off)):
                    drive = (wrk, served.url, scenario)
                    load.run_wrk(*drive, load.WARM_UP_S, 1, ready.last_seeded_id, ready.token)
                    latency = load.run_wrk(*drive, seconds, 1, ready.last_seeded_id, ready.token)
                    p50s[scenario.name].append(latency.p50_ms)
        # The mail-on worker sends what the writes queued before it stops: the worker's
        # own measurement after this one must find no backlog of ours ahead of its own.
        database.wait_until_no_mail_queued(database_url)
    return MailCost(_medians(on), _medians(off))


def _medians(p50s: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(figures) for name, figures in p50s.items()}


def main() -> None:
    with (
        standalone.prepared(__doc__, default_rows=100_000) as (_, url, ready),
        tempfile.TemporaryDirectory(prefix="bench-mail-") as mail,
        tempfile.TemporaryDirectory() as logs,
    ):
        measured = measure(url, Path(logs), Path(mail), load.ensure_wrk(), ready, seconds=5)
    standalone.print_measurements(measured.measurements())


if __name__ == "__main__":
    main()
