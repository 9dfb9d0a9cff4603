"""GET /api/tickets/: filters, search, ordering, pagination."""

from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from tests.conftest import client_of, written_by_the_tests
from tests.staff import AGENT
from ticketsvc.accounts import users
from ticketsvc.devtools.query_plans import statements_of_request
from ticketsvc.extensions import db
from ticketsvc.models import Ticket
from ticketsvc.tickets.search import CANDIDATES_PER_MATCH
from ticketsvc.tickets.service import PREPARED_MOST_VALUES


def listing(client, query=""):
    response = client.get(f"/api/tickets/?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def titles(page):
    return [ticket["title"] for ticket in page["results"]]


def test_empty_list_is_a_page_with_no_results(client):
    assert listing(client) == {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []}


def test_newest_first_by_default(client, create_ticket):
    for title in ("first", "second", "third"):
        create_ticket(title=title)
    assert titles(listing(client)) == ["third", "second", "first"]


def test_filters_combine_and_repeat(client, create_ticket):
    create_ticket(title="a", category="billing", priority="high")
    create_ticket(title="b", category="billing", priority="low")
    create_ticket(title="c", category="account", priority="high")
    create_ticket(title="d", category="general", priority="high")
    assert titles(listing(client, "category=billing&priority=high")) == ["a"]
    assert sorted(titles(listing(client, "category=billing&category=account&priority=high"))) == ["a", "c"]
    page = listing(client, "category=billing")
    assert page["count"] == 2 and page["count_exact"] is True


def test_status_filter_follows_changes(client, create_ticket):
    ticket = create_ticket(title="moving")
    client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "in_progress"})
    assert titles(listing(client, "status=in_progress")) == ["moving"]
    assert listing(client, "status=open")["count"] == 0


@pytest.mark.parametrize("parameter", ["category", "priority", "status"])
def test_unknown_filter_value_is_400_naming_the_parameter_and_listing_allowed_values(client, parameter):
    response = client.get(f"/api/tickets/?{parameter}=nonsense")
    assert response.status_code == 400
    [message] = response.get_json()["errors"][parameter]
    assert "nonsense" in message and "Allowed values" in message


def test_search_matches_every_word_by_prefix_in_title_or_description(client, create_ticket):
    create_ticket(title="Payment failed", description="The card was declined at checkout.")
    create_ticket(title="Login broken", description="Cannot pay the invoice either.")
    create_ticket(title="Unrelated", description="Nothing to see.")
    assert sorted(titles(listing(client, "search=pay"))) == ["Login broken", "Payment failed"]
    assert titles(listing(client, "search=PAYMENT declined")) == ["Payment failed"]
    assert titles(listing(client, "search=invoice%20login")) == ["Login broken"]
    assert listing(client, "search=payment%20nothing")["count"] == 0


def test_search_reads_words_as_postgres_parses_them(client, create_ticket):
    create_ticket(title="E-mail bounce", description="Mail to ops@example.com bounces.")
    assert titles(listing(client, "search=email")) == []
    assert titles(listing(client, "search=e-mail")) == ["E-mail bounce"]
    assert titles(listing(client, "search=mail")) == ["E-mail bounce"]
    assert titles(listing(client, "search=ops@example.com")) == ["E-mail bounce"]


@pytest.mark.parametrize("query", ["it's", "o'brien", "back\\slash", "a:b & c | !d", "(((", "'"])
def test_search_with_tsquery_syntax_characters_never_fails(client, create_ticket, query):
    create_ticket(title="O'Brien's back\\slash")
    response = client.get("/api/tickets/", query_string={"search": query})
    assert response.status_code == 200


def test_blank_search_means_no_search(client, create_ticket):
    create_ticket()
    assert listing(client, "search=%20%20")["count"] == 1
    assert listing(client, "search=")["count"] == 1


def test_search_with_a_nul_character_is_400(client):
    assert client.get("/api/tickets/?search=a%00b").status_code == 400


