"""The benchmark's table, printed and written to bench/results/."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.jobs import JobRow
from bench.load import LoadResult
from bench.measurement import Measurement
from bench.scenarios import Scenario

# Issue 19's targets, as ratios to the floor measured in the same run: ticketsvc's p50 at
# most 1.5 times the floor's, its throughput at least 60% of the floor's.
FLOOR_P50_RATIO = 1.5
FLOOR_THROUGHPUT_SHARE = 0.6


@dataclass(frozen=True)
class Floor:
    """The floor's figures for the same question, in the same run."""

    latency: LoadResult
    throughput: LoadResult


@dataclass(frozen=True)
class Row:
    """A scenario's latency with one client, its throughput with several, its SQL's time,
    and the floor's figures beside them (None: not measured, or the floor has no such
    endpoint)."""

    scenario: Scenario
    latency: LoadResult
    throughput: LoadResult
    sql_ms: float | None
    floor: Floor | None = None

    @property
    def errors(self) -> int:
        return self.latency.errors + self.throughput.errors

    @property
    def p50_ratio(self) -> float:
        return self.latency.p50_ms / self.floor.latency.p50_ms

    @property
    def throughput_share(self) -> float:
        return self.throughput.requests_per_second / self.floor.throughput.requests_per_second

    @property
    def met_beside_floor(self) -> bool:
        floor_errors = self.floor.latency.errors + self.floor.throughput.errors
        return (
            self.errors == 0
            and floor_errors == 0
            and self.p50_ratio <= FLOOR_P50_RATIO
            and self.throughput_share >= FLOOR_THROUGHPUT_SHARE
        )

    @property
    def met(self) -> bool:
        return (
            self.errors == 0
            and self.latency.p50_ms <= self.scenario.target_p50_ms
            and self.throughput.requests_per_second >= self.scenario.target_requests_per_second
        )


HEADER = (
    "| scenario | p50 ms | p95 ms | p99 ms | req/s | p50 ms loaded | errors | SQL ms"
    " | target p50 / req/s | met | floor p50 ms | floor req/s | p50 ÷ floor | req/s ÷ floor"
    f" | ≤ {FLOOR_P50_RATIO:g}x / ≥ {FLOOR_THROUGHPUT_SHARE:.0%} |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|"
)


def table(rows: list[Row]) -> str:
    lines = [HEADER]
    for row in rows:
        latency, throughput, scenario = row.latency, row.throughput, row.scenario
        sql = "-" if row.sql_ms is None else f"{row.sql_ms:.2f}"
        lines.append(
            f"| {scenario.name} | {latency.p50_ms:.2f} | {latency.p95_ms:.2f} | {latency.p99_ms:.2f}"
            f" | {throughput.requests_per_second:,.0f} | {throughput.p50_ms:.2f} | {row.errors} | {sql}"
            f" | ≤ {scenario.target_p50_ms:g} / {_throughput_target(scenario)}"
            f" | {'yes' if row.met else 'NO'} | {_beside_floor(row)} |"
        )
    return "\n".join(lines)


def _beside_floor(row: Row) -> str:
    """The floor's columns of row's line."""
    if row.floor is None:
        return " | ".join(["—"] * 5)
    floor = row.floor
    return (
        f"{floor.latency.p50_ms:.2f} | {floor.throughput.requests_per_second:,.0f}"
        f" | {row.p50_ratio:.2f}x | {row.throughput_share:.0%} | {'✓' if row.met_beside_floor else '✗'}"
    )


def _throughput_target(scenario: Scenario) -> str:
    return f"≥ {scenario.target_requests_per_second:,.0f}" if scenario.target_requests_per_second else "—"


LEGEND = (
    "p50/p95/p99: latency with one client sending requests back to back; req/s and"
    " p50 loaded: with CONCURRENCY clients; errors: non-2xx answers and socket errors in both"
    " runs; SQL ms: PostgreSQL's planning + execution time of the request's statements"
    " (EXPLAIN ANALYZE, median of 5), so the rest of p50 is Python, HTTP and round trips."
    " floor: the same request to the API floor (bench/floor/) over the same rows, in the same"
    " run, driven in turn with ticketsvc, three rounds each, combined (requests over all"
    " three, percentiles their median); list_assignee (and list_waiting)"
    " are held to the floor's first page, as the floor keeps no assignees; ✓: p50 at most"
    f" {FLOOR_P50_RATIO:g}x the floor's and at least {FLOOR_THROUGHPUT_SHARE:.0%} of its req/s"
    " (issue 19), with no errors on either side."
)


def jobs_table(job_rows: list[JobRow]) -> str:
    lines = ["| job | tickets | seconds | tickets/s | target | met |", "|---|---:|---:|---:|---|---|"]
    lines += [
        f"| {job.name} | {job.tickets:,} | {job.seconds:.1f} | {job.tickets / job.seconds:,.0f}"
        f" | ≤ {job.target_s:g} s | {'yes' if job.met else 'NO'} |"
        for job in job_rows
    ]
    return "\n".join(lines)


def measurements_table(measurements: list[Measurement]) -> str:
    lines = ["| measurement | figure | target | met |", "|---|---|---|---|"]
    lines += [
        f"| {measured.name} | {measured.figure} | {measured.target} | {'yes' if measured.met else 'NO'} |"
        for measured in measurements
    ]
    return "\n".join(lines)


def write(
    directory: Path, rows: list[Row], measurements: list[Measurement], job_rows: list[JobRow], context: dict
) -> Path:
    """The tables (Markdown) and every figure (JSON) under directory; returns the Markdown."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown = directory / "results.md"
    context_lines = "\n".join(f"- {name}: {value}" for name, value in context.items())
    tables = [table(rows), LEGEND]
    if measurements:
        tables.append(measurements_table(measurements))
    if job_rows:
        tables.append(jobs_table(job_rows))
    markdown.write_text("\n\n".join([*tables, context_lines]) + "\n")
    figures = [
        {
            "scenario": row.scenario.name,
            "one_client": asdict(row.latency),
            "concurrent": asdict(row.throughput),
            "requests_per_second": row.throughput.requests_per_second,
            "sql_ms": row.sql_ms,
            "met": row.met,
            "floor": row.floor and {**asdict(row.floor), "met_beside_floor": row.met_beside_floor},
        }
        for row in rows
    ]
    document = {
        "context": context,
        "rows": figures,
        "measurements": [asdict(measured) for measured in measurements],
        "jobs": [asdict(job) for job in job_rows],
    }
    (directory / "results.json").write_text(json.dumps(document, indent=2))
    return markdown
