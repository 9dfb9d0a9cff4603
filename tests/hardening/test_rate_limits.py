"""Per-client limits on /classify/ and on creating tickets: 429 in the contract's JSON
shape with Retry-After, counted per client address, shared through Redis, and keyed on
the real client's address behind nginx."""

import random
import uuid

import pytest
from flask import request

from tests.conftest import client_of, gunicorn_serving
from tests.http_client import call
from tests.staff import AGENT
from ticketsvc.devtools.local_gunicorn import free_port

NEW_TICKET = {
    "title": "VPN drops",
    "description": "The VPN drops hourly.",
    "category": "technical",
    "priority": "high",
}
CLASSIFY = {"description": "I cannot log in since the password reset."}


def create(client, address: str = "192.0.2.10"):
    return client.post("/api/tickets/", json=NEW_TICKET, environ_base={"REMOTE_ADDR": address})


def classify(client, address: str = "192.0.2.10"):
    return client.post("/api/tickets/classify/", json=CLASSIFY, environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def limited_app(app, make_app):
    """The suite's app on clean tables, rebuilt with limits (counters in this process)."""
    return make_app(RATELIMIT_CREATE="3/minute", RATELIMIT_CLASSIFY="2/minute")


def test_creating_over_the_limit_is_429_json_with_retry_after(limited_app):
    client = client_of(limited_app, AGENT)
    assert [create(client).status_code for _ in range(3)] == [201, 201, 201]

    refused = create(client)

    assert refused.status_code == 429
    assert set(refused.get_json()) == {"message"} and "3 per 1 minute" in refused.get_json()["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert client.get("/api/tickets/").get_json()["count"] == 3


def test_classify_has_a_limit_of_its_own(limited_app):
    client = limited_app.test_client()
    assert [classify(client).status_code for _ in range(3)] == [200, 200, 429]
    assert create(client).status_code == 201


def test_reading_and_changing_tickets_are_never_limited(limited_app):
    client = client_of(limited_app, AGENT)
    ticket = create(client).get_json()
    create(client), create(client)
    for _ in range(10):
        assert client.get("/api/tickets/", environ_base={"REMOTE_ADDR": "192.0.2.10"}).status_code == 200
        assert client.get(f"/api/tickets/{ticket['id']}/").status_code == 200
        changed = client.patch(
            f"/api/tickets/{ticket['id']}/",
            json={"priority": "low"},
            environ_base={"REMOTE_ADDR": "192.0.2.10"},
        )
        assert changed.status_code == 200
    assert create(client).status_code == 429


def test_only_the_posts_a_limit_may_apply_to_are_looked_at(limited_app, monkeypatch):
    """Working out that no limit applies cost Flask-Limiter 0.1 ms a request, so it is not
    asked about any other request."""
    (limiter,) = limited_app.extensions["limiter"]
    looked_at = []
    monkeypatch.setattr(
        limiter, "identify_request", lambda: looked_at.append(request.endpoint) or request.endpoint
    )
    client = client_of(limited_app, AGENT)
    ticket = create(client).get_json()
    assert looked_at == ["tickets.TicketCollection"]

    client.get("/api/tickets/")
    client.get(f"/api/tickets/{ticket['id']}/")
    client.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "low"})
    client.get("/api/tickets/stats/")
    assert looked_at == ["tickets.TicketCollection"]

    classify(client)
    assert looked_at == ["tickets.TicketCollection", "tickets.Classification"]


def test_each_client_address_has_its_own_count(limited_app):
    client = limited_app.test_client()
    assert [create(client, "192.0.2.10").status_code for _ in range(4)][-1] == 429
    assert create(client, "192.0.2.11").status_code == 201


def test_off_turns_a_limit_off(app, make_app):
    client = make_app(RATELIMIT_CREATE="off", RATELIMIT_CLASSIFY="1/minute").test_client()
    assert {create(client).status_code for _ in range(10)} == {201}


def test_a_malformed_limit_stops_the_app_from_starting(make_app):
    with pytest.raises(RuntimeError, match="RATELIMIT_CREATE"):
        make_app(RATELIMIT_CREATE="plenty")


