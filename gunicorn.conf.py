"""gunicorn settings; every number can be overridden from the environment."""

import os
import signal


def _setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _usable_cores() -> int:
    # In a container limited by a cpuset this is the container's share, not the host's.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Threads keep a worker responsive while one of its requests waits on Gemini.
worker_class = "gthread"
# Each thread may hold a database connection: 8 workers x 4 threads = 32, so a couple of
# replicas stay within PostgreSQL's default max_connections (100) on a many-core host.
workers = _setting("GUNICORN_WORKERS", min(2 * _usable_cores(), 8))
threads = _setting("GUNICORN_THREADS", 4)
# The classifier is bounded at CLASSIFIER_TIMEOUT_S (5 s); nothing legitimate takes 30 s.
timeout = _setting("GUNICORN_TIMEOUT", 30)
# Time for in-flight requests after SIGTERM; compose's stop_grace_period leaves room for it.
graceful_timeout = _setting("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = 5
# Accept every request line nginx passes on (its buffers hold 8 kB; gunicorn's default
# of 4 kB would answer longer ones with an HTML 414 of its own).
limit_request_line = 8190
# Behind nginx, which logs every request, a second access log cost a loaded worker 6% of its
# time (py-spy, round 2): off unless asked for. `make run`, with no nginx, turns it on.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# X-Forwarded-* are decided in one place, the app's ProxyFix (TRUSTED_PROXIES); gunicorn
# must not also rewrite the scheme for peers it happens to consider local.
forwarded_allow_ips = ""
# The heartbeat file of each worker lives in memory: a slow container disk (overlayfs)
# must not make the arbiter think a busy worker is stuck.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    """A worker waits on PostgreSQL for a bounded time, and leaves Ctrl-C to the master.

    The bound is process-wide (ticketsvc/db/connections.py), so it is set here, in the
    processes that serve requests, and not by the app: `flask --app wsgi tickets import`
    loads the same app and must be free to COPY, which the bound rules out.

    A terminal sends SIGINT to the whole process group; a gthread worker that gets it on
    top of the master's stop signal re-enters its executor's shutdown and hangs there
    forever (seen with gunicorn 27 under `make run`), so workers ignore it.
    """
    from ticketsvc.db import connections

    connections.bound_waits(worker.wsgi.config["DATABASE_TIMEOUT_S"])
    signal.signal(signal.SIGINT, signal.SIG_IGN)
