"""Who may call what: the contract's table, in one place, applied before every view.

Views never check roles themselves. The same table documents each operation's
credentials in the OpenAPI description, and the tests are generated from it.
"""

import http
import re

from flask import Flask, current_app, g, request

from ticketsvc.accounts import sessions
from ticketsvc.accounts.authentication import ANONYMOUS, BadCredentials, Caller, CallerKind, identify
from ticketsvc.api.errors import error_response
from ticketsvc.api.smorest import SPEC_FINISHERS

# Everyone but the mail server, whose token is a credential at its door only.
ANYONE = frozenset(CallerKind) - {CallerKind.MAIL_SERVER}
MAIL_SERVERS = frozenset({CallerKind.MAIL_SERVER})
STAFF = frozenset({CallerKind.AGENT, CallerKind.ADMIN})
ADMINS = frozenset({CallerKind.ADMIN})
# A customer's key opens its own ticket's endpoints, and no other ticket's.
STAFF_OR_ITS_CUSTOMER = STAFF | {CallerKind.CUSTOMER}

# endpoint → method → who may call it. Every endpoint under /api/ is listed (a test checks).
RULES: dict[str, dict[str, frozenset[CallerKind]]] = {
    "tickets.TicketCollection": {"GET": STAFF, "POST": ANYONE},
    "tickets.TicketExport": {"GET": STAFF},
    "tickets.TicketItem": {"GET": STAFF_OR_ITS_CUSTOMER, "PATCH": STAFF},
    "tickets.Comments": {"GET": STAFF_OR_ITS_CUSTOMER, "POST": STAFF_OR_ITS_CUSTOMER},
    "tickets.History": {"GET": STAFF},
    "tickets.Assignees": {"GET": STAFF},
    "tickets.BulkChanges": {"POST": STAFF},
    "tickets.BulkChangeJob": {"GET": STAFF},
    "tickets.Classification": {"POST": ANYONE},
    "stats.Stats": {"GET": STAFF},
    "events.Stream": {"GET": STAFF},
    "replies.Replies": {"GET": STAFF, "POST": STAFF},
    "replies.Reply": {"PATCH": STAFF, "DELETE": STAFF},
    "health.Health": {"GET": ANYONE},
    "api-docs.openapi_json": {"GET": ANYONE},
    "docs.reference_page": {"GET": ANYONE},
    "docs.start_script": {"GET": ANYONE},
    "docs.asset": {"GET": ANYONE},
    # These read no credential (see CREDENTIAL_FREE), so whatever one is sent, it is let through.
    "auth.SignIn": {"POST": ANYONE | MAIL_SERVERS},
    "auth.PasswordReset": {"POST": ANYONE | MAIL_SERVERS},
    "auth.PasswordResetConfirm": {"POST": ANYONE | MAIL_SERVERS},
    "auth.Logout": {"POST": STAFF},
    "auth.Me": {"GET": STAFF, "PATCH": STAFF},
    "auth.Tokens": {"GET": STAFF, "POST": STAFF},
    "auth.Token": {"DELETE": STAFF},
    "users.Users": {"GET": ADMINS, "POST": ADMINS},
    "users.User": {"GET": ADMINS, "PATCH": ADMINS},
    "mail.Status": {"GET": ADMINS},
    "mail.Inbound": {"POST": MAIL_SERVERS},
}
# Doors that stay shut (404, for every caller) while the setting that opens them is unset.
CLOSED_WITHOUT = {"mail.Inbound": "MAIL_INBOUND_TOKEN"}
# Operations that look at no credential, so that a signed-in or stale cookie cannot make
# them fail (CSRF, or 401): signing in replaces whatever the browser held, and whoever
# resets a forgotten password holds none that works (the link's token is their proof).
CREDENTIAL_FREE = frozenset({"auth.SignIn", "auth.PasswordReset", "auth.PasswordResetConfirm"})
# Methods that change nothing: HEAD answers like GET, OPTIONS lists what is allowed.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "X-CSRF-Token"
REALM = 'Bearer realm="ticketsvc"'

AUTHENTICATION_REQUIRED = "Authentication required."
INVALID_CREDENTIALS = "Invalid or expired credentials."


# How each kind of caller proves itself, in OpenAPI's terms.
SECURITY_SCHEMES = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token (POST /api/auth/tokens/, or `flask users token`).",
    },
    "cookieAuth": {
        "type": "apiKey",
        "in": "cookie",
        "name": sessions.COOKIE_NAME,
        "description": "The browser session of POST /api/auth/login/; changes also need X-CSRF-Token.",
    },
    "mailInboundToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "MAIL_INBOUND_TOKEN, which an MTA or mail provider sends with incoming mail.",
    },
    "ticketKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Ticket-Key",
        "description": "A ticket's private key (access_key, given when it was created): that ticket only.",
    },
}
CREDENTIALS_OF = {
    CallerKind.MAIL_SERVER: ("mailInboundToken",),
    CallerKind.CUSTOMER: ("ticketKey",),
    CallerKind.AGENT: ("bearerAuth", "cookieAuth"),
    CallerKind.ADMIN: ("bearerAuth", "cookieAuth"),
}


