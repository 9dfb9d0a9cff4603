"""The benchmark's timed jobs: `flask tickets import` of ROWS tickets into an empty
database, and `flask tickets reclassify --apply` over the benchmark's ROWS tickets, both
run as an operator runs them (the CLI, in a process of their own, without a Gemini key)."""

import csv
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import database
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.jobs.seed import generate

IMPORT_DATABASE = "ticketsvc_bench_import"


@dataclass(frozen=True)
class JobRow:
    name: str
    tickets: int
    seconds: float
    target_s: float  # at ROWS = 1,000,000, scaled to the run's rows

    @property
    def met(self) -> bool:
        return self.seconds <= self.target_s


def timed_import(server: str, rows: int, directory: Path, target_s_per_million: float) -> JobRow:
    """Write rows generated tickets as the old service's CSV export, then time importing them."""
    csv_path = directory / "import.csv"
    with csv_path.open("w", newline="") as export:
        writer = csv.writer(export)
        writer.writerow(["title", "description", "category", "priority", "status", "created_at"])
        for ticket in generate(rows, seed=7):
            writer.writerow(
                [
                    ticket.title,
                    ticket.description,
                    ticket.category,
                    ticket.priority,
                    ticket.status,
                    ticket.created_at.isoformat(),
                ]
            )
    database.drop(server, IMPORT_DATABASE)
    url = database.database_url(server, IMPORT_DATABASE)
    database.create_empty(server, IMPORT_DATABASE)
    try:
        _cli(url, ["db", "upgrade"])
        seconds = _timed_cli(url, ["tickets", "import", str(csv_path)])
    finally:
        database.drop(server, IMPORT_DATABASE)
        csv_path.unlink()
    return JobRow("import", rows, seconds, target_s_per_million * rows / 1_000_000)


def timed_reclassify(url: str, rows: int, directory: Path, target_s_per_million: float) -> JobRow:
    checkpoint = directory / "reclassify-checkpoint.json"
    arguments = ["tickets", "reclassify", "--apply", "--restart", "--checkpoint", str(checkpoint)]
    seconds = _timed_cli(url, arguments)
    return JobRow("reclassify --apply", rows, seconds, target_s_per_million * rows / 1_000_000)


def _timed_cli(url: str, arguments: list[str]) -> float:
    started = time.perf_counter()
    _cli(url, arguments)
    return time.perf_counter() - started


def _cli(url: str, arguments: list[str]) -> None:
    """`flask --app wsgi ARGUMENTS` against url, as an operator would run it."""
    environment = {
        **{name: value for name, value in os.environ.items() if name != "GEMINI_API_KEY"},
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
    }
    flask = Path(sys.executable).with_name("flask")
    command = [str(flask), "--app", "wsgi", *arguments]
    subprocess.run(command, cwd=PROJECT_ROOT, env=environment, check=True, stdout=subprocess.DEVNULL)