def test_the_openapi_description_documents_the_429s(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert "429" in paths["/api/tickets/"]["post"]["responses"]
    assert "429" in paths["/api/tickets/classify/"]["post"]["responses"]
    assert "429" not in paths["/api/tickets/{ticket_id}/"]["patch"]["responses"]


# ---- shared counters ----


def test_apps_sharing_a_redis_storage_share_the_count(app, make_app, redis_url):
    shared = {
        "RATELIMIT_CREATE": "3/minute",
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    first, second = make_app(**shared).test_client(), make_app(**shared).test_client()

    statuses = [create(first).status_code, create(second).status_code, create(first).status_code]

    assert statuses == [201, 201, 201]
    assert create(second).status_code == 429


def test_apps_counting_in_memory_count_alone(app, make_app):
    first, second = (make_app(RATELIMIT_CREATE="2/minute").test_client() for _ in range(2))
    assert [create(first).status_code for _ in range(3)] == [201, 201, 429]
    assert create(second).status_code == 201


def test_an_unreachable_redis_falls_back_to_counting_in_the_process(app, make_app):
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    client = make_app(RATELIMIT_CREATE="2/minute", RATELIMIT_STORAGE_URI=unreachable).test_client()
    assert [create(client).status_code for _ in range(3)] == [201, 201, 429]


# ---- behind nginx ----


def loopback_client() -> str:
    """A loopback address of its own for each run: the shared counters start at zero."""
    return f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"


def test_behind_nginx_the_limit_counts_the_real_client_not_nginx(
    migrated_app, database_url, redis_url, start_nginx, fake_spa_build
):
    settings = {"TRUSTED_PROXIES": "1", "RATELIMIT_CREATE": "2/minute", "RATELIMIT_STORAGE_URI": redis_url}
    with gunicorn_serving(database_url, **settings) as backend:
        site = start_nginx(fake_spa_build, int(backend.url.rsplit(":", 1)[1]))
        greedy, other = loopback_client(), loopback_client()

        def create_from(address: str, **headers):
            return call(
                site.url,
                "POST",
                "/api/tickets/",
                json_body=NEW_TICKET,
                headers=headers,
                source_address=address,
            )

        assert [create_from(greedy).status for _ in range(2)] == [201, 201]
        # A forged X-Forwarded-For does not make a new client: nginx appends the real one.
        forged = create_from(greedy, **{"X-Forwarded-For": loopback_client()})
        assert forged.status == 429 and forged.json()["message"] and forged.headers["Retry-After"]
        # nginx's own address is the same for every client; the other one is not limited.
        assert create_from(other).status == 201


# ---- customers' comments (each mails the assignee) ----


@pytest.fixture
def comment_limited_app(app, make_app):
    return make_app(RATELIMIT_COMMENT="2/hour")


def customer_ticket(app) -> tuple[int, str]:
    """(id, access_key) of a new ticket, as its customer got them."""
    created = create(app.test_client(), address="198.51.100.1").get_json()
    return created["id"], created["access_key"]


def comment(client, ticket_id: int, key: str | None, address: str = "192.0.2.10", **headers):
    if key is not None:
        headers["X-Ticket-Key"] = key
    return client.post(
        f"/api/tickets/{ticket_id}/comments/",
        json={"body": "Any news?"},
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_customers_comments_are_limited_per_ticket_key_whatever_the_address(comment_limited_app):
    ticket_id, key = customer_ticket(comment_limited_app)
    client = comment_limited_app.test_client()
    assert [comment(client, ticket_id, key, f"192.0.2.{n}").status_code for n in (1, 2)] == [201, 201]
    refused = comment(client, ticket_id, key, "192.0.2.3")
    assert refused.status_code == 429 and refused.get_json()["message"].startswith("Too many comments")
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    listed = client.get(f"/api/tickets/{ticket_id}/comments/", headers={"X-Ticket-Key": key})
    assert listed.get_json()["count"] == 2


def test_a_customers_comments_are_limited_per_client_whatever_the_ticket(comment_limited_app):
    tickets = [customer_ticket(comment_limited_app) for _ in range(3)]
    client = comment_limited_app.test_client()
    statuses = [comment(client, ticket_id, key).status_code for ticket_id, key in tickets]
    assert statuses == [201, 201, 429]


def test_wrong_keys_never_use_up_the_customers_allowance(comment_limited_app):
    ticket_id, key = customer_ticket(comment_limited_app)
    client = comment_limited_app.test_client()
    for number in range(3):
        assert comment(client, ticket_id, "not-the-key", f"203.0.113.{number}").status_code == 401
    assert comment(client, ticket_id, key).status_code == 201


def test_agents_comments_are_not_limited(comment_limited_app):
    ticket_id, _ = customer_ticket(comment_limited_app)
    agent = client_of(comment_limited_app, AGENT)
    assert {comment(agent, ticket_id, None).status_code for _ in range(4)} == {201}


def test_the_comment_limit_can_be_turned_off_and_is_documented(app, make_app):
    unlimited = make_app(RATELIMIT_COMMENT="off")
    ticket_id, key = customer_ticket(unlimited)
    client = unlimited.test_client()
    assert {comment(client, ticket_id, key).status_code for _ in range(4)} == {201}
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert "429" in paths["/api/tickets/{ticket_id}/comments/"]["post"]["responses"]
