"""EXPLAIN as a SQLAlchemy statement: the planner's view of a query, without running it."""

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.visitors import InternalTraversal


class Explain(Executable, ClauseElement):
    """EXPLAIN (FORMAT JSON) statement; bound parameters stay parameters."""

    # The explained statement is the whole state, so SQLAlchemy may cache the compilation.
    # Typed as SQLAlchemy types it, per instance: a ClassVar here would contradict the base.
    _traverse_internals: list[tuple[str, InternalTraversal]] = [  # noqa: RUF012
        ("statement", InternalTraversal.dp_clauseelement)
    ]
    inherit_cache = True

    def __init__(self, statement):
        self.statement = statement


@compiles(Explain, "postgresql")
def _compile_explain(element: Explain, compiler, **kw) -> str:
    return f"EXPLAIN (FORMAT JSON) {compiler.process(element.statement, **kw)}"


def estimated_rows(plan) -> float:
    """The planner's estimate of the rows the explained statement returns."""
    return plan[0]["Plan"]["Plan Rows"]
