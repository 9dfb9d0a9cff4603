"""The app under gunicorn for the benchmark, and the memory of its workers."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ticketsvc.devtools.local_gunicorn import Gunicorn, gunicorn_serving


@contextmanager
def gunicorn(database_url: str, log_path: Path) -> Iterator["Server"]:
    """Serve the app with gunicorn.conf.py's own worker count until the block ends.

    Throughput is measured from one client address, so per-client limits are off (the
    default of gunicorn_serving); classify answers from the offline fallback.
    """
    with open(log_path, "wb") as log, gunicorn_serving(database_url, log) as served:
        yield Server(served)


class Server:
    def __init__(self, served: Gunicorn):
        self.url = served.url
        self.master_pid = served.pid

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_memory_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes
