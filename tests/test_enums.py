"""enums.py is the one list of values; the SPA's copy must say the same."""

import re

from ticketsvc.config import PROJECT_ROOT
from ticketsvc.enums import Category, ClassificationSource, Priority, Role, Status, values

FRONTEND_ENUMS = PROJECT_ROOT / "frontend" / "src" / "lib" / "enums.ts"


def frontend_list(name: str) -> list[str]:
    match = re.search(rf"export const {name} = \[([^\]]*)\] as const;", FRONTEND_ENUMS.read_text())
    assert match, f"{name} not found in {FRONTEND_ENUMS}"
    return re.findall(r"'([^']*)'", match.group(1))


def test_the_frontend_lists_the_same_values_in_the_same_order():
    assert frontend_list("CATEGORIES") == values(Category)
    assert frontend_list("PRIORITIES") == values(Priority)
    assert frontend_list("STATUSES") == values(Status)
    assert frontend_list("CLASSIFICATION_SOURCES") == values(ClassificationSource)
    assert frontend_list("ROLES") == values(Role)


def test_priorities_rank_from_low_to_critical():
    assert [priority.rank for priority in Priority] == [0, 1, 2, 3]
    assert Priority.CRITICAL.rank > Priority.LOW.rank
