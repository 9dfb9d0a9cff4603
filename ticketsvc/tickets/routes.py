"""HTTP views for tickets: parse, call the service, return. Who may call each is decided
before they run (accounts/access.py); a view only reads who is calling to act as them."""

import http
from datetime import UTC, datetime

from flask import Response, current_app, jsonify, request, url_for
from flask.views import MethodView

from ticketsvc import classifier
from ticketsvc.accounts.authentication import Caller, current_caller
from ticketsvc.api.errors import error_response
from ticketsvc.api.fields import TIMESTAMP_FORMAT, utc_iso
from ticketsvc.api.pagination import Page, check_page_exists, page_body, page_response
from ticketsvc.api.preconditions import if_match_tags
from ticketsvc.api.smorest import Blueprint, ErrorSchema
from ticketsvc.db.actor import Actor
from ticketsvc.models import COMMENT_MAX_LENGTH
from ticketsvc.replies import sending
from ticketsvc.replies.service import ReplyNotFound
from ticketsvc.tickets import bulk, comments, export, history, service
from ticketsvc.tickets.bulk_schemas import (
    BulkChangeSchema,
    BulkJobAcceptedSchema,
    BulkJobSchema,
    BulkResultSchema,
)
from ticketsvc.tickets.schemas import (
    ClassifyRequestSchema,
    CommentCreateSchema,
    CommentListArgsSchema,
    CommentPageSchema,
    CommentSchema,
    CustomerTicketSchema,
    HistoryListArgsSchema,
    HistoryPageSchema,
    NewTicketSchema,
    StaffMemberSchema,
    SuggestionSchema,
    TicketCreateSchema,
    TicketListArgsSchema,
    TicketPageSchema,
    TicketQueryArgsSchema,
    TicketSchema,
    TicketUpdateSchema,
)
from ticketsvc.tickets.ticket_json import ticket_json

bp = Blueprint("tickets", __name__, url_prefix="/api/tickets", description="Support tickets")

IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "description": "The ETag the change is based on; a stale one answers 412 and changes nothing.",
    "schema": {"type": "string"},
}
CUSTOMER_FIELDS = tuple(CustomerTicketSchema().fields)
# What GET of a ticket answers: an agent's view, or a customer's.
EITHER_VIEW = {"anyOf": [TicketSchema, CustomerTicketSchema]}
CSV = "text/csv"
EXPORT_RESPONSE = {
    "description": "A header row, then a row per ticket: "
    + ", ".join(export.COLUMNS)
    + ". assignee is the assignee's name; times as in a Ticket. A cell starting with"
    " =, +, -, @, tab or carriage return has a ' in front. Streamed (no Content-Length).",
    "content": {CSV: {"schema": {"type": "string"}}},
}


@bp.route("/")
class TicketCollection(MethodView):
    @bp.arguments(TicketListArgsSchema, location="query")
    @bp.response(200, TicketPageSchema)
    @bp.error_responses(404, 503)
    def get(self, args):
        """List tickets, newest first, filtered and searched."""
        if "assignee" in args:
            args["assignee"] = service.assignee_ids(args["assignee"], current_caller().user.id)
        page = service.list_tickets(args, current_app.config["SEARCH_COUNT_LIMIT"])
        # Written by PostgreSQL, not by TicketPageSchema (which documents it): see ticket_json.
        return page_response(page)

    @bp.arguments(TicketCreateSchema)
    @bp.response(201, NewTicketSchema, headers={"Location": {"schema": {"type": "string"}}})
    @bp.error_responses(429, 503)
    def post(self, data):
        """Create a ticket; a missing category or priority is suggested by the classifier.
        The answer holds the customer's access_key, this once."""
        ticket, access_key = service.create_ticket(data, _actor(current_caller()))
        location = url_for("tickets.TicketItem", ticket_id=ticket.id)
        return {**ticket._mapping, "access_key": access_key}, {"Location": location, "ETag": _etag(ticket)}


