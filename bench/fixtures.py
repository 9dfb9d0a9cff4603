"""What the benchmark's scenarios need besides tickets: staff to assign them to, the token
it signs its requests with, a ticket with a long history and one to comment on."""

from dataclasses import dataclass, replace

from flask import Flask

from bench.scenarios import Scenario
from ticketsvc.accounts import passwords, tokens, users
from ticketsvc.db.actor import Actor
from ticketsvc.extensions import db
from ticketsvc.tickets import service

STAFF_SIZE = 50  # the workload: 50 agents share the tickets
HISTORY_LENGTH = 200
BENCH_EMAIL = "agent-1@bench.test"
COLLEAGUE_EMAIL = "agent-2@bench.test"


def create_staff() -> list[tuple[int, str]]:
    """An admin and 49 agents, on an empty database; their ids and names. One password hash
    for all: the benchmark signs in with a token, and 50 argon2 hashes would only cost time."""
    password_hash = passwords.hash_password("bench password, unused")
    staff = []
    for number in range(1, STAFF_SIZE + 1):
        role = "admin" if number == STAFF_SIZE else "agent"
        member = {"email": f"agent-{number}@bench.test", "name": f"Agent {number}", "role": role}
        inserted = users.users.insert().values(**member, password_hash=password_hash)
        staff.append((db.session.execute(inserted.returning(users.users.c.id)).scalar_one(), member["name"]))
    db.session.commit()
    return staff


@dataclass(frozen=True)
class Fixtures:
    token: str  # of agent 1, who holds 1 in 50 of the assigned tickets
    history_ticket: int
    comment_ticket: int  # a customer's: each public comment on it mails them
    last_seeded_id: int  # tickets 1 to this one are the seeded ones, which the floor holds too
    colleague_id: int  # agent 2, to whom the bulk job hands tickets

    def filled(self, scenario: Scenario) -> Scenario:
        """scenario with the run's tickets in its path."""
        path = scenario.path.replace("{history_ticket}", str(self.history_ticket))
        return replace(scenario, path=path.replace("{comment_ticket}", str(self.comment_ticket)))


def bench_token(app: Flask) -> str:
    """A new API token of agent 1, whom the benchmark's requests come from."""
    with app.app_context():
        agent = users.find_by_email(BENCH_EMAIL)
        _, token = tokens.create(agent.id, "benchmark")
        db.session.commit()
    return token


def prepare(app: Flask, last_seeded_id: int) -> Fixtures:
    """A new token of agent 1, and two new tickets: one changed HISTORY_LENGTH - 1 times
    (so HISTORY_LENGTH entries), one of a customer's, open to comment on; and whom to hand
    tickets to."""
    token = bench_token(app)
    with app.app_context():
        agent = users.find_by_email(BENCH_EMAIL)
        actor = Actor.agent(agent.id, agent.name)
        ticket = {"title": "Export times out", "description": "It times out.", "category": "technical"}
        history_ticket, _ = service.create_ticket({**ticket, "priority": "low"}, actor)
        for change in range(HISTORY_LENGTH - 1):
            priority = ("medium", "high")[change % 2]
            service.update_ticket(history_ticket.id, {"priority": priority}, None, actor)
        from_customer = {**ticket, "priority": "medium", "requester_email": "customer@example.com"}
        comment_ticket, _ = service.create_ticket(from_customer, actor)
        colleague = users.find_by_email(COLLEAGUE_EMAIL)
    return Fixtures(token, history_ticket.id, comment_ticket.id, last_seeded_id, colleague.id)
