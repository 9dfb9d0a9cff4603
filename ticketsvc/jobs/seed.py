"""Realistic demo and benchmark tickets, labelled by the triage rubric, from customers,
and (seed_conversations) the conversation on each.

Each template (seed_templates) is a situation from the rubric with the category and
priority the rubric gives it; slots are filled at random so titles and descriptions
vary. Three marker words have controlled frequencies so benchmarks can search for a
common, a rare and a title-only word: "thanks" (~10% of tickets), "zeppelin" (~0.1%),
"reminder" (~3%, titles only); a fourth, "voucher", is in about one conversation in a
hundred and never in a ticket's own text. Each ticket has a requester whose name and
address follow from its position (requester_of), so a benchmark can search for one address.
"""

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from sqlalchemy import Engine, text

from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import TRANSACTIONAL, transaction
from ticketsvc.enums import ActorKind, Category, Channel, Priority, values
from ticketsvc.extensions import db
from ticketsvc.jobs.bulk_load import copy_rows, copy_tickets
from ticketsvc.jobs.seed_templates import (
    AGENT_REPLIES,
    CONVERSATION_WORD_REPLY,
    CUSTOMER_REPLIES,
    INTERNAL_NOTES,
    SLOTS,
    TEMPLATES,
    TITLE_FORMS,
)

COMMON_WORD, RARE_WORD, TITLE_ONLY_WORD = "thanks", "zeppelin", "reminder"
CONVERSATION_WORD = "voucher"

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
# How a conversation's last word goes: the agent's answer leaves the ticket waiting on the
# customer; the customer's reply, or a note agents leave each other, on us.
LAST_WORD_WEIGHTS = {"agent": 50, "customer": 25, "note": 25}
CONVERSATION_WORD_SHARE = 0.01

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
COMMENT_COLUMNS = (
    "ticket_id",
    "author_kind",
    "author_id",
    "author_name",
    "body",
    "internal",
    "channel",
    "created_at",
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


def seed_conversations(
    agents: Sequence[tuple[int, str]],
    random_seed: int = 0,
    on_batch: Callable[[int], None] = lambda size: None,
    seeder: str = "flask tickets seed",
) -> int:
    """Three comments on every ticket with a requester, at COPY speed: an agent's answer
    (agents: (id, name) of who may answer), the customer's reply (by web or mail), and a
    last word (LAST_WORD_WEIGHTS), hours to a day apart and never later than now. History
    says the seeder wrote them, like the tickets; returns how many were loaded."""
    now = datetime.now(UTC)
    rows = _conversations(db.engine, agents, random.Random(random_seed), now)
    loaded = copy_rows("ticket_comments", COMMENT_COLUMNS, rows, Actor.system(seeder), on_batch)
    # The comments moved their tickets in the queue: the planner must see where they are now.
    with transaction(unbounded=True) as connection:
        connection.execute(text("ANALYZE tickets"))
    return loaded


def _conversations(
    engine: Engine, agents: Sequence[tuple[int, str]], rng: random.Random, now: datetime
) -> Iterator[tuple]:
    """The comments' rows (COMMENT_COLUMNS), ticket by ticket, read with a connection of
    their own: they are produced on the COPY's writer thread."""
    tickets_with_requesters = text(
        "SELECT id, created_at, requester_name FROM tickets WHERE requester_email IS NOT NULL ORDER BY id"
    )
    with engine.connect().execution_options(**TRANSACTIONAL, yield_per=10_000) as connection:
        for ticket_id, created_at, requester_name in connection.execute(tickets_with_requesters):
            yield from _conversation(rng, ticket_id, created_at, requester_name, rng.choice(agents), now)


def _conversation(
    rng: random.Random,
    ticket_id: int,
    created_at: datetime,
    requester_name: str | None,
    agent: tuple[int, str],
    now: datetime,
) -> list[tuple]:
    """One ticket's three comments, oldest first."""
    agent_id, agent_name = agent
    greeting = requester_name.split()[0] if requester_name else "there"

    def by_agent(body: str, internal: bool, at: datetime) -> tuple:
        return (ticket_id, ActorKind.AGENT, agent_id, agent_name, body, internal, Channel.WEB, at)

    def by_customer(at: datetime) -> tuple:
        body = _customer_reply(rng)
        return (ticket_id, ActorKind.CUSTOMER, None, None, body, False, _channel(rng), at)

    answered = min(created_at + _pause(rng, 4), now)
    replied = min(answered + _pause(rng, 24), now)
    last = min(replied + _pause(rng, 24), now)
    answer = rng.choice(AGENT_REPLIES).format(name=greeting)
    comments = [by_agent(answer, False, answered), by_customer(replied)]
    last_word = rng.choices(list(LAST_WORD_WEIGHTS), weights=list(LAST_WORD_WEIGHTS.values()))[0]
    if last_word == "agent":
        answer = rng.choice(AGENT_REPLIES).format(name=greeting)
        comments.append(by_agent(answer, False, last))
    elif last_word == "customer":
        comments.append(by_customer(last))
    else:
        comments.append(by_agent(rng.choice(INTERNAL_NOTES), True, last))
    return comments


def _pause(rng: random.Random, at_most_hours: float) -> timedelta:
    return timedelta(hours=rng.uniform(0.1, at_most_hours))


def _customer_reply(rng: random.Random) -> str:
    if rng.random() < CONVERSATION_WORD_SHARE:
        return CONVERSATION_WORD_REPLY.format(word=CONVERSATION_WORD)
    return rng.choice(CUSTOMER_REPLIES)


def _channel(rng: random.Random) -> Channel:
    return rng.choice((Channel.WEB, Channel.MAIL))
