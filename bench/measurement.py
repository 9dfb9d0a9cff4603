"""A figure the benchmark measures once in a run, apart from the wrk scenarios (the
export, the polling cost, a bulk job), beside its target."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    name: str
    figure: str  # as the table prints it, with its unit
    target: str
    met: bool
