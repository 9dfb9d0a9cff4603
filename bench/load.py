"""Driving one scenario with wrk (Debian's package), and checking answers beforehand."""

import json
import os
import shutil
import statistics
import subprocess
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.scenarios import Scenario, problems_with

WRK_SCRIPT = Path(__file__).with_name("wrk_scenario.lua")
# Unmeasured load before a server's figures: each server meets each request cold otherwise
# (its workers' connections, prepared statements, caches).
WARM_UP_S = 1
# Two servers compared (ticketsvc and the floor, mail on and off) are driven in turn this
# many times and each side's rounds combined. Driven once each, one after the other, the
# floor's same first page measured 1.59 ms and 1,042 req/s, then 1.23 ms and 1,470 req/s
# minutes later in one run: the machine's speed drifts, and a ratio of two single figures
# carried the drift.
ROUNDS = 3


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds


def combined(rounds: Sequence[LoadResult]) -> LoadResult:
    """One figure for several rounds of the same load: their requests, seconds and errors
    added up (the rate is over all of them), each percentile the median of the rounds'."""
    return LoadResult(
        requests=sum(result.requests for result in rounds),
        seconds=sum(result.seconds for result in rounds),
        p50_ms=statistics.median(result.p50_ms for result in rounds),
        p95_ms=statistics.median(result.p95_ms for result in rounds),
        p99_ms=statistics.median(result.p99_ms for result in rounds),
        errors=sum(result.errors for result in rounds),
    )


def ensure_wrk() -> str:
    """wrk's path, installing Debian's package when it is missing."""
    if not shutil.which("wrk"):
        print("Installing wrk (apt-get install wrk)…")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def check_answers(
    base_url: str, scenario: Scenario, max_id: int, token: str, problems=problems_with, samples: int = 5
) -> None:
    """Send the scenario's request a few times, with token; raise if problems (a function of
    the scenario, the status and the decoded body) finds anything wrong with an answer."""
    for sample in range(samples):
        path = scenario.path.replace("{id}", str(1 + sample * max(1, max_id // samples)))
        body = scenario.body and scenario.body.replace("{status}", "in_progress").replace(
            "{customer}", str(sample)
        )
        request = urllib.request.Request(
            base_url + path,
            data=body and body.encode(),
            method=scenario.method,
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload = response.status, json.load(response)
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read().decode(errors="replace")
        found = problems(scenario, status, payload)
        if found:
            raise AssertionError(f"{scenario.name}: {'; '.join(found[:5])}")


def run_wrk(
    wrk: str, base_url: str, scenario: Scenario, seconds: float, connections: int, max_id: int, token: str
) -> LoadResult:
    """Keep connections requests in flight (each sent as soon as the previous answered),
    each signed with the API token, as any client of the API is."""
    environment = {
        **os.environ,
        "BENCH_METHOD": scenario.method,
        "BENCH_PATH": scenario.path,
        "BENCH_MAX_ID": str(max_id if "{id}" in scenario.path else 0),
        "BENCH_AUTHORIZATION": f"Bearer {token}",
    }
    if scenario.body:
        environment["BENCH_BODY"] = scenario.body
    command = [
        wrk,
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        "--timeout=10s",
        f"--script={WRK_SCRIPT}",
        base_url + scenario.path.split("{")[0],
    ]
    output = subprocess.run(command, env=environment, capture_output=True, text=True, check=True).stdout
    summary = json.loads(output.strip().splitlines()[-1])
    return LoadResult(
        requests=summary["requests"],
        seconds=summary["duration_us"] / 1e6,
        p50_ms=summary["p50_us"] / 1000,
        p95_ms=summary["p95_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        errors=summary["not_2xx"] + summary["socket_errors"],
    )
