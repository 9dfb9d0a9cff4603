"""How long the offline classifier takes per call (not a test: timings vary by machine).

    .venv/bin/python bench/classifier_speed.py [FILE.jsonl]

Times every ticket of FILE (default: all labelled sets) one call at a time, and long
tickets of 10,000 characters (the contract's maximum), each new to the classifier so
that no cache helps, and prints the median, 99th percentile and worst call of each.
"""

import json
import random
import statistics
import sys
import time
from pathlib import Path

from ticketsvc.classifier import fallback

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
ROUNDS = 20
LONG_TICKETS = 1000


def call_seconds(tickets: list[tuple[str, str]]) -> list[float]:
    """One timing per call: every ticket, ROUNDS times."""
    timings = []
    for _ in range(ROUNDS):
        for title, description in tickets:
            started = time.perf_counter()
            fallback.classify(title, description)
            timings.append(time.perf_counter() - started)
    return timings


def long_tickets(count: int) -> list[tuple[str, str]]:
    """10,000 characters each: labelled ticket text followed by words never seen before."""
    randomness = random.Random(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    tickets = []
    for index in range(count):
        unknown = (
            "".join(randomness.choice(letters) for _ in range(randomness.randint(2, 9))) for _ in range(2000)
        )
        description = f"Export fails with error 500 at step {index}. " + " ".join(unknown)
        tickets.append(("Export fails", description[:10_000]))
    return tickets


def first_call_seconds(tickets: list[tuple[str, str]]) -> list[float]:
    timings = []
    for title, description in tickets:
        started = time.perf_counter()
        fallback.classify(title, description)
        timings.append(time.perf_counter() - started)
    return timings


def summary(label: str, timings: list[float]) -> str:
    percentiles = statistics.quantiles(timings, n=100)
    return (
        f"{label:<44} median {statistics.median(timings) * 1e6:6.0f} µs   "
        f"p99 {percentiles[98] * 1e6:6.0f} µs   worst {max(timings) * 1e6:6.0f} µs"
    )


def read_tickets(paths: list[Path]) -> list[tuple[str, str]]:
    rows = [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [(row.get("title", ""), row["description"]) for row in rows]


def main() -> None:
    paths = [Path(sys.argv[1])] if len(sys.argv) > 1 else sorted(DATA.glob("*.jsonl"))
    typical = read_tickets(paths)
    print(summary(f"labelled tickets ({len(typical)}, x{ROUNDS})", call_seconds(typical)))
    longest = long_tickets(LONG_TICKETS)
    print(summary(f"10,000 characters, first call ({LONG_TICKETS})", first_call_seconds(longest)))
    print(summary(f"10,000 characters, repeated (x{ROUNDS})", call_seconds(longest[:5])))


if __name__ == "__main__":
    main()
