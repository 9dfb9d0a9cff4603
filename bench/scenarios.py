"""The workload of issue 9: each scenario's request, how its answer is checked, its target,
and the floor's request for the same question (issue 19: the floor answers lists, search,
stats, create, patch and classify)."""

from dataclasses import dataclass, field

from ticketsvc.jobs.seed import COMMON_WORD, CONVERSATION_WORD, RARE_WORD, TITLE_ONLY_WORD, requester_of
from ticketsvc.tickets.schemas import NewTicketSchema, TicketSchema

# What the contract shows of a ticket, as its schema documents it.
TICKET_FIELDS = set(TicketSchema().fields)
NEW_TICKET_FIELDS = set(NewTicketSchema().fields)
PAGE_FIELDS = {"count", "count_exact", "next", "previous", "results"}
HISTORY_FIELDS = {"id", "at", "actor", "action", "changes"}
COMMENT_FIELDS = {"id", "author", "body", "internal", "created_at", "channel", "mail"}
STATS_FIELDS = {
    "total_tickets",
    "open_tickets",
    "avg_tickets_per_day",
    "priority_breakdown",
    "category_breakdown",
    "status_breakdown",
    "classification",
}
# From a customer, so that with mail on each create queues their acknowledgement; "{customer}"
# is a random number, so that the per-address cap on automatic mail rarely skips one.
NEW_TICKET = (
    '{"title": "Export times out", "description": "CSV export of the reports page times out'
    ' with HTTP 504.", "category": "technical", "priority": "medium",'
    ' "requester_email": "customer-{customer}@example.com"}'
)
CLASSIFY_REQUEST = '{"description": "I was charged twice for my subscription this month, please refund."}'
COMMENT = '{"body": "Thanks, we are looking into it and will get back to you today."}'


@dataclass(frozen=True)
class Scenario:
    name: str
    # "{id}" is replaced by a random seeded ticket's id on each request; "{history_ticket}"
    # and "{comment_ticket}" by the tickets the run prepares (bench/fixtures.py).
    path: str
    target_p50_ms: float
    target_requests_per_second: float  # 0: none
    method: str = "GET"
    # "{status}" is replaced by a random status, "{customer}" by a random number.
    body: str | None = None
    expected_status: int = 200
    # For lists: every result must satisfy these (field → allowed values; "search" → a word
    # of its title or description; "conversation" → a word its title and description lack,
    # so that it was found in the conversation; "ordered_by" → the field the page ascends by).
    filters: dict = field(default_factory=dict)
    # For lists: the answer is rightly an empty page.
    finds_nothing: bool = False
    # The floor's request for the same question (same method and body), or None when the
    # floor has no such endpoint.
    floor: str | None = None

    @property
    def reads(self) -> bool:
        return self.method == "GET"


SEARCH = "/api/tickets/?search="
FILTERED = "/api/tickets/?category=technical&priority=high&status=open"
SEARCH_FILTERED = f"{SEARCH}{COMMON_WORD}&category=billing&status=open"
# The floor keeps no assignees and no queue: a list narrowed by either is held to the
# floor's first page, the cheapest list it serves.
FLOOR_LIST = "/api/tickets/"
# The first seeded ticket's requester: one address, one ticket.
REQUESTER_EMAIL = requester_of(0)["requester_email"]
# What an open page asks every few seconds when nothing changed: nothing since a moment
# no ticket has reached (docs/decisions/047-open-pages-poll-with-updated-since.md).
UNCHANGED_POLL = "/api/tickets/?updated_since=2999-01-01T00:00:00Z&ordering=-last_activity_at&page_size=100"
SCENARIOS = [
    Scenario("list_first", "/api/tickets/", 3, 800, floor="/api/tickets/"),
    Scenario(
        "list_filtered",
        FILTERED,
        3,
        800,
        filters={"category": {"technical"}, "priority": {"high"}, "status": {"open"}},
        floor=FILTERED,
    ),
    Scenario("list_deep", "/api/tickets/?page=50", 3, 800, floor="/api/tickets/?page=50"),
    Scenario(
        "search_common",
        f"{SEARCH}{COMMON_WORD}",
        10,
        200,
        filters={"search": COMMON_WORD},
        floor=f"{SEARCH}{COMMON_WORD}",
    ),
    Scenario(
        "search_rare",
        f"{SEARCH}{RARE_WORD}",
        12,
        150,
        filters={"search": RARE_WORD},
        floor=f"{SEARCH}{RARE_WORD}",
    ),
    Scenario(
        "search_title",
        f"{SEARCH}{TITLE_ONLY_WORD}",
        25,
        60,
        filters={"search": TITLE_ONLY_WORD},
        floor=f"{SEARCH}{TITLE_ONLY_WORD}",
    ),
    Scenario(
        "search_filter",
        SEARCH_FILTERED,
        25,
        60,
        filters={"search": COMMON_WORD, "category": {"billing"}, "status": {"open"}},
        floor=SEARCH_FILTERED,
    ),
    Scenario(
        "search_requester",
        f"{SEARCH}{REQUESTER_EMAIL}",
        25,
        60,
        filters={"requester_email": {REQUESTER_EMAIL}},
    ),
    # Issue 21: search over what agents know, p50 at most 25 ms.
    Scenario(
        "search_conversation",
        f"{SEARCH}{CONVERSATION_WORD}",
        25,
        60,
        filters={"conversation": CONVERSATION_WORD},
    ),
    Scenario(
        "list_assignee", "/api/tickets/?assignee=me", 3, 800, filters={"assignee": "me"}, floor=FLOOR_LIST
    ),
    # Issue 21: the queue's landing view, who has waited longest first, within the list targets.
    Scenario(
        "list_waiting",
        "/api/tickets/?waiting=us&ordering=last_customer_message_at",
        3,
        800,
        filters={"waiting_on": {"us"}, "ordered_by": "last_customer_message_at"},
        floor=FLOOR_LIST,
    ),
    Scenario("poll_unchanged", UNCHANGED_POLL, 2, 800, finds_nothing=True),
    Scenario("history", "/api/tickets/{history_ticket}/history/?page_size=100", 3, 0),
    Scenario("stats", "/api/tickets/stats/", 2, 1500, floor="/api/tickets/stats/"),
    Scenario(
        "create",
        "/api/tickets/",
        4,
        600,
        method="POST",
        body=NEW_TICKET,
        expected_status=201,
        floor="/api/tickets/",
    ),
    Scenario(
        "patch",
        "/api/tickets/{id}/",
        3,
        800,
        method="PATCH",
        body='{"status": "{status}"}',
        floor="/api/tickets/{id}/",
    ),
    Scenario(
        "classify",
        "/api/tickets/classify/",
        2,
        1500,
        method="POST",
        body=CLASSIFY_REQUEST,
        floor="/api/tickets/classify/",
    ),
    Scenario(
        "comment",
        "/api/tickets/{comment_ticket}/comments/",
        4,
        600,
        method="POST",
        body=COMMENT,
        expected_status=201,
    ),
]


