"""How fast this machine runs Python right now, so two `make bench` tables can be compared.

Shared cloud machines of one kind are not equally fast from one day to the next (the same
code's offline classify went from 1.16 to 2.12 ms between two runs on one day). The
report states this figure next to the load average; tables are comparable only when it
is about the same.
"""

import statistics
import time

LOOP_ROUNDS = 7


def _one_loop_ms() -> float:
    started = time.perf_counter()
    total = 0
    for number in range(1_000_000):
        total += number * number
    return (time.perf_counter() - started) * 1000


def python_loop_ms() -> float:
    """Median milliseconds of a fixed million-step Python loop (one core)."""
    return statistics.median(_one_loop_ms() for _ in range(LOOP_ROUNDS))
