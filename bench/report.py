"""The benchmark's table, printed and written to bench/results/."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.jobs import JobRow
from bench.load import LoadResult
from bench.scenarios import Scenario


@dataclass(frozen=True)
class Row:
    """A scenario's latency with one client, its throughput with several, its SQL's time."""

    scenario: Scenario
    latency: LoadResult
    throughput: LoadResult
    sql_ms: float | None

    @property
    def errors(self) -> int:
        return self.latency.errors + self.throughput.errors

    @property
    def met(self) -> bool:
        return (
            self.errors == 0
            and self.latency.p50_ms <= self.scenario.target_p50_ms
            and self.throughput.requests_per_second >= self.scenario.target_requests_per_second
        )


HEADER = (
    "| scenario | p50 ms | p95 ms | p99 ms | req/s | p50 ms loaded | errors | SQL ms"
    " | target p50 / req/s | met |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
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
            f" | {'yes' if row.met else 'NO'} |"
        )
    return "\n".join(lines)


def _throughput_target(scenario: Scenario) -> str:
    return f"≥ {scenario.target_requests_per_second:,.0f}" if scenario.target_requests_per_second else "—"


LEGEND = (
    "p50/p95/p99: latency with one client sending requests back to back; req/s and"
    " p50 loaded: with CONCURRENCY clients; errors: non-2xx answers and socket errors in both"
    " runs; SQL ms: PostgreSQL's planning + execution time of the request's statements"
    " (EXPLAIN ANALYZE, median of 5), so the rest of p50 is Python, HTTP and round trips."
)


def jobs_table(job_rows: list[JobRow]) -> str:
    lines = ["| job | tickets | seconds | tickets/s | target | met |", "|---|---:|---:|---:|---|---|"]
    lines += [
        f"| {job.name} | {job.tickets:,} | {job.seconds:.1f} | {job.tickets / job.seconds:,.0f}"
        f" | ≤ {job.target_s:g} s | {'yes' if job.met else 'NO'} |"
        for job in job_rows
    ]
    return "\n".join(lines)


def write(directory: Path, rows: list[Row], job_rows: list[JobRow], context: dict) -> Path:
    """The tables (Markdown) and every figure (JSON) under directory; returns the Markdown."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown = directory / "results.md"
    context_lines = "\n".join(f"- {name}: {value}" for name, value in context.items())
    jobs = f"\n\n{jobs_table(job_rows)}" if job_rows else ""
    markdown.write_text(f"{table(rows)}\n\n{LEGEND}{jobs}\n\n{context_lines}\n")
    figures = [
        {
            "scenario": row.scenario.name,
            "one_client": asdict(row.latency),
            "concurrent": asdict(row.throughput),
            "requests_per_second": row.throughput.requests_per_second,
            "sql_ms": row.sql_ms,
            "met": row.met,
        }
        for row in rows
    ]
    timed = [asdict(job) for job in job_rows]
    (directory / "results.json").write_text(
        json.dumps({"context": context, "rows": figures, "jobs": timed}, indent=2)
    )
    return markdown
