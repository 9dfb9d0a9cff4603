"""GET /api/events/ as the app answers it: the stream's door.

The stream itself is served by `flask events` (server.py), to which nginx routes this path.
That process asks this view, in-process, whether a caller may open a stream: the access
table, the credentials and their checks are the app's, in one place. Reached without that
process (gunicorn alone, as `make run` serves), the app answers the door's 204 itself: no
stream, which tells an EventSource not to reconnect; the SPA then looks for changes every
few seconds instead.
"""

from flask.views import MethodView

from ticketsvc.api.smorest import Blueprint

bp = Blueprint("events", __name__, url_prefix="/api/events", description="Changes pushed to open pages")

STREAM_DESCRIPTION = (
    "Server-Sent Events, where `flask events` serves this path (behind nginx): a `changes`"
    ' event `{"looked_at", "count", "count_exact", "results"}` whenever tickets change, the'
    " tickets whose last_activity_at moved since the previous event (newest first, at most 100;"
    " count > len(results): more changed than were sent), and an empty one every 15 s. The"
    " stream ends after 10 minutes and the browser opens it again."
)


@bp.route("/")
class Stream(MethodView):
    @bp.response(204, description="May open the stream; this server holds none (poll updated_since).")
    @bp.doc(responses={"200": {"description": STREAM_DESCRIPTION, "content": {"text/event-stream": {}}}})
    def get(self):
        """The stream of ticket changes for open pages (agents and admins)."""
        return None, 204
