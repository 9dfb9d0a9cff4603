"""Dashboard figures, aggregated by PostgreSQL from the ticket_counts rollup."""

from sqlalchemy import Numeric, func, literal, select

from ticketsvc.enums import Category, ClassificationSource, Priority, Status, values
from ticketsvc.extensions import db
from ticketsvc.filters import filter_conditions
from ticketsvc.models import Ticket, TicketCount

tickets = Ticket.__table__
ticket_counts = TicketCount.__table__

BREAKDOWNS = {"priority": Priority, "category": Category, "status": Status}


def ticket_stats(filters: dict) -> dict:
    breakdowns = _breakdowns(filters)
    total = sum(breakdowns["status"].values())
    return {
        "total_tickets": total,
        "open_tickets": breakdowns["status"][Status.OPEN.value],
        "avg_tickets_per_day": _average_per_day(filters, total),
        **{f"{name}_breakdown": counts for name, counts in breakdowns.items()},
        "classification": _classification(filters),
    }


def _breakdowns(filters: dict) -> dict[str, dict[str, int]]:
    """One pass over the rollup, grouped by each dimension separately."""
    grouped = (
        select(
            ticket_counts.c.priority,
            ticket_counts.c.category,
            ticket_counts.c.status,
            func.sum(ticket_counts.c.ticket_count),
        )
        .where(*filter_conditions(ticket_counts, filters))
        .group_by(
            func.grouping_sets(ticket_counts.c.priority, ticket_counts.c.category, ticket_counts.c.status)
        )
    )
    counts = {name: dict.fromkeys(values(enum), 0) for name, enum in BREAKDOWNS.items()}
    for priority, category, status, ticket_count in db.session.execute(grouped):
        for name, value in (("priority", priority), ("category", category), ("status", status)):
            if value is not None:
                counts[name][value] = int(ticket_count)
    return counts


def _average_per_day(filters: dict, total: int) -> float:
    """Tickets per UTC calendar day, from the first ticket's day to today, both counted."""
    if total == 0:
        return 0.0
    first_created = (
        select(func.min(tickets.c.created_at)).where(*filter_conditions(tickets, filters)).scalar_subquery()
    )
    days = func.date(func.timezone("UTC", func.now())) - func.date(func.timezone("UTC", first_created)) + 1
    average = func.round(literal(total, Numeric) / days, 1)
    return float(db.session.scalar(select(average)))


def _classification(filters: dict) -> dict:
    """How often the current values still equal the classifier's suggestion."""
    suggested = ticket_counts.c.classification_source != ""
    per_source = (
        select(
            ticket_counts.c.classification_source,
            func.sum(ticket_counts.c.ticket_count),
            func.sum(ticket_counts.c.ticket_count).filter(ticket_counts.c.category_matches),
            func.sum(ticket_counts.c.ticket_count).filter(ticket_counts.c.priority_matches),
        )
        .where(suggested, *filter_conditions(ticket_counts, filters))
        .group_by(ticket_counts.c.classification_source)
    )
    by_source = {source: _agreement(0, 0, 0) for source in values(ClassificationSource)}
    for source, ticket_count, category_matches, priority_matches in db.session.execute(per_source):
        by_source[source] = _agreement(ticket_count, category_matches, priority_matches)
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
