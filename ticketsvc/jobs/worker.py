"""`flask worker`: the one process for all background work.

Each pass runs every job once (deliver due mail, read the mailbox when one is configured
and its interval has passed); a pass that found work is followed by another at once, an
idle one by a sleep of WORKER_POLL_S. Several workers may run: each job claims its work
with SKIP LOCKED (mail/delivery.py). The database being away is waited out, not fatal.
"""

import logging
import threading
from collections.abc import Callable

from flask import current_app

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.extensions import db
from ticketsvc.mail import delivery

logger = logging.getLogger(__name__)


def jobs() -> list[Callable[[], int]]:
    """The jobs this worker runs; each returns how much work it did (0: none was waiting)."""
    found = []
    if current_app.config["MAIL_URL"]:
        found.append(delivery.deliver_due)
    return found


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
