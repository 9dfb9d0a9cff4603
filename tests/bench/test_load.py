"""Rounds of the same load make one figure: rates over all of them, percentiles their median;
each timed round starts on a settled server."""

from argparse import Namespace

from bench import load, run
from bench.load import LoadResult, combined


def test_rounds_add_up_their_requests_and_take_the_median_percentile():
    rounds = [
        LoadResult(requests=1000, seconds=2.0, p50_ms=1.0, p95_ms=3.0, p99_ms=9.0, errors=0),
        LoadResult(requests=600, seconds=2.0, p50_ms=5.0, p95_ms=8.0, p99_ms=20.0, errors=1),
        LoadResult(requests=800, seconds=2.0, p50_ms=2.0, p95_ms=4.0, p99_ms=10.0, errors=0),
    ]

    figure = combined(rounds)

    assert figure.requests_per_second == 400
    assert (figure.p50_ms, figure.p95_ms, figure.p99_ms) == (2.0, 4.0, 10.0)
    assert figure.errors == 1


def test_every_timed_run_starts_once_the_previous_runs_mail_is_sent(monkeypatch):
    happened = []

    def fake_wrk(wrk, base_url, scenario, seconds, connections, highest_id, token):
        happened.append(("run", base_url, seconds))
        return LoadResult(requests=10, seconds=seconds, p50_ms=1.0, p95_ms=1.0, p99_ms=1.0, errors=0)

    monkeypatch.setattr(load, "run_wrk", fake_wrk)
    sides = [("http://app", "scenario", "t"), ("http://floor", "scenario", "t")]
    run._alternated(
        "wrk", sides, Namespace(duration=3, concurrency=8), 100, lambda: happened.append("settled")
    )

    warm_ups, timed = happened[:2], happened[2:]
    assert [step[2] for step in warm_ups] == [load.WARM_UP_S] * 2
    # Each timed run (two per side per round) right after a settle, the sides in turn.
    assert timed[0::2] == ["settled"] * (4 * load.ROUNDS)
    assert [step[1] for step in timed[1::2]] == (["http://app"] * 2 + ["http://floor"] * 2) * load.ROUNDS
