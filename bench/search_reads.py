"""The two ways a search's page can find its tickets, timed side by side (not a test:
timings vary by machine; GIN_READ_COST in ticketsvc/tickets/search.py comes from here).

    .venv/bin/python -m bench.search_reads --database URL [--repeats N] WORD...

For each search, the page's statement as the service builds it (tickets/service.py), run
both ways under EXPLAIN ANALYZE, interleaved, REPEATS times: walking created_at newest
first until a page's worth match, and reading every match through the GIN index and
sorting them. It prints each way's median, how many tickets the walk read and how many
matches the GIN read fetched, and the cost of one match read over one ticket walked.
Point it at a copy of a seeded benchmark database (createdb -T), never at one a benchmark
reuses: its statements only read, but its plans warm the cache.
"""

import argparse
import statistics

from ticketsvc import create_app
from ticketsvc.config import database_url_for_sqlalchemy
from ticketsvc.devtools.query_plans import explain, plan_nodes
from ticketsvc.extensions import db
from ticketsvc.tickets import service
from ticketsvc.tickets.search import kind_of

PAGE_SIZE = 20
# More than any search this is meant for reads: the GIN read is never cut short.
READ_AT_MOST = 1_000_000


def timed(statement: str, parameters: dict) -> tuple[float, list[dict]]:
    plan = explain(statement, parameters, "ANALYZE, FORMAT JSON")[0]
    return plan["Planning Time"] + plan["Execution Time"], list(plan_nodes(plan["Plan"]))


def walked_tickets(nodes: list[dict]) -> int:
    walk = next(node for node in nodes if node.get("Index Name") == "ix_tickets_created_at_id")
    return walk["Actual Rows"] + walk.get("Rows Removed by Filter", 0)


def matches_read(nodes: list[dict]) -> int:
    return next(node for node in nodes if node["Node Type"] == "Bitmap Heap Scan")["Actual Rows"]


def compared(search: str, repeats: int) -> str:
    kind, parameters = kind_of(search)
    parameters |= {"page_size": PAGE_SIZE, "offset": 0, "read_at_most": READ_AT_MOST}
    ways = {
        few_matches: service._page_statement((), (kind,), "-created_at", few_matches=few_matches).compile(
            dialect=db.engine.dialect
        )
        for few_matches in (False, True)
    }
    times: dict[bool, list[float]] = {False: [], True: []}
    nodes: dict[bool, list[dict]] = {}
    for _ in range(repeats):
        for few_matches, compiled in ways.items():
            ms, nodes[few_matches] = timed(str(compiled), {**compiled.params, **parameters})
            times[few_matches].append(ms)
    walk_ms, gin_ms = statistics.median(times[False]), statistics.median(times[True])
    walked, read = walked_tickets(nodes[False]), matches_read(nodes[True])
    ratio = (gin_ms / read) / (walk_ms / walked)
    return (
        f"{search}: walk {walk_ms:.2f} ms over {walked:,} tickets; GIN and sort {gin_ms:.2f} ms"
        f" over {read:,} matches; a match read costs {ratio:.1f} tickets walked"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a copy of a seeded benchmark database")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("searches", nargs="+")
    options = parser.parse_args()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(options.database), "SECRET_KEY": "bench"}
    )
    with app.app_context():
        for search in options.searches:
            print(compared(search, options.repeats), flush=True)


if __name__ == "__main__":
    main()