def init_app(app: Flask) -> None:
    app.before_request(enforce)
    app.extensions.setdefault(SPEC_FINISHERS, []).append(document_access)


def allowed_callers(endpoint: str, method: str) -> frozenset[CallerKind] | None:
    """Who may make this call; None for what is not part of the API (the SPA's files)."""
    rules = RULES.get(endpoint)
    if rules is None:
        return None
    return rules.get("GET" if method == "HEAD" else method, frozenset())


def enforce():
    """Identify the caller and let the request through only if the table allows it."""
    endpoint = request.endpoint
    if request.routing_exception is not None or endpoint is None or request.method == "OPTIONS":
        return None  # 404 and 405 are answered alike for everyone
    allowed = allowed_callers(endpoint, request.method)
    if allowed is None:
        return None
    opened_by = CLOSED_WITHOUT.get(endpoint)
    if opened_by is not None and not current_app.config[opened_by]:
        return error_response(http.HTTPStatus.NOT_FOUND, "Not found.")
    if endpoint in CREDENTIAL_FREE:
        g.caller = ANONYMOUS
        return None
    ticket_id = (request.view_args or {}).get("ticket_id")
    try:
        caller = identify(request, ticket_id)
    except BadCredentials:
        return unauthenticated(INVALID_CREDENTIALS)
    g.caller = caller
    if caller.kind not in allowed:
        if not caller.is_staff:
            return unauthenticated(AUTHENTICATION_REQUIRED)
        return error_response(http.HTTPStatus.FORBIDDEN, "Only admins may do this.")
    if caller.kind == CallerKind.CUSTOMER and caller.ticket_id != ticket_id:
        # Answered as for a ticket that does not exist, so that ids cannot be probed.
        return error_response(http.HTTPStatus.NOT_FOUND, f"Ticket {ticket_id} not found.")
    if _lacks_csrf_token(caller):
        return error_response(http.HTTPStatus.FORBIDDEN, "CSRF token missing or invalid.")
    return None


def _lacks_csrf_token(caller: Caller) -> bool:
    """A change made with the session cookie must carry the session's CSRF token: another
    site can make the browser send the cookie, but cannot read the token."""
    if caller.session is None or request.method in SAFE_METHODS:
        return False
    return not sessions.csrf_token_matches(caller.session, request.headers.get(CSRF_HEADER))


def unauthenticated(message: str):
    """A 401 that also forgets a dead session cookie, so the browser's next request is
    anonymous rather than refused again."""
    response = error_response(http.HTTPStatus.UNAUTHORIZED, message, headers={"WWW-Authenticate": REALM})
    if request.cookies.get(sessions.COOKIE_NAME):
        sessions.clear_cookie(response)
    return response


def _refusals(endpoint: str, method: str, allowed: frozenset[CallerKind]) -> dict:
    """The 401 and 403 answers an operation can give, in the one error shape."""
    if endpoint in CREDENTIAL_FREE:  # refuses no caller, and no credential
        return {}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    refusals = {"401": {"description": "No credentials, or ones that do not hold.", **error}}
    some_staff_refused = bool(STAFF - allowed)
    if some_staff_refused or (method not in SAFE_METHODS and allowed & STAFF):
        refusals["403"] = {"description": "Not allowed for this caller, or a missing CSRF token.", **error}
    return refusals


def document_access(spec: dict) -> None:
    """Write the table into the OpenAPI description: the security schemes, and for each
    operation which credentials it takes (`security`) and who may call it (`x-callers`)."""
    spec.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    for rule in current_app.url_map.iter_rules():
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method, operation in spec["paths"].get(path, {}).items():
            allowed = allowed_callers(rule.endpoint, method.upper())
            if allowed is None or not isinstance(operation, dict):
                continue
            operation["x-callers"] = [kind.value for kind in CallerKind if kind in allowed]
            operation["responses"].update(_refusals(rule.endpoint, method.upper(), allowed))
            if rule.endpoint in CREDENTIAL_FREE:
                operation["security"] = [{}]  # it takes none
                continue
            schemes = sorted({scheme for kind in allowed for scheme in CREDENTIALS_OF.get(kind, ())})
            # {} is "no credential": anonymous callers are allowed.
            anonymous: list[dict] = [{}] if CallerKind.ANONYMOUS in allowed else []
            operation["security"] = [{scheme: []} for scheme in schemes] + anonymous
