"""Per-client limits on the two endpoints that may call Gemini, /classify/ and creation, and
on customers' comments, each of which mails the ticket's assignee.

The client is request.remote_addr, which ProxyFix has already set to the real client's
address when TRUSTED_PROXIES proxies are in front. Counters live in RATELIMIT_STORAGE_URI:
memory:// counts per gunicorn worker, redis:// shares the counts across workers and replicas.

Customers' comments are counted per ticket key (so one key cannot flood its agent) and
per client (so one address cannot flood many tickets). They are counted once the caller is
known (accounts/access.py runs first): agents' comments are not limited, and a request
with a wrong key, refused already, never counts against the customer who holds the right one.
"""

import functools
import http
import math
import time
from collections.abc import Callable

from flask import Flask, g, request
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded, RequestLimit
from flask_limiter.util import get_remote_address
from limits import parse_many

from ticketsvc.api.errors import error_response

OFF = "off"
# Only creating (POST) is limited on the collection: listing, reading and PATCH are cheap.
LIMITED_POSTS = {
    "tickets.Classification": "RATELIMIT_CLASSIFY",
    "tickets.TicketCollection": "RATELIMIT_CREATE",
}
COMMENTS = "tickets.Comments"
LIMITED_ENDPOINTS = frozenset({*LIMITED_POSTS, COMMENTS})
# A Redis that stops answering must not hold requests: give up on it after a second.
REDIS_TIMEOUTS: dict[str, str | int] = {"socket_connect_timeout": 1, "socket_timeout": 1}


class RateLimits:
    """Binds a Flask-Limiter of its own to each app.

    A Limiter keeps its storage and settings on itself, so a single one bound to several
    apps (as the tests build them) would let the last app reconfigure all the others.
    """

    def init_app(self, app: Flask) -> None:
        # Typed as Limiter's application_limits (a list, so exactly its type).
        limits: list[str | Callable[[], str] | ApplicationLimit] = [
            ApplicationLimit(
                limit_provider=limit,
                scope=endpoint,
                methods=["POST"],
                exempt_when=_unless_endpoint(endpoint),
            )
            for endpoint, setting in LIMITED_POSTS.items()
            if (limit := configured_limit(app, setting))
        ]
        limits += _customer_comment_limits(configured_limit(app, "RATELIMIT_COMMENT"))
        storage_uri = app.config["RATELIMIT_STORAGE_URI"]
        limiter = _LimitedRequestsOnly(
            get_remote_address,
            application_limits=limits,
            enabled=bool(limits),
            storage_uri=storage_uri,
            storage_options=REDIS_TIMEOUTS if storage_uri.startswith("redis") else {},
            key_prefix=app.config["RATELIMIT_KEY_PREFIX"],
            # Exact: no double burst across the edge of a fixed window.
            strategy="moving-window",
            on_breach=_too_many_requests,
            # While the shared storage is down each worker keeps counting on its own,
            # and anything else the limiter fails at lets the request through (logged).
            in_memory_fallback_enabled=True,
            swallow_errors=True,
        )
        limiter.init_app(app)  # the app keeps it, under extensions["limiter"]
        # The response was built by _too_many_requests; without this handler the Api's
        # generic one would replace it and lose Retry-After.
        app.register_error_handler(RateLimitExceeded, lambda error: error.get_response())


class _LimitedRequestsOnly(Limiter):
    """A Limiter that looks only at the requests a limit may apply to: POSTs to
    LIMITED_ENDPOINTS. Flask-Limiter's hook runs before every request; it looks up the view
    before it consults a request filter, and with no limit left it still works out the meta
    limits and exemption scopes. That cost every other request about 0.1 ms, 7% of the CPU
    time of a list page, a poll or the stats (in-process, the requests of an app with and
    one without this check alternated)."""

    def _check_request_limit(self, callable_name: str | None = None, in_middleware: bool = True) -> None:
        if request.method == "POST" and request.endpoint in LIMITED_ENDPOINTS:
            super()._check_request_limit(callable_name, in_middleware)


def configured_limit(app: Flask, setting: str) -> str | None:
    """The setting's limit, None when "off"; a malformed one stops the app from starting."""
    value = app.config[setting].strip()
    if value.lower() == OFF:
        return None
    try:
        parse_many(value)
    except ValueError:
        raise RuntimeError(f"{setting} must be like '30/minute' or 'off', got {value!r}") from None
    return value


def _customer_comment_limits(limit: str | None) -> list[ApplicationLimit]:
    if limit is None:
        return []
    customers_comments = functools.partial(
        ApplicationLimit, limit_provider=limit, methods=["POST"], exempt_when=_unless_a_customers_comment
    )
    return [
        customers_comments(
            key_function=_customers_ticket_key, scope="comments-per-key", on_breach=_too_many_comments
        ),
        customers_comments(key_function=get_remote_address, scope="comments-per-client"),
    ]


def _unless_endpoint(endpoint: str):
    return lambda: request.endpoint != endpoint


def _unless_a_customers_comment() -> bool:
    return request.endpoint != COMMENTS or _customers_ticket() is None


def _customers_ticket() -> str | None:
    """The ticket the caller's key opened (one key a ticket: the key's counter); None for
    anyone but a customer."""
    ticket_id = getattr(g.get("caller"), "ticket_id", None)
    return None if ticket_id is None else str(ticket_id)


def _customers_ticket_key() -> str:
    ticket = _customers_ticket()
    # Flask-Limiter asks for the key only when exempt_when has not exempted the request,
    # and _unless_a_customers_comment exempts every request without a customer's ticket.
    assert ticket is not None
    return ticket


def _too_many_requests(breached: RequestLimit):
    return _refusal(breached, f"Too many requests: at most {breached.limit} from one address.")


def _too_many_comments(breached: RequestLimit):
    return _refusal(breached, f"Too many comments on this ticket: at most {breached.limit}.")


def _refusal(breached: RequestLimit, what: str):
    retry_after = max(1, math.ceil(breached.window.reset_time - time.time()))
    return error_response(
        http.HTTPStatus.TOO_MANY_REQUESTS,
        f"{what} Retry in {retry_after} s.",
        headers={"Retry-After": str(retry_after)},
    )
