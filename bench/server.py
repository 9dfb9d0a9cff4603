"""The app under gunicorn with the project's gunicorn.conf.py, as production runs it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, log_path: Path) -> Iterator["Server"]:
    """Serve the app on a free local port until the block ends."""
    port = _free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    # Throughput is measured from one client address: no per-client limits. classify
    # answers from the offline fallback.
    environment.update(RATELIMIT_CLASSIFY="off", RATELIMIT_CREATE="off")
    environment.pop("GEMINI_API_KEY", None)
    executable = Path(sys.executable).with_name("gunicorn")
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(executable), "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"http://127.0.0.1:{port}", process)
        try:
            server.wait_until_serving()
            yield server
        finally:
            process.terminate()
            process.wait(timeout=60)


class Server:
    def __init__(self, url: str, process: subprocess.Popen):
        self.url = url
        self.process = process

    def wait_until_serving(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/health/", timeout=2):
                    if self.worker_pids():
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.url} did not answer within {seconds} s")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_memory_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker."""
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes
