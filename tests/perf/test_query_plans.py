"""The plans PostgreSQL picks for the reads the service builds (no timing: the shape only).

A few thousand seeded tickets, ANALYZEd, stand in for a million: each test EXPLAINs the
statements a request really runs and checks the index the design relies on is used, and
that no read scans the whole tickets table where the design says it must not.
"""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import empty_tables
from tests.staff import AGENT
from ticketsvc.accounts import tokens
from ticketsvc.devtools.query_plans import explain, plan_nodes, statements_of_request
from ticketsvc.extensions import db
from ticketsvc.jobs import seed
from ticketsvc.jobs.seed import COMMON_WORD, RARE_WORD, TITLE_ONLY_WORD, requester_of
from ticketsvc.tickets import service as tickets_service

SEEDED_TICKETS = 20_000
# Small enough that a common word has many times more matches than the count reads, as
# SEARCH_COUNT_LIMIT (1000) is next to a common word's 100,000 matches at a million rows.
SEARCH_COUNT_LIMIT = 50
TICKET_INDEXES = ("ix_tickets_", "pk_tickets")


@pytest.fixture(scope="module")
def seeded_app(make_app, migrated_app):
    app = make_app(SEARCH_COUNT_LIMIT=SEARCH_COUNT_LIMIT)
    with app.app_context():
        empty_tables(db.session.connection())
        db.session.commit()
        seed.seed_tickets(SEEDED_TICKETS)  # ANALYZEs when done
    yield app
    with app.app_context():
        empty_tables(db.session.connection())
        db.session.commit()
        db.engine.dispose()


def all_plans(app, url: str) -> list[list[dict]]:
    """The nodes of each plan of the statements GET url runs, its credentials' check first."""
    with app.app_context():
        return [
            list(plan_nodes(explain(statement, parameters)[0]["Plan"]))
            for statement, parameters in statements_of_request(app, url, AGENT.bearer)
        ]


def plans(app, url: str) -> list[list[dict]]:
    """The nodes of each plan of the statements GET url runs for its answer (not those
    checking its token, or noting the token's use)."""
    with app.app_context():
        return [
            list(plan_nodes(explain(statement, parameters)[0]["Plan"]))
            for statement, parameters in statements_of_request(app, url, AGENT.bearer)
            if not any(name in statement for name in ("api_tokens", tokens.SIGNED_IN.name))
        ]


def test_the_token_is_checked_through_its_unique_index_alone(seeded_app):
    check = all_plans(seeded_app, "/api/tickets/")[0]
    indexes = {node.get("Index Name") for node in check if "Index Name" in node}
    assert "uq_api_tokens_secret_digest" in indexes


def scans(nodes: list[dict]) -> set[tuple[str, str | None]]:
    """(node type, index) of every node that reads tickets or one of its indexes."""
    return {
        (node["Node Type"], node.get("Index Name"))
        for node in nodes
        if node.get("Relation Name") == "tickets" or node.get("Index Name", "").startswith(TICKET_INDEXES)
    }


def reads_tickets(nodes: list[dict]) -> bool:
    return bool(scans(nodes))


def bounded_by_the_limit(nodes: list[dict]) -> bool:
    """The count stops reading at SEARCH_COUNT_LIMIT + 1 matches."""
    return bounded_by(nodes, SEARCH_COUNT_LIMIT + 1)


def bounded_by(nodes: list[dict], limit: int) -> bool:
    return any(node["Node Type"] == "Limit" and node["Plan Rows"] <= limit for node in nodes)


def no_seq_scan_of_tickets(all_plans: list[list[dict]]) -> bool:
    return all(node_type != "Seq Scan" for nodes in all_plans for node_type, _ in scans(nodes))


def counted_from_a_rollup(nodes: list[dict]) -> bool:
    return bool({node.get("Relation Name") for node in nodes} & {"ticket_counts", "ticket_assignee_counts"})


def page_plan(all_plans: list[list[dict]]) -> list[dict]:
    """The plan that fetches the page's rows (the last statement of a list request)."""
    return all_plans[-1]


@pytest.mark.parametrize("query", ["", "?page=50", "?ordering=created_at"])
def test_unfiltered_pages_walk_the_created_at_index_and_count_from_the_rollup(seeded_app, query):
    [page] = plans(seeded_app, f"/api/tickets/{query}")  # the count read with the page
    assert counted_from_a_rollup(page)
    # The page's ids from the index alone, then those tickets by id.
    assert scans(page) == {("Index Only Scan", "ix_tickets_created_at_id"), ("Index Scan", "pk_tickets")}


@pytest.mark.parametrize("query", ["", "?status=open&status=closed&ordering=priority", "?waiting=us"])
def test_pages_not_narrowed_run_prepared_with_one_plan_for_any_values(seeded_app, query):
    with seeded_app.app_context():
        page, _ = statements_of_request(seeded_app, f"/api/tickets/{query}", AGENT.bearer)[-1]
        assert page.startswith("EXECUTE ticketsvc_page_")
        generic = db.session.execute(sa.text("SHOW plan_cache_mode")).scalar()
    # What the plans above were made as: generic plans, which these tests explain.
    assert generic == "force_generic_plan"


