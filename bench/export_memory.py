"""The CSV export against gunicorn: how long downloading every ticket takes, and how much
the workers' resident memory grows meanwhile (issue 22: a million rows in under 20 s,
memory growing less than 50 MB). `make bench` measures it after its scenarios; alone:

    python -m bench.export_memory [--rows N] [--server URL] [--keep]

seeds (or, with --keep from an earlier run, reuses) the benchmark's database of N tickets,
serves it with one gunicorn worker, downloads GET /api/tickets/export.csv as fast as a
client reads, and samples each worker's RSS meanwhile.
"""

import http.client
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench import database, fixtures, standalone
from bench.measurement import Measurement
from bench.server import Server
from ticketsvc import create_app
from ticketsvc.config import database_url_for_sqlalchemy
from ticketsvc.devtools.local_gunicorn import gunicorn_serving

# The contract's targets, per million rows (the time scaled to the run's rows).
TARGET_S_PER_MILLION = 20
MEMORY_GROWTH_LIMIT_MB = 50
SAMPLE_INTERVAL_S = 0.02
READ_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ExportMeasurement:
    rows: int  # the tickets in the database, all exported
    lines: int  # of the file, header included (more than rows + 1 if a text holds a newline)
    megabytes: float
    seconds: float
    memory_growth_mb: float  # the largest growth of one worker's RSS during the download

    @property
    def target_s(self) -> float:
        return TARGET_S_PER_MILLION * self.rows / 1_000_000

    @property
    def met(self) -> bool:
        return self.seconds <= self.target_s and self.memory_growth_mb < MEMORY_GROWTH_LIMIT_MB

    def measurements(self) -> list[Measurement]:
        """The time and the memory growth, as two lines of the benchmark's table."""
        return [
            Measurement(
                f"CSV export of every ticket ({self.rows:,} rows, {self.megabytes:.0f} MB)",
                f"{self.seconds:.1f} s",
                f"≤ {self.target_s:.1f} s ({TARGET_S_PER_MILLION} s a million)",
                self.seconds <= self.target_s,
            ),
            Measurement(
                "the export's worker RSS growth",
                f"+{self.memory_growth_mb:.1f} MB",
                f"< {MEMORY_GROWTH_LIMIT_MB} MB",
                self.memory_growth_mb < MEMORY_GROWTH_LIMIT_MB,
            ),
        ]

    def summary(self) -> str:
        return (
            f"{self.rows:,} rows ({self.lines:,} lines, {self.megabytes:.0f} MB) in {self.seconds:.1f} s"
            f" (target ≤ {self.target_s:.1f} s), worker RSS"
            f" +{self.memory_growth_mb:.1f} MB (limit {MEMORY_GROWTH_LIMIT_MB} MB):"
            f" {'met' if self.met else 'NOT met'}"
        )


def measure(server: Server, token: str, rows: int) -> ExportMeasurement:
    """Download the whole export from server, sampling its workers' memory meanwhile."""
    sampler = _MemorySampler(server)
    sampler.start()
    started = time.perf_counter()
    size, lines = _download(server.url, token)
    seconds = time.perf_counter() - started
    return ExportMeasurement(rows, lines, size / 1024 / 1024, seconds, sampler.stop())


def _download(base_url: str, token: str) -> tuple[int, int]:
    """(bytes, lines) of the export, read as it comes and thrown away."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    try:
        connection.request("GET", "/api/tickets/export.csv", headers={"Authorization": f"Bearer {token}"})
        response = connection.getresponse()
        if response.status != 200:
            raise RuntimeError(f"the export answered {response.status}: {response.read(500)!r}")
        size = lines = 0
        while block := response.read(READ_BYTES):
            size += len(block)
            lines += block.count(b"\n")
        return size, lines
    finally:
        connection.close()


class _MemorySampler:
    """Each worker's RSS before the download and at its highest during it."""

    def __init__(self, server: Server):
        self._server = server
        self._before = self._sizes()
        self._highest = dict(self._before)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="rss-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> float:
        """The largest growth of one worker, in MB."""
        self._done.set()
        self._thread.join()
        return max(self._highest[pid] - self._before[pid] for pid in self._before)

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_INTERVAL_S):
            for pid, size in self._sizes().items():
                if pid in self._highest:
                    self._highest[pid] = max(self._highest[pid], size)

    def _sizes(self) -> dict[int, float]:
        return dict(zip(self._server.worker_pids(), self._server.worker_memory_mb(), strict=False))


def main() -> None:
    options = standalone.options(__doc__, default_rows=50_000)
    server = database.server_url(options.server)
    name, url = standalone.seeded_database(server, options.rows)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(url), "SECRET_KEY": "bench"})
    token = fixtures.bench_token(app)
    try:
        with gunicorn_serving(url, GUNICORN_WORKERS="1") as served:
            print(measure(Server(served), token, options.rows).summary())
    finally:
        if not options.keep:
            database.drop(server, name)


if __name__ == "__main__":
    main()