def test_search_combines_with_filters(client, create_ticket):
    create_ticket(title="refund a", category="billing")
    create_ticket(title="refund b", category="general")
    assert titles(listing(client, "search=refund&category=billing")) == ["refund a"]


def test_search_count_is_exact_up_to_the_limit(make_app, app, create_ticket):
    limited = client_of(make_app(SEARCH_COUNT_LIMIT=3), AGENT)
    for number in range(3):
        create_ticket(title=f"refund {number}")
    assert (listing(limited, "search=refund")["count"], listing(limited, "search=refund")["count_exact"]) == (
        3,
        True,
    )


def test_search_count_beyond_the_limit_is_bounded_and_pages_stop_there(make_app, app, create_ticket):
    limited = client_of(make_app(SEARCH_COUNT_LIMIT=3), AGENT)
    for number in range(5):
        create_ticket(title=f"refund {number}")
    page = listing(limited, "search=refund&page_size=2")
    assert (page["count"], page["count_exact"]) == (3, False)
    assert len(listing(limited, "search=refund&page_size=2&page=2")["results"]) == 2
    assert limited.get("/api/tickets/?search=refund&page_size=2&page=3").status_code == 404
    assert listing(limited, "page_size=2")["count_exact"] is True


def test_search_counts_within_filters_are_right_whichever_way_they_are_read(make_app, app):
    """A word common overall is counted along the newest filtered tickets, falling back to
    the GIN index when they hold too few of it; a rare word goes to the GIN index at once
    (tickets/service.py). Every way gives the count the contract asks for."""
    limited = make_app(SEARCH_COUNT_LIMIT=5)
    # With a limit of 5, a count walks at most CANDIDATES_PER_MATCH x 6 = 90 tickets.
    assert CANDIDATES_PER_MATCH * 6 < 200
    groups = [  # (category, tickets, of which mention "alpha")
        ("billing", 200, 3),  # more than the walk reads, few matches: falls back to GIN
        ("technical", 200, 200),  # the walk reaches the limit
        ("account", 50, 4),  # the walk reads every account ticket
    ]
    # PostgreSQL estimates how common a prefix is only from a vocabulary of 100 or more
    # common words (a smaller one gets a flat 2%): give every ticket 120 of them.
    vocabulary = " ".join(f"word{number}" for number in range(120))
    rows = [
        {
            "title": "alpha issue" if number < matching else "other issue",
            "description": vocabulary,
            "category": category,
            "priority": "low",
        }
        for category, size, matching in groups
        for number in range(size)
    ]
    rows += [{"title": "zulu issue", "description": vocabulary, "category": "general", "priority": "low"}] * 2
    with limited.app_context(), written_by_the_tests() as connection:
        connection.execute(sa.insert(Ticket), rows)
        connection.execute(sa.text("ANALYZE tickets"))  # the estimate that tells common words apart
    client = client_of(limited, AGENT)

    def count(query):
        page = listing(client, query)
        return page["count"], page["count_exact"]

    assert count("search=alpha&category=billing") == (3, True)
    assert count("search=alpha&category=technical&status=open") == (5, False)
    assert count("search=alpha&category=account") == (4, True)
    assert count("search=alpha&category=general") == (0, True)
    assert count("search=zulu&category=general") == (2, True)
    assert count("search=zulu&category=billing") == (0, True)


def test_priority_ordering_is_by_severity_with_ties_broken_by_id(client, create_ticket):
    ids = {}
    for title, priority in [
        ("l", "low"),
        ("c1", "critical"),
        ("m", "medium"),
        ("c2", "critical"),
        ("h", "high"),
    ]:
        ids[title] = create_ticket(title=title, priority=priority)["id"]
    assert titles(listing(client, "ordering=priority")) == ["l", "m", "h", "c1", "c2"]
    assert titles(listing(client, "ordering=-priority")) == ["c2", "c1", "h", "m", "l"]