def test_a_page_past_the_last_reads_no_ticket(seeded_app):
    with seeded_app.app_context():
        compiled = tickets_service._page_statement((), (), "-created_at").compile(dialect=db.engine.dialect)
        parameters = {**compiled.params, "page_size": 20, "offset": 10 * SEEDED_TICKETS}
        plan = explain(str(compiled), parameters, "ANALYZE, FORMAT JSON")[0]
    reads = [
        node
        for node in plan_nodes(plan["Plan"])
        if node.get("Relation Name") == "tickets" or node.get("Index Name", "").startswith(TICKET_INDEXES)
    ]
    # The walk for the page's ids never runs; the read of their tickets, by primary key
    # from an empty array of ids, finds none.
    walks = [node for node in reads if node.get("Index Name") != "pk_tickets"]
    by_id = [node for node in reads if node.get("Index Name") == "pk_tickets"]
    assert walks and all(node["Actual Loops"] == 0 for node in walks), walks
    assert all(node["Actual Rows"] == 0 for node in by_id), by_id


def test_a_deep_page_looks_up_the_assignees_of_its_own_tickets_only(seeded_app):
    with seeded_app.app_context():
        statement, parameters = statements_of_request(seeded_app, "/api/tickets/?page=50", AGENT.bearer)[-1]
        plan = explain(statement, parameters, "ANALYZE, FORMAT JSON")[0]["Plan"]
    lookups = [node["Actual Loops"] for node in plan_nodes(plan) if node.get("Relation Name") == "users"]
    assert lookups and max(lookups) <= 20  # not the 980 tickets OFFSET skips


def test_filtered_pages_use_an_index_and_count_from_the_rollup(seeded_app):
    [page] = plans(seeded_app, "/api/tickets/?category=technical&priority=high&status=open")
    assert counted_from_a_rollup(page)
    assert scans(page) and no_seq_scan_of_tickets([page])


def test_rare_word_is_found_through_the_gin_index_for_both_count_and_page(seeded_app):
    count, page = plans(seeded_app, f"/api/tickets/?search={RARE_WORD}")
    assert ("Bitmap Index Scan", "ix_tickets_search") in scans(count)
    assert ("Bitmap Index Scan", "ix_tickets_search") in scans(page)
    assert no_seq_scan_of_tickets([count, page])


def test_a_requesters_address_is_found_through_the_gin_index_for_both_count_and_page(seeded_app):
    count, page = plans(seeded_app, f"/api/tickets/?search={requester_of(1234)['requester_email']}")
    assert ("Bitmap Index Scan", "ix_tickets_search") in scans(count)
    assert ("Bitmap Index Scan", "ix_tickets_search") in scans(page)
    assert no_seq_scan_of_tickets([count, page])
    # Its few matches are read and sorted, not found by walking the newest tickets (which
    # PostgreSQL chose at a million tickets: the whole index, 1.1 s, for one match).
    assert not {index for _, index in scans(page)} & {"ix_tickets_created_at_id"}


@pytest.mark.parametrize("word", [COMMON_WORD, TITLE_ONLY_WORD])
def test_common_word_is_counted_by_a_short_scan_and_paged_along_created_at(seeded_app, word):
    count, page = plans(seeded_app, f"/api/tickets/?search={word}")
    assert bounded_by_the_limit(count)
    # Reading rows until the limit is reached beats building the GIN bitmap of every match.
    assert ("Bitmap Index Scan", "ix_tickets_search") not in scans(count)
    assert scans(page) == {("Index Scan", "ix_tickets_created_at_id"), ("Index Scan", "pk_tickets")}


# Pages down to the 200th match, SEARCH_COUNT_LIMIT's default being 1,000 at a million.
DEEP_COUNT = 200


@pytest.fixture(scope="module")
def deep_counted_app(seeded_app, make_app):
    return make_app(SEARCH_COUNT_LIMIT=DEEP_COUNT)


def test_a_word_past_the_count_yet_fewer_than_a_walk_would_read_is_read_whole_not_walked(deep_counted_app):
    """TITLE_ONLY_WORD's 600 or so matches (3% of 20,000) are past the count's bound, and
    its tenth page (matches 181-200) would walk 200 / 3% = 6,700 of the newest tickets: the
    page reads and sorts the 600 instead. So at a million tickets "zeppelin"'s 1,016
    matches are, where its first page walked 20,000 tickets (16 ms, against 1.5 ms)."""
    count, page = plans(deep_counted_app, f"/api/tickets/?search={TITLE_ONLY_WORD}&page=10")
    assert bounded_by(count, DEEP_COUNT + 1)
    assert "ix_tickets_created_at_id" not in {index for _, index in scans(page)}
    assert "CTE Scan" in {node["Node Type"] for node in page}


