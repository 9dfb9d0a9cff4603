"""The long-running commands (`flask worker`, `flask mail fetch --watch`) stop between two
pieces of work on SIGTERM (what Docker, systemd and `make run` send) or Ctrl-C, rather than
in the middle of one."""

import signal
import threading


def stop_on_signals() -> threading.Event:
    """An event that SIGTERM or SIGINT sets from now on (to be called in the main thread)."""
    stop = threading.Event()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop.set())
    return stop
