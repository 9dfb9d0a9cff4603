"""Who may call what, generated from the one table (ticketsvc/accounts/access.py): every
endpoint and method, for every kind of caller, and the table covers every endpoint of the API."""

import pytest
from flask import url_for

from tests.conftest import TEST_MAIL_INBOUND_TOKEN
from tests.staff import ADMIN, AGENT
from ticketsvc.accounts.access import CREDENTIAL_FREE, RULES, allowed_callers
from ticketsvc.accounts.authentication import CallerKind

CALLS = [(endpoint, method) for endpoint, methods in RULES.items() for method in methods]
# Signing in and resetting a password look at no credential they are sent.
OPEN_CALLS = [
    call
    for call in CALLS
    if CallerKind.ANONYMOUS in allowed_callers(*call) and call[0] not in CREDENTIAL_FREE
]


@pytest.fixture
def existing_ticket(anonymous) -> dict:
    """A ticket as its customer's submission answered: with the key that customer keeps."""
    response = anonymous.post("/api/tickets/", json={"title": "Printer on fire", "description": "It smokes."})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def caller_headers(existing_ticket):
    """What each kind of caller sends: a customer, the key of the ticket in the URL (on
    endpoints that are not a ticket's, the key is no credential, as for anyone)."""
    headers = {
        CallerKind.ANONYMOUS: {},
        CallerKind.CUSTOMER: {"X-Ticket-Key": existing_ticket["access_key"]},
        CallerKind.AGENT: AGENT.bearer,
        CallerKind.ADMIN: ADMIN.bearer,
        CallerKind.MAIL_SERVER: {"Authorization": f"Bearer {TEST_MAIL_INBOUND_TOKEN}"},
    }
    return headers.__getitem__


@pytest.fixture
def url_of(app, existing_ticket, client):
    """The URL of an endpoint, its path filled with things that exist (a reply: the agent's,
    shared, so that every agent and admin may change it)."""
    existing = {
        "ticket_id": existing_ticket["id"],
        "user_id": 1,
        "token_id": 1,
        "job_id": 1,
        "name": "swagger-ui.css",
    }

    def build(endpoint: str) -> str:
        rule = next(app.url_map.iter_rules(endpoint))
        if "reply_id" in rule.arguments and "reply_id" not in existing:
            shared = client.post(
                "/api/replies/", json={"title": "Thanks", "body": "Thank you!", "shared": True}
            )
            existing["reply_id"] = shared.get_json()["id"]
        with app.test_request_context():
            return url_for(endpoint, **{name: existing[name] for name in rule.arguments})

    return build


@pytest.mark.parametrize("kind", list(CallerKind))
@pytest.mark.parametrize(("endpoint", "method"), CALLS)
def test_each_caller_is_let_through_or_refused_as_the_table_says(
    anonymous, url_of, caller_headers, endpoint, method, kind
):
    response = anonymous.open(url_of(endpoint), method=method, headers=caller_headers(kind))
    allowed = allowed_callers(endpoint, method)
    if kind in allowed:
        assert response.status_code not in (401, 403), response.get_json()
    elif kind in (CallerKind.ANONYMOUS, CallerKind.CUSTOMER, CallerKind.MAIL_SERVER):
        # Only staff are known callers who can be forbidden; the inbound mail token is no
        # credential outside its door.
        assert response.status_code == 401
        assert response.get_json() == {"message": "Authentication required."}
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="ticketsvc"'
    else:
        assert response.status_code == 403 and response.get_json()["message"]


def test_every_endpoint_of_the_api_is_in_the_table(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert allowed_callers(rule.endpoint, method), f"{method} {rule.rule} has no access rule"


@pytest.mark.parametrize(("endpoint", "method"), OPEN_CALLS)
def test_a_bad_token_is_refused_even_where_anonymous_callers_are_welcome(anonymous, url_of, endpoint, method):
    for authorization in ("Bearer tsvc_not-a-token", "Bearer ", "Basic ZGFuYTpwdw==", "tsvc_no-scheme"):
        response = anonymous.open(url_of(endpoint), method=method, headers={"Authorization": authorization})
        assert response.status_code == 401, authorization
        assert response.get_json() == {"message": "Invalid or expired credentials."}
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="ticketsvc"'


def test_the_openapi_description_says_who_may_call_each_operation(anonymous):
    spec = anonymous.get("/api/openapi.json").get_json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert schemes["cookieAuth"]["in"] == "cookie"
    listing = spec["paths"]["/api/tickets/"]
    assert listing["get"]["x-callers"] == ["agent", "admin"]
    assert {} not in listing["get"]["security"] and {"bearerAuth": []} in listing["get"]["security"]
    assert {} in listing["post"]["security"]  # anonymous callers may create
    assert spec["paths"]["/api/users/"]["get"]["x-callers"] == ["admin"]


@pytest.mark.parametrize("endpoint", sorted(CREDENTIAL_FREE))
def test_what_takes_no_credential_is_neither_refused_for_a_bad_one_nor_needs_csrf(
    anonymous, url_of, endpoint
):
    stale_cookie = anonymous.application.test_client()
    stale_cookie.set_cookie("ticketsvc_session", "a-stale-or-forged-cookie")
    bad_token = {"Authorization": "Bearer tsvc_not-a-token"}
    for client, headers in ((stale_cookie, {}), (anonymous, bad_token)):
        response = client.post(url_of(endpoint), json={}, headers=headers)
        assert response.status_code == 400, response.get_json()  # the empty body, and nothing else
