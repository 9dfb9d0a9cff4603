"""HTTP view for the dashboard figures."""

from flask import current_app, request
from flask.views import MethodView

from ticketsvc.api.smorest import Blueprint
from ticketsvc.stats import service
from ticketsvc.stats.cache import stats_cache
from ticketsvc.stats.schemas import StatsSchema
from ticketsvc.tickets.filters import filter_values
from ticketsvc.tickets.schemas import TicketFilterSchema

bp = Blueprint("stats", __name__, url_prefix="/api/tickets/stats", description="Dashboard figures")


@bp.route("/")
class Stats(MethodView):
    @bp.arguments(TicketFilterSchema, location="query")
    @bp.response(200, StatsSchema)
    @bp.error_responses(503)
    def get(self, filters):
        """Totals and breakdowns, optionally scoped by the list's filters. Its ETag changes
        when the figures may have; If-None-Match with the current one answers 304."""
        # The service builds the documented shape; dumping it through StatsSchema again
        # was a measurable share of the request
        # (docs/decisions/025-responses-serialized-without-marshmallow.md).
        key = tuple((name, tuple(values)) for name, values in filter_values(filters).items())
        etag, body = stats_cache().body(key, lambda: service.ticket_stats(filters))
        response = current_app.response_class(body, mimetype="application/json")
        response.headers["ETag"] = etag
        return response.make_conditional(request)