def test_status_and_created_at_orderings(client, create_ticket):
    first = create_ticket(title="first")
    create_ticket(title="second")
    client.patch(f"/api/tickets/{first['id']}/", json={"status": "closed"})
    assert titles(listing(client, "ordering=created_at")) == ["first", "second"]
    assert titles(listing(client, "ordering=status")) == ["second", "first"]
    assert titles(listing(client, "ordering=-status")) == ["first", "second"]


def test_unknown_ordering_is_400(client):
    response = client.get("/api/tickets/?ordering=title")
    assert response.status_code == 400 and "ordering" in response.get_json()["errors"]


def test_pages_link_with_absolute_urls_keeping_other_parameters(client, create_ticket):
    for number in range(5):
        create_ticket(title=f"t{number}", category="billing")
    page = listing(client, "category=billing&page_size=2&page=2")
    assert page["count"] == 5 and len(page["results"]) == 2
    next_url, previous_url = urlsplit(page["next"]), urlsplit(page["previous"])
    assert next_url.scheme == "http" and next_url.netloc == "localhost"
    assert parse_qs(next_url.query) == {"category": ["billing"], "page_size": ["2"], "page": ["3"]}
    assert parse_qs(previous_url.query) == {"category": ["billing"], "page_size": ["2"], "page": ["1"]}
    last = listing(client, "category=billing&page_size=2&page=3")
    assert last["next"] is None and len(last["results"]) == 1


def test_behind_a_proxy_links_follow_the_forwarded_host_but_never_a_forwarded_port(make_app, create_ticket):
    for number in range(2):
        create_ticket(title=f"t{number}")
    behind_nginx = client_of(make_app(TRUSTED_PROXIES=1), AGENT)
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "tickets.example.test:8443"}
    page = behind_nginx.get("/api/tickets/?page_size=1", headers={**forwarded, "X-Forwarded-Port": "9999"})
    assert page.get_json()["next"].startswith("https://tickets.example.test:8443/api/tickets/?")


def test_pages_never_repeat_or_skip_tickets(client, create_ticket):
    for number in range(7):
        create_ticket(title=f"t{number}", priority="high")
    seen = [
        t
        for page in range(1, 5)
        for t in titles(listing(client, f"ordering=priority&page_size=2&page={page}"))
    ]
    assert sorted(seen) == sorted(f"t{number}" for number in range(7))


def test_default_page_size_is_20(client, create_ticket):
    for number in range(21):
        create_ticket(title=f"t{number}")
    assert len(listing(client)["results"]) == 20


# The second's offset passes a 32-bit integer (the fuzzer's find); the third's passes
# PostgreSQL's bigint.
@pytest.mark.parametrize("page", [2, 107_374_184, 10**18])
def test_page_past_the_end_is_404_invalid_page(client, create_ticket, page):
    create_ticket()
    response = client.get(f"/api/tickets/?page={page}&ordering=status")
    assert response.status_code == 404
    assert response.get_json() == {"message": "Invalid page."}


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page_size=0",
        "page_size=101",
        "page_size=1000",
        "page_size=x",
    ],
)
def test_bad_paging_parameters_are_400(client, query):
    response = client.get(f"/api/tickets/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.get_json()["errors"]


def test_unrelated_query_parameters_are_ignored(client, create_ticket):
    create_ticket()
    assert listing(client, "_=12345")["count"] == 1


@pytest.mark.parametrize("others", [1, 4])
def test_pages_are_prepared_unless_a_filter_lists_more_values_than_an_enum_has(app, create_ticket, others):
    with app.app_context():
        ids = [
            users.create_user(f"agent{number}@example.test", f"Agent {number}", "agent", "x" * 12).id
            for number in range(others)
        ]
        db.session.commit()
    create_ticket()
    query = "&".join(f"assignee={user_id}" for user_id in ["me", "none", *ids])  # the ticket is nobody's
    statements = statements_of_request(app, f"/api/tickets/?{query}", AGENT.bearer)
    page_statement = statements[-1][0]
    # Three values: one plan for any; six: a statement of its own, sent as text.
    assert page_statement.startswith("EXECUTE ticketsvc_page_") == (others + 2 <= PREPARED_MOST_VALUES)
