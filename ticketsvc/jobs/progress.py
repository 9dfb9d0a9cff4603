"""Progress of a long job: a bar with rate and ETA on a terminal, a plain line every tenth
of the way elsewhere (a log file, CI), where a redrawn bar would be unreadable."""

import sys
import time
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    # What click.progressbar returns; click's own annotations import it from here too.
    from click._termui_impl import ProgressBar

# Off a terminal, a line each time another tenth is done.
PLAIN_LINES = 10


class Progress:
    """Counts units of work done out of total; use as a context manager around the job."""

    def __init__(self, label: str, total: int, unit: str = "tickets", stream: TextIO | None = None):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.done = 0
        self._started = time.monotonic()
        self._lines_written = 0
        # The rate shown beside the bar is its "item".
        self._bar: ProgressBar[str | None] | None = None

    def __enter__(self) -> "Progress":
        if self.stream.isatty():
            self._bar = click.progressbar(
                length=self.total,
                label=self.label,
                file=self.stream,
                show_eta=True,
                show_pos=True,
                item_show_func=lambda rate: rate,
            ).__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)

    def advance(self, count: int) -> None:
        self.done += count
        rate = f"{self.rate():,.0f} {self.unit}/s"
        if self._bar is not None:
            self._bar.update(count, rate)
            return
        tenths_done = self.done * PLAIN_LINES // self.total if self.total else PLAIN_LINES
        if tenths_done > self._lines_written:
            click.echo(
                f"{self.label}: {self.done / self.total:.0%} ({self.done:,} of {self.total:,}),"
                f" {rate}, about {self.seconds_left():,.0f} s left",
                file=self.stream,
            )
            self._lines_written = tenths_done

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self._started, 1e-9)

    def seconds_left(self) -> float:
        rate = self.rate()
        return (self.total - self.done) / rate if rate else 0.0