def test_several_words_past_the_count_are_walked_not_read_whole(seeded_app):
    """Their GIN bitmap would hold every match of each word, COMMON_WORD's 2,000 here (at a
    million tickets, "thanks payment" read 1,345 matches that way in 47 ms, against 30 ms
    walking), where the walk checks both words of a ticket at once."""
    # About 60 tickets hold both, past the count's bound of 50.
    count, page = plans(seeded_app, f"/api/tickets/?search={TITLE_ONLY_WORD}%20{COMMON_WORD}&page=3")
    assert bounded_by_the_limit(count)
    assert "CTE Scan" not in {node["Node Type"] for node in page}


def test_a_word_past_the_count_read_whole_is_paged_as_a_walk_pages_it(deep_counted_app):
    client = deep_counted_app.test_client()
    listed = []
    for number in (9, 10):
        answer = client.get(f"/api/tickets/?search={TITLE_ONLY_WORD}&page={number}", headers=AGENT.bearer)
        assert (answer.json["count"], answer.json["count_exact"]) == (DEEP_COUNT, False)
        listed += [ticket["id"] for ticket in answer.json["results"]]
    with deep_counted_app.app_context():
        newest = db.session.scalars(
            sa.text(
                "SELECT id FROM tickets WHERE search_vector @@ CAST(:word AS tsquery)"
                " ORDER BY created_at DESC, id DESC LIMIT 40 OFFSET 160"
            ),
            {"word": f"{TITLE_ONLY_WORD}:*"},
        )
        assert listed == list(newest)


def test_a_common_word_within_filters_is_counted_along_their_index_up_to_the_limit(seeded_app):
    *_, count, page = plans(seeded_app, f"/api/tickets/?search={COMMON_WORD}&category=billing&status=open")
    assert bounded_by_the_limit(count)
    # Not the GIN bitmap of every match of the word, which PostgreSQL would pick itself.
    assert ("Bitmap Index Scan", "ix_tickets_search") not in scans(count)
    assert "ix_tickets_category_status_created_at_id" in {index for _, index in scans(count)}
    assert no_seq_scan_of_tickets([count, page])


def test_a_rare_word_within_filters_is_counted_through_the_gin_index(seeded_app):
    *_, count, page = plans(seeded_app, f"/api/tickets/?search={RARE_WORD}&category=billing&status=open")
    assert ("Bitmap Index Scan", "ix_tickets_search") in scans(count)
    assert no_seq_scan_of_tickets([count, page])


@pytest.mark.parametrize("query", ["", "?category=billing", "?status=open&priority=high"])
def test_stats_read_the_rollup_and_only_the_first_ticket_through_an_index(seeded_app, query):
    revision, statement = plans(seeded_app, f"/api/tickets/stats/{query}")
    assert {node.get("Relation Name") for node in revision} >= {"ticket_counts_revision"}
    relations = {node["Relation Name"] for node in statement if "Relation Name" in node}
    assert relations == {"ticket_counts", "ticket_assignee_counts", "tickets"}
    assert {node_type for node_type, _ in scans(statement)} <= {"Index Only Scan", "Index Scan"}
    # Asked again with nothing changed: the revision alone, the figures kept from before.
    assert len(plans(seeded_app, f"/api/tickets/stats/{query}")) == 1


@pytest.mark.parametrize("ordering", ["last_customer_message_at", "-last_customer_message_at"])
def test_the_waiting_queue_is_a_range_of_its_partial_index_counted_from_the_rollup(seeded_app, ordering):
    [page] = plans(seeded_app, f"/api/tickets/?waiting=us&ordering={ordering}")
    assert counted_from_a_rollup(page)
    waiting_index = "ix_tickets_waiting_on_last_customer_message_at_id"
    assert scans(page) == {("Index Only Scan", waiting_index), ("Index Scan", "pk_tickets")}


@pytest.mark.parametrize("field", ["last_activity_at", "last_customer_message_at"])
@pytest.mark.parametrize("direction", ["", "-"])
def test_the_queue_orderings_walk_their_own_index(seeded_app, field, direction):
    [page] = plans(seeded_app, f"/api/tickets/?ordering={direction}{field}")
    assert counted_from_a_rollup(page)
    assert scans(page) == {("Index Only Scan", f"ix_tickets_{field}_id"), ("Index Scan", "pk_tickets")}


def test_an_updated_since_poll_of_an_unchanged_list_reads_a_range_of_the_last_activity_index(seeded_app):
    later = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    [count] = plans(seeded_app, f"/api/tickets/?updated_since={later}")  # nothing moved: no page
    assert bounded_by_the_limit(count)
    assert {index for _, index in scans(count)} == {"ix_tickets_last_activity_at_id"}
