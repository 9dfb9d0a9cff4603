"""The CSV export of a ticket list: every ticket the list's query selects, in the list's
order, written by PostgreSQL (COPY … TO STDOUT) and streamed as it comes
(docs/decisions/045-csv-export-streamed-by-copy-through-psycopg-3.md).

The SELECT is built from the list's own conditions and ordering, so the export cannot
disagree with the list; unlike a page it has no bound (a search exports every match).
Cells are finished in SQL, so that COPY writes the file alone: times as the API writes
them, and the spreadsheet formula guard.
"""

from collections.abc import Iterator
from functools import cache

from flask import current_app
from sqlalchemy import case, func, literal, select

from ticketsvc.api.fields import POSTGRESQL_TIMESTAMP_FORMAT
from ticketsvc.db.copy_out import copy_out
from ticketsvc.extensions import db
from ticketsvc.models import Ticket, User
from ticketsvc.tickets.filters import filter_values, filters_given
from ticketsvc.tickets.narrowing import narrowings_given
from ticketsvc.tickets.ordering import order_by
from ticketsvc.tickets.service import list_conditions

tickets = Ticket.__table__
users = User.__table__

# A spreadsheet opening the file reads a cell that starts with one of these as a formula
# (tab and carriage return: before one), which can run commands or leak data (OWASP's
# "CSV injection"); such a cell gets a leading ' so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guarded(text):
    """text, with a ' in front when a spreadsheet would take it for a formula. Free text
    only: the other columns hold ids, allowed values and times, which never start so."""
    return case((func.left(text, 1).in_(FORMULA_STARTS), literal("'") + text), else_=text)


def _api_time(moment):
    """A timestamp written as the API writes it (api/fields.py utc_iso)."""
    return func.to_char(func.timezone("UTC", moment), POSTGRESQL_TIMESTAMP_FORMAT)


# The file's columns, in order, each named as its header says.
CELLS = (
    tickets.c.id,
    _guarded(tickets.c.title).label("title"),
    _guarded(tickets.c.description).label("description"),
    tickets.c.category,
    tickets.c.priority,
    tickets.c.status,
    _guarded(users.c.name).label("assignee"),
    _guarded(tickets.c.requester_email).label("requester_email"),
    _api_time(tickets.c.created_at).label("created_at"),
    _api_time(tickets.c.updated_at).label("updated_at"),
    tickets.c.suggested_category,
    tickets.c.suggested_priority,
    tickets.c.classification_source,
)
COLUMNS = tuple(cell.name for cell in CELLS)


def export_csv(args: dict) -> Iterator[bytes]:
    """The CSV, header first, in blocks; args as the list's (args["assignee"], if given,
    holds ids: see service.assignee_ids). Started: see copy_out()."""
    shape, (narrowed, narrowing) = filters_given(args), narrowings_given(args)
    parameters = {**filter_values(args), **narrowing}
    compiled = _export_statement(shape, narrowed, args["ordering"]).compile(db.engine)
    expanded = compiled.construct_expanded_state(parameters)
    return copy_out(
        db.engine.url,
        expanded.statement,
        expanded.parameters,
        timeout_s=current_app.config["DATABASE_TIMEOUT_S"],
        statement_timeout_s=current_app.config["EXPORT_TIMEOUT_S"],
    )


@cache
def _export_statement(shape: tuple[str, ...], narrowed: tuple[str, ...], ordering: str):
    """Built once per shape, like the list's statements (values bound when compiled)."""
    return (
        select(*CELLS)
        .select_from(tickets.outerjoin(users, users.c.id == tickets.c.assignee_id))
        .where(*list_conditions(shape, narrowed))
        .order_by(*order_by(ordering))
    )
