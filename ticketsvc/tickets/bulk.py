"""Bulk changes: many tickets changed exactly as PATCH changes one (the same validation,
UPDATE, history, rollups and mail rules), but a ticket that already holds the values is
skipped rather than written, and its new assignee gets one summary mail instead of one a
ticket.

By ids the change is made at once, in one transaction. By a filter it becomes a job
(bulk_jobs) that the worker carries out a chunk at a time (jobs/bulk_changes.py), each
chunk through change_tickets() like the ids.
"""

from collections.abc import Sequence
from functools import cache

from sqlalchemy import BigInteger, Row, Text, and_, any_, bindparam, func, insert, or_, select
from sqlalchemy.dialects.postgresql import ARRAY

from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import done, transaction
from ticketsvc.enums import Status
from ticketsvc.extensions import db
from ticketsvc.mail import outbox
from ticketsvc.mail.kinds import MailKind
from ticketsvc.mail.messages import BULK_SUMMARY_LISTED
from ticketsvc.mail.settings import mail_is_on
from ticketsvc.models import BulkJob, Ticket
from ticketsvc.tickets import service
from ticketsvc.tickets.filters import filter_values, filters_given, rollup_count_statement
from ticketsvc.tickets.narrowing import narrowings_given

tickets = Ticket.__table__
bulk_jobs = BulkJob.__table__

NOT_FOUND = "not found"
UNCHANGED = "unchanged"
SKIP_REASONS = (NOT_FOUND, UNCHANGED)
_QUEUE_SUMMARY = outbox.bulk_summary()


class JobNotFound(LookupError):
    pass


def change_by_ids(ticket_ids: list[int], changes: dict, actor: Actor) -> dict:
    """Change the tickets these ids name, in one transaction: how many ids named a
    ticket (matched), how many of those changed, and why each other id was skipped."""
    with transaction():  # the change says who writes (change_tickets)
        rows = change_tickets(ticket_ids, changes, actor)
        newly_assigned = [row for row in rows if row.newly_assigned]
        queue_summary(changes, summary_tickets([], newly_assigned), len(newly_assigned), actor)
    changed_by_id = {row.id: row.changed for row in rows}
    skipped = [
        {"id": ticket_id, "reason": UNCHANGED if ticket_id in changed_by_id else NOT_FOUND}
        for ticket_id in ticket_ids
        if not changed_by_id.get(ticket_id)
    ]
    return {"matched": len(changed_by_id), "changed": sum(changed_by_id.values()), "skipped": skipped}


def change_tickets(ticket_ids: Sequence[int], changes: dict, actor: Actor) -> Sequence[Row]:
    """Change these tickets as PATCH would, but skip those that already hold the values:
    each ticket found (by id) with whether it changed, and whether it went to a new
    assignee (with its title, for the summary mail, which the caller queues)."""
    service.check_assignee(changes)
    # The assignee's mail is the caller's to queue (one for the whole change); the
    # customer's, when a ticket is resolved, goes with each ticket, as for PATCH.
    resolving = mail_is_on() and changes.get("status") == Status.RESOLVED
    parameters = {**changes, "ticket_ids": ticket_ids}
    if resolving:
        parameters["message_ids"] = outbox.new_message_ids(len(ticket_ids))
    statement = _change_statement(tuple(sorted(changes)), resolving)
    return db.session.execute(statement, parameters, execution_options=actor.writes()).all()


def summary_tickets(listed: list[list], newly_assigned: list) -> list[list]:
    """The tickets the summary mail lists, [id, title]: those listed already, then the
    newly assigned rows of change_tickets(), as many as the mail lists."""
    return [*listed, *([row.id, row.title] for row in newly_assigned)][:BULK_SUMMARY_LISTED]


def queue_summary(changes: dict, tickets_listed: list[list], count: int, assigner: Actor) -> None:
    """The one mail telling the new assignee which tickets a bulk change gave them
    (tickets_listed, the first of count), unless they gave them to themselves."""
    if not count or not mail_is_on():
        return
    parameters = {
        "assignee_id": changes["assignee_id"],
        "tickets": tickets_listed,
        "ticket_count": count,
        "assigner_id": assigner.id,
        "assigner_name": assigner.name,
        **outbox.message_ids(MailKind.BULK_SUMMARY),
    }
    db.session.execute(_QUEUE_SUMMARY, parameters)


