"""How long the offline classifier takes per ticket (not a test: timings vary by machine).

    python bench/classifier_speed.py [FILE.jsonl]
"""
import json
import random
import sys
import time
from pathlib import Path

from ticketsvc.classifier import fallback

ROUNDS = 20


def mean_seconds(tickets: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for title, description in tickets:
            fallback.classify(title, description)
    return (time.perf_counter() - started) / (ROUNDS * len(tickets))


def longest_allowed_ticket() -> tuple[str, str]:
    """10,000 characters (the contract's maximum) of varied words, most of them unknown."""
    randomness = random.Random(0)
    words = [
        "".join(randomness.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(randomness.randint(2, 9)))
        for _ in range(3000)
    ]
    return "Export fails", " ".join(randomness.choice(words) for _ in range(2000))[:10_000]


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/tuning.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    typical = [(row.get("title", ""), row["description"]) for row in rows]
    print(f"typical tickets ({path.name}): {mean_seconds(typical) * 1e6:8.0f} µs per ticket")
    longest = longest_allowed_ticket()
    started = time.perf_counter()
    fallback.classify(*longest)
    print(f"10,000 characters, first time: {(time.perf_counter() - started) * 1e6:8.0f} µs")
    print(f"10,000 characters, repeated:   {mean_seconds([longest]) * 1e6:8.0f} µs")


if __name__ == "__main__":
    main()
