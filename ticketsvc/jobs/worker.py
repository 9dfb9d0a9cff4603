"""`flask worker`: the one process for all background work.

Each pass runs every job once (deliver a batch of due mail, change one chunk of a bulk
change, read the mailbox when MAIL_IMAP_URL is set and MAIL_IMAP_INTERVAL_S has passed);
a pass that found work is followed by another at once, an idle one by a sleep of
WORKER_POLL_S. Several workers may run: each job claims its work with SKIP LOCKED
(mail/delivery.py, jobs/bulk_changes.py), and filing a message twice makes nothing twice.
The database being away is waited out, not fatal.
"""

import logging
import threading
import time
from collections.abc import Callable

from flask import current_app

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.extensions import db
from ticketsvc.jobs import bulk_changes
from ticketsvc.mail import delivery, imap

logger = logging.getLogger(__name__)


def jobs() -> list[Callable[[], int]]:
    """The jobs this worker runs; each returns how much work it did (0: none was waiting)."""
    config = current_app.config
    found = []
    if config["MAIL_URL"]:
        found.append(delivery.deliver_due)
    found.append(bulk_changes.run_due_chunk)
    if config["MAIL_IMAP_URL"]:
        found.append(every(config["MAIL_IMAP_INTERVAL_S"], fetch_mail))
    return found


def fetch_mail() -> int:
    """Read the mailbox; what goes wrong is recorded for the admins (imap.fetch), not fatal."""
    return imap.fetch().filed


def every(interval_s: float, job: Callable[[], int]) -> Callable[[], int]:
    """job, run at most once every interval_s seconds (0 in between: nothing was due)."""
    next_run = 0.0

    def run_when_due() -> int:
        nonlocal next_run
        if time.monotonic() < next_run:
            return 0
        next_run = time.monotonic() + interval_s
        return job()

    return run_when_due


def run(stop: threading.Event, until_idle: bool = False) -> None:
    """Run the jobs until stop is set (or, until_idle, until a pass finds nothing to do)."""
    poll_s = current_app.config["WORKER_POLL_S"]
    to_run = jobs()
    while not stop.is_set():
        try:
            done = sum(job() for job in to_run)
        except DATABASE_UNAVAILABLE as error:
            db.session.rollback()
            logger.warning("database unavailable (%s); retrying in %s s", error.__class__.__name__, poll_s)
            done = 0
        if done:
            continue
        if until_idle:
            return
        stop.wait(poll_s)