def problems_with(scenario: Scenario, status: int, body) -> list[str]:
    """What is wrong with one answer to scenario (nothing: an empty list)."""
    if status != scenario.expected_status:
        return [f"status {status}, expected {scenario.expected_status}: {str(body)[:200]}"]
    if scenario.name == "stats":
        return [] if set(body) >= STATS_FIELDS else [f"stats fields {sorted(body)}"]
    if scenario.name == "classify":
        return [] if body.get("source") == "fallback" else [f"classification {body}"]
    if scenario.name == "comment":
        return [] if set(body) == COMMENT_FIELDS else [f"comment fields {sorted(body)}"]
    if scenario.name == "history":
        entries = body.get("results", [])
        wrong = len(entries) != 100 or any(set(entry) != HISTORY_FIELDS for entry in entries)
        return [f"history page {str(body)[:200]}"] if wrong else []
    if not scenario.reads:
        fields = NEW_TICKET_FIELDS if scenario.method == "POST" else TICKET_FIELDS
        return [] if set(body) == fields else [f"ticket fields {sorted(body)}"]
    if set(body) != PAGE_FIELDS or (not body["results"]) != scenario.finds_nothing:
        return [f"page {str(body)[:200]}"]
    results = body["results"]
    problems = [problem for ticket in results for problem in _ticket_problems(ticket, scenario.filters)]
    ordered_by = scenario.filters.get("ordered_by")
    if ordered_by and [t[ordered_by] for t in results] != sorted(t[ordered_by] for t in results):
        problems.append(f"the page is not in {ordered_by} order")
    return problems


def floor_problems(scenario: Scenario, status: int, body) -> list[str]:
    """What is wrong with the floor's answer to scenario: it answers with its own fields,
    so only the status and, for lists, that the page is not empty are checked."""
    if status != scenario.expected_status:
        return [f"floor: status {status}, expected {scenario.expected_status}: {str(body)[:200]}"]
    if scenario.reads and "results" in body and not body["results"]:
        return [f"floor: an empty page {str(body)[:200]}"]
    return []


def _ticket_problems(ticket: dict, filters: dict) -> list[str]:
    if set(ticket) != TICKET_FIELDS:
        return [f"ticket fields {sorted(ticket)}"]
    problems = [
        f"ticket {ticket['id']} has {name} {ticket[name]}"
        for name, allowed in filters.items()
        if name not in ("search", "conversation", "assignee", "ordered_by") and ticket[name] not in allowed
    ]
    if "assignee" in filters and not ticket["assignee"]:
        problems.append(f"ticket {ticket['id']} is nobody's")
    words = f"{ticket['title']} {ticket['description']}".lower().replace(":", " ").split()
    word = filters.get("search")
    if word and not any(candidate.startswith(word) for candidate in words):
        problems.append(f"ticket {ticket['id']} does not contain {word!r}")
    word = filters.get("conversation")
    if word and any(candidate.startswith(word) for candidate in words):
        problems.append(f"ticket {ticket['id']} has {word!r} in its own text, not only in its conversation")
    return problems
