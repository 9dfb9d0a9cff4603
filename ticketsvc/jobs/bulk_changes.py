"""The worker's bulk-change job: the next chunk of a bulk change over a filter.

One chunk is one transaction: the job is claimed with FOR UPDATE SKIP LOCKED (so several
workers never run the same job at once, and each takes a job no other holds), its next
BULK_CHUNK_SIZE tickets by id are changed through tickets/bulk.py as the caller (who
their history names), and the job's progress is recorded. The tickets, their history,
their mail and the progress commit together: a worker killed mid-chunk leaves each
ticket changed with its history entry or untouched, and the job resumes after the last
chunk that committed, whichever worker takes it next.

The job that waited longest goes first, so one large job cannot hold up a small one; a
worker's pass runs one chunk between batches of mail, so mail keeps going out meanwhile.
The new assignee's summary mail goes with the job's last chunk: one a job.
"""

import logging
from functools import cache

from flask import current_app
from sqlalchemy import bindparam, func, select, update

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.enums import JobState
from ticketsvc.extensions import db
from ticketsvc.models import BulkJob, Ticket
from ticketsvc.tickets import bulk
from ticketsvc.tickets.filters import filter_values, filters_given
from ticketsvc.tickets.narrowing import narrowings_given
from ticketsvc.tickets.service import list_conditions

logger = logging.getLogger(__name__)

tickets = Ticket.__table__
bulk_jobs = BulkJob.__table__


def run_due_chunk() -> int:
    """Run the next chunk of the job that waited longest; how many tickets it covered (at
    least 1 when a job ran, 0 when none was running)."""
    job = None
    try:
        with transaction(unbounded=True):
            job = db.session.execute(_CLAIM).first()
            if job is None:
                return 0
            return _run_chunk(job, current_app.config["BULK_CHUNK_SIZE"])
    except DATABASE_UNAVAILABLE:
        raise  # rolled back: the worker waits, and the chunk runs again
    except Exception:
        if job is None:
            raise
        # Running it again would fail again; the worker has other work to do.
        logger.exception("bulk change job %s failed; it stays as far as it got", job.id)
        _give_up(job.id)
        return 1


def _run_chunk(job, chunk_size: int) -> int:
    caller = Actor.agent(job.caller_id, job.caller_name)
    narrowed, _ = narrowings_given(job.filters)
    statement = _chunk_statement(filters_given(job.filters), narrowed)
    ticket_ids = db.session.scalars(statement, _chunk_parameters(job, chunk_size)).all()
    rows = bulk.change_tickets(ticket_ids, job.changes, caller) if ticket_ids else []
    newly_assigned = [row for row in rows if row.newly_assigned]
    progress = {
        "job_id": job.id,
        "chunk_last_id": ticket_ids[-1] if ticket_ids else job.last_ticket_id,
        "chunk_changed": sum(row.changed for row in rows),
        "chunk_assigned": len(newly_assigned),
        "assigned_listed": bulk.summary_tickets(job.assigned_tickets, newly_assigned),
    }
    finished = len(ticket_ids) < chunk_size
    recorded = db.session.execute(_FINISH if finished else _ADVANCE, progress).one()
    if finished:
        bulk.queue_summary(recorded.changes, recorded.assigned_tickets, recorded.assigned_count, caller)
    return max(len(ticket_ids), 1)


@cache
def _chunk_statement(shape: tuple[str, ...], narrowed: tuple[str, ...]):
    """The next chunk's tickets, by id, locked: a ticket someone changed meanwhile is
    checked against the filters as it is now."""
    return (
        select(tickets.c.id)
        .where(
            tickets.c.id > bindparam("after_id"),
            tickets.c.id <= bindparam("up_to_id"),
            *list_conditions(shape, narrowed),
        )
        .order_by(tickets.c.id)
        .limit(bindparam("chunk_size"))
        .with_for_update()
    )


def _chunk_parameters(job, chunk_size: int) -> dict:
    _, narrowing = narrowings_given(job.filters)
    return {
        **filter_values(job.filters),
        **narrowing,
        "after_id": job.last_ticket_id,
        "up_to_id": job.up_to_ticket_id,
        "chunk_size": chunk_size,
    }


def _give_up(job_id: int) -> None:
    """Mark a job failed; the tickets it changed stay changed, and their new assignee
    still hears of them."""
    with transaction(unbounded=True):
        job = db.session.execute(_FAIL, {"job_id": job_id}).first()
        if job is not None:
            caller = Actor.agent(job.caller_id, job.caller_name)
            bulk.queue_summary(job.changes, job.assigned_tickets, job.assigned_count, caller)


_CLAIM = (
    select(bulk_jobs)
    .where(bulk_jobs.c.state == JobState.RUNNING.value)
    .order_by(bulk_jobs.c.progressed_at, bulk_jobs.c.id)
    .limit(1)
    .with_for_update(skip_locked=True)
)
_THIS_JOB = bulk_jobs.c.id == bindparam("job_id")
_ADVANCE = (
    update(bulk_jobs)
    .where(_THIS_JOB)
    .values(
        last_ticket_id=bindparam("chunk_last_id"),
        changed=bulk_jobs.c.changed + bindparam("chunk_changed"),
        assigned_count=bulk_jobs.c.assigned_count + bindparam("chunk_assigned"),
        assigned_tickets=bindparam("assigned_listed", type_=bulk_jobs.c.assigned_tickets.type),
        progressed_at=func.now(),
    )
    .returning(bulk_jobs)
)
_FINISH = _ADVANCE.values(state=JobState.DONE.value, finished_at=func.now())
_FAIL = (
    update(bulk_jobs)
    .where(_THIS_JOB, bulk_jobs.c.state == JobState.RUNNING.value)
    .values(state=JobState.FAILED.value, finished_at=func.now())
    .returning(bulk_jobs)
)
