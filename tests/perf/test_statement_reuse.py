"""Hot statements are built once per shape and reused with new values
(docs/decisions/024-statements-built-once-per-shape.md)."""

from ticketsvc.stats import service as stats_service
from ticketsvc.tickets import filters, narrowing
from ticketsvc.tickets import service as tickets_service


def statements_built():
    cached = (
        filters.rollup_count_statement,
        narrowing._bounded_count_statement,
        tickets_service._page_statement,
        tickets_service._insert_statement,
        stats_service._stats_statement,
    )
    return sum(statement.cache_info().misses for statement in cached)


def test_other_filter_values_of_the_same_shape_reuse_the_statements(client, create_ticket):
    create_ticket(category="billing", title="refund please")
    client.get("/api/tickets/?category=billing&search=refund")
    client.get("/api/tickets/?category=billing&page=1")
    client.get("/api/tickets/stats/?category=billing")
    built = statements_built()

    pages = [
        client.get("/api/tickets/?category=technical&category=account&search=other").get_json(),
        client.get("/api/tickets/?category=account&page=1").get_json(),
        client.get("/api/tickets/stats/?category=general").get_json(),
    ]
    create_ticket(category="account", title="a third, of the same shape")
    assert statements_built() == built
    assert [page.get("count", page.get("total_tickets")) for page in pages] == [0, 0, 0]
    assert client.get("/api/tickets/?category=billing&search=refund").get_json()["count"] == 1
