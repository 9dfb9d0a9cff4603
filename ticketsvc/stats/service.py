"""Dashboard figures, aggregated by PostgreSQL from the ticket_counts rollup.

One statement answers everything: at a few hundred rollup rows the SQL takes well under
a millisecond, so each extra round trip (three used to be made) cost more than the query.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from sqlalchemy import func, select

from ticketsvc.enums import Category, ClassificationSource, Priority, Status, WaitingOn, values
from ticketsvc.extensions import db
from ticketsvc.models import Ticket, TicketAssigneeCount, TicketCount
from ticketsvc.tickets.filters import NO_ASSIGNEE_ID, filter_conditions, filter_values, filters_given

tickets = Ticket.__table__
ticket_counts = TicketCount.__table__
assignee_counts = TicketAssigneeCount.__table__

BREAKDOWNS = {"priority": Priority, "category": Category, "status": Status}
# Grouped separately by each breakdown, and by who made the suggestion.
DIMENSIONS = (*BREAKDOWNS, "classification_source")


def ticket_stats(filters: dict) -> dict:
    breakdowns = {name: dict.fromkeys(values(enum), 0) for name, enum in BREAKDOWNS.items()}
    by_source = {source: _agreement(0, 0, 0) for source in values(ClassificationSource)}
    days = unassigned_open = waiting_on_us = None
    for row in db.session.execute(_stats_statement(filters_given(filters)), filter_values(filters)):
        days, unassigned_open, waiting_on_us = row.days, row.unassigned_open, row.waiting_on_us
        if row.classification_source is not None:
            if row.classification_source in by_source:  # '' holds tickets without a suggestion
                by_source[row.classification_source] = _agreement(
                    row.tickets, row.category_matches, row.priority_matches
                )
            continue
        name = next(name for name in BREAKDOWNS if row._mapping[name] is not None)
        breakdowns[name][row._mapping[name]] = int(row.tickets)
    total = sum(breakdowns["status"].values())
    return {
        "total_tickets": total,
        "open_tickets": breakdowns["status"][Status.OPEN.value],
        "unassigned_open": int(unassigned_open or 0),
        "waiting_on_us": int(waiting_on_us or 0),
        "avg_tickets_per_day": _average(total, days),
        **{f"{name}_breakdown": counts for name, counts in breakdowns.items()},
        "classification": _classification(by_source),
    }


@cache
def _stats_statement(shape: tuple[str, ...]):
    """Counts per value of each dimension, the calendar days since the first ticket, the
    open tickets nobody holds (from the assignee rollup) and the tickets waiting on us."""
    first_created = (
        select(func.min(tickets.c.created_at)).where(*filter_conditions(tickets, shape)).scalar_subquery()
    )
    # From the first ticket's UTC day to today's, both counted.
    days = func.date(func.timezone("UTC", func.now())) - func.date(func.timezone("UTC", first_created)) + 1
    unassigned_open = (
        select(func.sum(assignee_counts.c.ticket_count))
        .where(
            assignee_counts.c.assignee_id == NO_ASSIGNEE_ID,
            assignee_counts.c.status == Status.OPEN.value,
            *filter_conditions(assignee_counts, shape),
        )
        .scalar_subquery()
    )
    waiting_on_us = (
        select(func.sum(ticket_counts.c.ticket_count))
        .where(ticket_counts.c.waiting_on == WaitingOn.US.value, *filter_conditions(ticket_counts, shape))
        .scalar_subquery()
    )
    count = ticket_counts.c.ticket_count
    return (
        select(
            *(ticket_counts.c[name] for name in DIMENSIONS),
            func.sum(count).label("tickets"),
            func.sum(count).filter(ticket_counts.c.category_matches).label("category_matches"),
            func.sum(count).filter(ticket_counts.c.priority_matches).label("priority_matches"),
            days.label("days"),
            unassigned_open.label("unassigned_open"),
            waiting_on_us.label("waiting_on_us"),
        )
        .where(*filter_conditions(ticket_counts, shape))
        .group_by(func.grouping_sets(*(ticket_counts.c[name] for name in DIMENSIONS)))
    )


def _average(total: int, days: int | None) -> float:
    """Tickets per day, rounded half away from zero like PostgreSQL's round()."""
    if not total or not days:
        return 0.0
    return float((Decimal(total) / Decimal(days)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _classification(by_source: dict) -> dict:
    """How often the current values still equal the classifier's suggestion."""
    overall = _agreement(
        *(
            sum(block[key] for block in by_source.values())
            for key in ("tickets", "category_matches", "priority_matches")
        )
    )
    return {**overall, "by_source": by_source}


def _agreement(ticket_count, category_matches, priority_matches) -> dict:
    ticket_count, category_matches, priority_matches = (
        int(number or 0) for number in (ticket_count, category_matches, priority_matches)
    )
    return {
        "tickets": ticket_count,
        "category_matches": category_matches,
        "priority_matches": priority_matches,
        "category_agreement": round(category_matches / ticket_count, 3) if ticket_count else None,
        "priority_agreement": round(priority_matches / ticket_count, 3) if ticket_count else None,
    }
