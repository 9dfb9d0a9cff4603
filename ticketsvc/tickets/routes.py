"""HTTP views for tickets: parse, call the service, return."""

from datetime import UTC, datetime

from flask import current_app, jsonify, request, url_for
from flask.views import MethodView

from ticketsvc import classifier
from ticketsvc.api.errors import error_response
from ticketsvc.api.fields import TIMESTAMP_FORMAT, utc_iso
from ticketsvc.api.pagination import page_body
from ticketsvc.api.preconditions import if_match_tags
from ticketsvc.api.smorest import Blueprint, ErrorSchema
from ticketsvc.tickets import service
from ticketsvc.tickets.schemas import (
    ClassifyRequestSchema,
    SuggestionSchema,
    TicketCreateSchema,
    TicketListArgsSchema,
    TicketPageSchema,
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


@bp.route("/")
class TicketCollection(MethodView):
    @bp.arguments(TicketListArgsSchema, location="query")
    @bp.response(200, TicketPageSchema)
    @bp.error_responses(404, 503)
    def get(self, args):
        """List tickets, newest first, filtered and searched."""
        page = service.list_tickets(args, current_app.config["SEARCH_COUNT_LIMIT"])
        # Serialized here, not by TicketPageSchema (which documents it): see ticket_json.
        return jsonify({**page_body(page), "results": [ticket_json(row) for row in page.results]})

    @bp.arguments(TicketCreateSchema)
    @bp.response(201, TicketSchema, headers={"Location": {"schema": {"type": "string"}}})
    @bp.error_responses(429, 503)
    def post(self, data):
        """Create a ticket; a missing category or priority is suggested by the classifier."""
        ticket = service.create_ticket(data)
        location = url_for("tickets.TicketItem", ticket_id=ticket.id)
        return ticket, {"Location": location, "ETag": _etag(ticket)}


@bp.route("/<int:ticket_id>/")
class TicketItem(MethodView):
    @bp.response(200, TicketSchema)
    @bp.error_responses(404, 503)
    def get(self, ticket_id):
        """One ticket; its ETag is its updated_at, quoted."""
        ticket = service.get_ticket(ticket_id)
        return ticket, {"ETag": _etag(ticket)}

    @bp.arguments(TicketUpdateSchema)
    @bp.response(200, TicketSchema)
    @bp.doc(parameters=[IF_MATCH])
    @bp.alt_response(
        412, schema=ErrorSchema, description="If-Match names a version that is no longer current."
    )
    @bp.error_responses(404, 503)
    def patch(self, changes, ticket_id):
        """Change a ticket; with If-Match, only if nobody changed it since."""
        ticket = service.update_ticket(ticket_id, changes, _expected_versions())
        return ticket, {"ETag": _etag(ticket)}


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