@bp.route("/export.csv")
class TicketExport(MethodView):
    @bp.arguments(TicketQueryArgsSchema, location="query")
    @bp.doc(responses={"200": EXPORT_RESPONSE})
    @bp.error_responses(503)
    def get(self, args):
        """Every ticket the list's query selects, in its order, as CSV (no paging; a search
        exports every match)."""
        if "assignee" in args:
            args["assignee"] = service.assignee_ids(args["assignee"], current_caller().user.id)
        filename = f"tickets-{datetime.now(UTC):%Y-%m-%d}.csv"
        return Response(
            export.export_csv(args),
            content_type=f"{CSV}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


@bp.route("/<id:ticket_id>/")
class TicketItem(MethodView):
    @bp.response(
        200,
        TicketSchema,
        description="The ticket. A customer (X-Ticket-Key) gets their view only: CustomerTicket.",
    )
    @bp.doc(responses={"200": {"content": {"application/json": {"schema": EITHER_VIEW}}}})
    @bp.error_responses(404, 503)
    def get(self, ticket_id):
        """One ticket; its ETag is its updated_at, quoted."""
        ticket = service.get_ticket(ticket_id)
        if current_caller().is_staff:
            return jsonify(ticket_json(ticket)), {"ETag": _etag(ticket)}
        return {name: ticket._mapping[name] for name in CUSTOMER_FIELDS}, {"ETag": _etag(ticket)}

    @bp.arguments(TicketUpdateSchema)
    @bp.response(200, TicketSchema)
    @bp.doc(parameters=[IF_MATCH])
    @bp.alt_response(
        412, schema=ErrorSchema, description="If-Match names a version that is no longer current."
    )
    @bp.error_responses(404, 503)
    def patch(self, changes, ticket_id):
        """Change a ticket, assign it (assignee_id); with If-Match, only if nobody changed it since."""
        ticket = service.update_ticket(ticket_id, changes, _expected_versions(), _actor(current_caller()))
        return jsonify(ticket_json(ticket)), {"ETag": _etag(ticket)}


@bp.route("/bulk/")
class BulkChanges(MethodView):
    @bp.arguments(BulkChangeSchema)
    @bp.response(200, BulkResultSchema, description="The tickets the ids name, changed.")
    @bp.alt_response(
        202,
        schema=BulkJobAcceptedSchema,
        description="A filter's tickets are changed by a job; Location is its progress.",
        headers={"Location": {"schema": {"type": "string"}}},
    )
    @bp.error_responses(503)
    def post(self, data):
        """Change many tickets as PATCH would (ids at once; a filter's, in the background);
        a ticket that already holds the values is skipped and keeps its ETag."""
        caller = current_caller()
        actor = _actor(caller)
        if "ids" in data:
            return bulk.change_by_ids(data["ids"], data["changes"], actor)
        filters = data["filter"]
        if "assignee" in filters:
            filters["assignee"] = service.assignee_ids(filters["assignee"], caller.user.id)
        job_id, matched = bulk.start_job(filters, data["changes"], actor)
        # Answered here: flask-smorest would serialize a 202 with the 200's schema.
        location = url_for("tickets.BulkChangeJob", job_id=job_id)
        return jsonify({"job": job_id, "matched": matched}), http.HTTPStatus.ACCEPTED, {"Location": location}


@bp.route("/bulk/<id:job_id>/")
class BulkChangeJob(MethodView):
    @bp.response(200, BulkJobSchema)
    @bp.error_responses(404, 503)
    def get(self, job_id):
        """How far a bulk change over a filter has got."""
        return bulk.job_progress(job_id)


@bp.route("/<id:ticket_id>/comments/")
class Comments(MethodView):
    @bp.arguments(CommentListArgsSchema, location="query")
    @bp.response(200, CommentPageSchema)
    @bp.error_responses(404, 503)
    def get(self, args, ticket_id):
        """The conversation, oldest first; a customer sees the public replies only."""
        with_internal = current_caller().is_staff
        total, rows = comments.comments_page(ticket_id, with_internal, args["page"], args["page_size"])
        # JSON-ready dicts, not marshmallow's dump, which cost more than the rest of the
        # request (docs/decisions/025-responses-serialized-without-marshmallow.md);
        # CommentPageSchema still documents them.
        return jsonify(
            page_body(_page(args, total, [comments.comment_json(row, with_internal) for row in rows]))
        )

    @bp.arguments(CommentCreateSchema)
    @bp.response(201, CommentSchema)
    @bp.error_responses(404, 409, 429, 503)
    def post(self, data, ticket_id):
        """Reply, or (agents) add an internal note, written or made from a canned reply
        (reply_id); a customer's reply reopens a resolved ticket. Customers' replies are
        limited per ticket key and per client (RATELIMIT_COMMENT)."""
        caller = current_caller()
        if data["internal"] and not caller.is_staff:
            return error_response(400, "Invalid input.", {"internal": ["Only agents write internal notes."]})
        if "reply_id" in data and not caller.is_staff:
            return error_response(400, "Invalid input.", {"reply_id": ["Only agents send canned replies."]})
        if "reply_id" in data:
            comment = sending.comment_from_reply(
                ticket_id, data["reply_id"], data["internal"], _actor(caller)
            )
        else:
            comment = comments.add_comment(ticket_id, data["body"], data["internal"], _actor(caller))
        return jsonify(comments.comment_json(comment, caller.is_staff)), http.HTTPStatus.CREATED


@bp.route("/<id:ticket_id>/history/")
class History(MethodView):
    @bp.arguments(HistoryListArgsSchema, location="query")
    @bp.response(200, HistoryPageSchema)
    @bp.error_responses(404, 503)
    def get(self, args, ticket_id):
        """Every change of the ticket, oldest first, with who made it."""
        total, entries = history.history_page(ticket_id, args["page"], args["page_size"])
        if not total:  # every ticket has its "created" entry
            raise service.TicketNotFound(ticket_id)
        return page_response(_page(args, total, entries))


@bp.route("/assignees/")
class Assignees(MethodView):
    @bp.response(200, StaffMemberSchema(many=True))
    @bp.error_responses(503)
    def get(self):
        """Who a ticket can be assigned to: the active agents and admins, by name."""
        return service.assignees()


@bp.route("/classify/")
class Classification(MethodView):
    @bp.arguments(ClassifyRequestSchema)
    @bp.response(200, SuggestionSchema)
    @bp.error_responses(429)
    def post(self, data):
        """Suggest a category and priority; always answers within the time budget."""
        suggestion = classifier.classify(data["title"], data["description"])
        return {
            "suggested_category": suggestion.category,
            "suggested_priority": suggestion.priority,
            "source": suggestion.source,
        }


@bp.errorhandler(service.TicketNotFound)
def ticket_not_found(error):
    return error_response(404, f"Ticket {error.args[0]} not found.")


@bp.errorhandler(service.StaleTicket)
def stale_ticket(error):
    return error_response(
        412, "The ticket was changed by someone else since you loaded it; reload it and retry."
    )


@bp.errorhandler(service.NotAnAssignee)
def not_an_assignee(error):
    message = f"User {error.args[0]} is not an active agent or admin."
    return error_response(400, "Invalid input.", {"assignee_id": [message]})


@bp.errorhandler(service.UnknownUsers)
def unknown_users(error):
    unknown = error.args[0][0]
    return error_response(400, "Invalid input.", {"assignee": [f"No user has the id {unknown}."]})


@bp.errorhandler(bulk.JobNotFound)
def job_not_found(error):
    return error_response(404, f"Bulk change job {error.args[0]} not found.")


@bp.errorhandler(ReplyNotFound)
def unknown_reply(error):
    message = f"No canned reply {error.args[0]} that you can use."
    return error_response(400, "Invalid input.", {"reply_id": [message]})


@bp.errorhandler(sending.FilledReplyTooLong)
def filled_reply_too_long(error):
    message = f"Filled in for this ticket, the reply is longer than {COMMENT_MAX_LENGTH:,} characters."
    return error_response(400, "Invalid input.", {"reply_id": [message]})


@bp.errorhandler(comments.TicketClosed)
def ticket_closed(error):
    return error_response(409, "This ticket is closed.")


def _page(args: dict, total: int, items: list) -> Page:
    """The page args asks for, of total items, holding items; 404 past the last page."""
    check_page_exists(args["page"], args["page_size"], total)
    return Page(args["page"], args["page_size"], total, True, items)


def _actor(caller: Caller) -> Actor:
    return Actor.agent(caller.user.id, caller.user.name) if caller.is_staff else Actor.customer()


def _etag(ticket) -> str:
    return f'"{utc_iso(ticket.updated_at)}"'


def _expected_versions() -> list[datetime] | None:
    """The versions If-Match accepts; None when any version will do."""
    tags = if_match_tags(request.headers.getlist("If-Match"))
    if tags is None:
        return None
    versions = []
    for tag in tags:
        try:
            versions.append(datetime.strptime(tag, TIMESTAMP_FORMAT).replace(tzinfo=UTC))
        except ValueError:
            continue  # not one of our tags: it can never match
    return versions
