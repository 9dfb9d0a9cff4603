"""Rounds of the same load make one figure: rates over all of them, percentiles their median."""

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