@cache
def _change_statement(changed: tuple[str, ...], resolving: bool):
    """Lock the tickets (in id order, so that two bulk changes cannot deadlock), write
    those whose values differ, and answer for each ticket found; resolving, also queue the
    resolved mail of each ticket it resolved, under the Message-ID :message_ids gives it.

    The UPDATE is PATCH's (service.changing); skipping by IS DISTINCT FROM leaves a
    ticket that already holds the values unwritten: no history entry, the same ETag.
    """
    old = (
        service.locked_before(tickets.c.id == any_(bindparam("ticket_ids", type_=ARRAY(BigInteger))))
        .order_by(tickets.c.id)
        .cte("old")
    )
    differs = or_(*(tickets.c[name].is_distinct_from(bindparam(name)) for name in changed))
    updated = (
        service.changing(changed)
        .where(tickets.c.id == old.c.id, differs)
        .returning(
            tickets.c.id,
            tickets.c.title,
            tickets.c.status,
            tickets.c.assignee_id,
            tickets.c.requester_email,
            *service.replaced(old),
        )
        .cte("updated")
    )
    newly_assigned = and_(
        updated.c.assignee_id.is_not(None), updated.c.assignee_id.is_distinct_from(updated.c.old_assignee_id)
    )
    statement = (
        select(
            old.c.id,
            updated.c.id.is_not(None).label("changed"),
            func.coalesce(newly_assigned, False).label("newly_assigned"),
            updated.c.title,
        )
        .select_from(old.outerjoin(updated, updated.c.id == old.c.id))
        .order_by(old.c.id)
    )
    if not resolving:
        return statement
    message_ids = (
        func.unnest(
            bindparam("ticket_ids", type_=ARRAY(BigInteger)), bindparam("message_ids", type_=ARRAY(Text))
        )
        .table_valued("ticket_id", "message_id")
        .render_derived("addressed")
    )
    return statement.add_cte(outbox.resolution(updated, message_ids).cte("queued_resolution"))


def start_job(filters: dict, changes: dict, actor: Actor) -> tuple[int, int]:
    """Accept a bulk change of every ticket the list's filters select (assignee as ids,
    see service.assignee_ids) for the worker: the job's id, and how many tickets match now.

    The count and the newest ticket's id are read in the one statement that stores the
    job, so they agree: tickets created later are not part of it.
    """
    service.check_assignee(changes)
    shape, (narrowed, narrowing) = filters_given(filters), narrowings_given(filters)
    parameters = {
        **filter_values(filters),
        **narrowing,
        "job_caller_id": actor.id,
        "job_caller_name": actor.name,
        "job_filters": filters,
        "job_changes": changes,
    }
    job = db.session.execute(_job_statement(shape, narrowed), parameters).one()
    done()
    return job.id, job.matched


@cache
def _job_statement(shape: tuple[str, ...], narrowed: tuple[str, ...]):
    if narrowed:
        # Exact, unlike a list page's count: the job will change every one of them.
        matched = select(func.count()).where(*service.list_conditions(shape, narrowed))
    else:
        matched = rollup_count_statement(shape)
    newest = select(func.coalesce(func.max(tickets.c.id), 0))
    return (
        insert(bulk_jobs)
        .values(
            caller_id=bindparam("job_caller_id"),
            caller_name=bindparam("job_caller_name"),
            filters=bindparam("job_filters", type_=bulk_jobs.c.filters.type),
            changes=bindparam("job_changes", type_=bulk_jobs.c.changes.type),
            matched=matched.scalar_subquery(),
            up_to_ticket_id=newest.scalar_subquery(),
        )
        .returning(bulk_jobs.c.id, bulk_jobs.c.matched)
    )


def job_progress(job_id: int):
    """What GET /api/tickets/bulk/<job>/ shows of a job."""
    job = db.session.execute(
        select(
            bulk_jobs.c.state,
            bulk_jobs.c.matched,
            bulk_jobs.c.changed,
            bulk_jobs.c.started_at,
            bulk_jobs.c.finished_at,
        ).where(bulk_jobs.c.id == job_id)
    ).first()
    if job is None:
        raise JobNotFound(job_id)
    return job
