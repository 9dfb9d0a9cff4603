"""How long PostgreSQL itself takes for the statements a request runs (EXPLAIN ANALYZE)."""

import re
import statistics
from pathlib import Path

from flask import Flask

from ticketsvc.devtools.query_plans import explain, statements_of_request

TIMING = re.compile(r"^(Planning|Execution) Time: ([\d.]+) ms$", re.MULTILINE)


def sql_milliseconds(app: Flask, path: str, headers: dict, plans_file: Path, repeats: int = 5) -> float:
    """Median over repeats of the summed planning + execution time of the request's SQL
    (checking its credentials included). The plans of the last repeat go to plans_file.
    """
    statements = statements_of_request(app, path, headers)
    totals = []
    for _ in range(repeats):
        with app.app_context():
            plans = [explain(sql, parameters, "ANALYZE, BUFFERS") for sql, parameters in statements]
        totals.append(sum(float(ms) for plan in plans for _, ms in TIMING.findall(plan)))
    plans_file.write_text(
        "\n\n".join(f"{statement}\n\n{plan}" for (statement, _), plan in zip(statements, plans, strict=True))
    )
    return statistics.median(totals)
