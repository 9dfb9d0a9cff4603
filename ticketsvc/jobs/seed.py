"""Realistic demo and benchmark tickets, labelled by the triage rubric.

Each template (seed_templates) is a situation from the rubric with the category and
priority the rubric gives it; slots are filled at random so titles and descriptions
vary. Three marker words have controlled frequencies so benchmarks can search for a
common, a rare and a title-only word: "thanks" (~10% of tickets), "zeppelin" (~0.1%),
"reminder" (~3%, titles only). Each ticket has a requester whose name and address follow
from its position (requester_of), so a benchmark can search for one address.
"""

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from ticketsvc.db.actor import Actor
from ticketsvc.enums import Category, Priority, values
from ticketsvc.jobs.bulk_load import copy_tickets
from ticketsvc.jobs.seed_templates import SLOTS, TEMPLATES, TITLE_FORMS

COMMON_WORD, RARE_WORD, TITLE_ONLY_WORD = "thanks", "zeppelin", "reminder"

CATEGORY_WEIGHTS = {"technical": 35, "billing": 25, "account": 22, "general": 18}
# Within a category most tickets are routine: low and medium outnumber high, and
# critical is rare (about 6% overall).
PRIORITY_WEIGHTS = {"low": 4, "medium": 4, "high": 2.5, "critical": 1.2}
STATUS_WEIGHTS = {"open": 20, "in_progress": 10, "resolved": 35, "closed": 35}
# Who suggested the category and priority (None: tickets from before the classifier),
# and how often the person triaging kept both.
SOURCE_WEIGHTS = {"gemini": 70, "fallback": 20, None: 10}
KEPT_SUGGESTION_SHARE = 0.85

PERIOD = timedelta(days=365)

# 520 names; the position in the address makes each address one ticket's.
FIRST_NAMES = [
    "Ana",
    "Ben",
    "Carla",
    "Dmitri",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Umar",
    "Vera",
    "Wei",
    "Xenia",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Lopez",
    "Smith",
    "Okafor",
    "Tanaka",
    "Nowak",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Silva",
    "Kim",
    "Haddad",
    "Novak",
    "Jensen",
    "Costa",
    "Ahmed",
    "Ivanova",
    "Murphy",
    "Garcia",
    "Chen",
    "Patel",
]


@dataclass(frozen=True)
class SeedTicket:
    title: str
    description: str
    category: str
    priority: str
    status: str
    created_at: datetime
    suggested_category: str | None
    suggested_priority: str | None
    classification_source: str | None
    assignee_id: int | None
    requester_name: str
    requester_email: str


def template_weights() -> list[float]:
    """Each template's share: its category's weight, split by its priority's weight."""
    priority_total = {
        category: sum(PRIORITY_WEIGHTS[t[1]] for t in TEMPLATES if t[0] == category)
        for category in CATEGORY_WEIGHTS
    }
    return [
        CATEGORY_WEIGHTS[category] * PRIORITY_WEIGHTS[priority] / priority_total[category]
        for category, priority, _, _ in TEMPLATES
    ]


def generate(
    count: int, seed: int = 0, now: datetime | None = None, assignee_ids: Sequence[int] = ()
) -> Iterator[SeedTicket]:
    """count tickets spread evenly over the year before now, oldest first, as they arrive.

    With assignee_ids, tickets someone works on (all but the open ones, and half of those)
    go to one of them at random.
    """
    rng = random.Random(seed)
    start = (now or datetime.now(UTC)) - PERIOD
    step = PERIOD / count
    template_cumulative = list(accumulate(template_weights()))
    statuses, status_cumulative = list(STATUS_WEIGHTS), list(accumulate(STATUS_WEIGHTS.values()))
    sources, source_cumulative = list(SOURCE_WEIGHTS), list(accumulate(SOURCE_WEIGHTS.values()))
    for index in range(count):
        category, priority, title, description = rng.choices(TEMPLATES, cum_weights=template_cumulative)[0]
        title, description = _fill(rng, title, description)
        source = rng.choices(sources, cum_weights=source_cumulative)[0]
        suggested_category, suggested_priority = (
            (None, None) if source is None else _suggestion(rng, category, priority)
        )
        status = rng.choices(statuses, cum_weights=status_cumulative)[0]
        yield SeedTicket(
            title=title[:200],
            description=description,
            category=category,
            priority=priority,
            status=status,
            created_at=start + step * (index + rng.random()),
            suggested_category=suggested_category,
            suggested_priority=suggested_priority,
            classification_source=source,
            assignee_id=_assignee(rng, status, assignee_ids),
            **requester_of(index),
        )


def requester_of(index: int) -> dict[str, str]:
    """The requester of the index-th generated ticket (from 0): a name, and an address no
    other ticket has."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[index // len(FIRST_NAMES) % len(LAST_NAMES)]
    return {
        "requester_name": f"{first} {last}",
        "requester_email": f"{first}.{last}.{index}@example.com".lower(),
    }


def _assignee(rng: random.Random, status: str, assignee_ids: Sequence[int]) -> int | None:
    if not assignee_ids or (status == "open" and rng.random() < 0.5):
        return None
    return rng.choice(assignee_ids)


def _fill(rng: random.Random, title: str, description: str) -> tuple[str, str]:
    """The template's text with its slots filled and the marker words planted."""
    # One choice per slot, so the title and the description tell the same story.
    slots = {name: rng.choice(options) for name, options in SLOTS.items()}
    title = _sentence_case(rng.choice(TITLE_FORMS).replace("{title}", title).format(**slots))
    description = _sentence_case(description.format(**slots))
    if rng.random() < 0.03:
        title = f"{TITLE_ONLY_WORD.capitalize()}: {title}"
    if rng.random() < 0.10:
        description += f" {COMMON_WORD.capitalize()} in advance."
    if rng.random() < 0.001:
        description += f" We noticed it on the {RARE_WORD} project first."
    return title, description


def _suggestion(rng: random.Random, category: str, priority: str) -> tuple[str, str]:
    """What the classifier suggested, given what the ticket ended up with."""
    if rng.random() < KEPT_SUGGESTION_SHARE:
        return category, priority
    # The person changed one of the two: the suggestion named something else.
    if rng.random() < 0.5:
        return rng.choice([c for c in values(Category) if c != category]), priority
    return category, rng.choice([p for p in values(Priority) if p != priority])


def _sentence_case(text: str) -> str:
    return text[0].upper() + text[1:]


SEED_COLUMNS = (
    "title",
    "description",
    "category",
    "priority",
    "status",
    "created_at",
    "updated_at",
    "suggested_category",
    "suggested_priority",
    "classification_source",
    "assignee_id",
    "requester_name",
    "requester_email",
)


def seed_tickets(
    count: int,
    random_seed: int = 0,
    on_batch: Callable[[int], None] = lambda size: None,
    seeder: str = "flask tickets seed",
    assignee_ids: Sequence[int] = (),
) -> int:
    """Load count generated demo tickets (see generate), oldest first; history says the
    seeder (what ran) created them."""
    rows = (
        (
            t.title,
            t.description,
            t.category,
            t.priority,
            t.status,
            t.created_at,
            t.created_at,  # updated_at starts equal to created_at
            t.suggested_category,
            t.suggested_priority,
            t.classification_source,
            t.assignee_id,
            t.requester_name,
            t.requester_email,
        )
        for t in generate(count, seed=random_seed, assignee_ids=assignee_ids)
    )
    return copy_tickets(SEED_COLUMNS, rows, Actor.system(seeder), on_batch)
