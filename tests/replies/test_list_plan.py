"""The list reads only the replies it shows: the shared ones and the caller's own, each
half through its partial index, whatever others keep to themselves."""

import sqlalchemy as sa

from tests.conftest import written_by_the_tests
from tests.staff import AGENT
from ticketsvc.devtools.query_plans import explain, plan_nodes, statements_of_request
from ticketsvc.extensions import db

# Ada's (the admin's) personal replies far outnumber the rest, as a large team's would.
SEEDED = """
    INSERT INTO canned_replies (owner_id, title, body, shared, uses)
    SELECT CASE WHEN n % 50 = 0 THEN 1 ELSE 2 END, 'Reply ' || n, 'Words ' || n, n % 50 = 1, n % 7
    FROM generate_series(1, 20000) AS n
"""


def test_the_list_reads_the_shared_and_own_replies_through_their_indexes_only(app):
    with app.app_context():
        with written_by_the_tests() as connection:
            connection.execute(sa.text(SEEDED))
        db.session.execute(sa.text("ANALYZE canned_replies"))
        db.session.commit()
        [list_statement] = [
            statement
            for statement in statements_of_request(app, "/api/replies/", AGENT.bearer)
            if "canned_replies" in statement[0]
        ]
        nodes = list(plan_nodes(explain(*list_statement)[0]["Plan"]))
    indexes = {node.get("Index Name") for node in nodes}
    assert {"ix_canned_replies_shared_by_uses", "ix_canned_replies_owner_by_uses"} <= indexes
    whole_table_reads = [
        node
        for node in nodes
        if node["Node Type"] == "Seq Scan" and node["Relation Name"] == "canned_replies"
    ]
    assert whole_table_reads == []
