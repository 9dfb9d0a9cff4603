"""History is complete: after random work through every write path (the API's create,
change and comment, a customer's reopening reply by web or mail, an agent's note by mail,
an automatic answer, bulk changes by ids and by a filter's job, CSV import, seeding,
reclassification), replaying each ticket's history from nothing gives its current row,
and each entry's "from" values are what the ticket held just before it. Its place in the
queue (last_activity_at, last_customer_message_at, waiting_on) is what its replayed status
and the comments its history records make it."""

import random
import threading
import uuid

import pytest
import sqlalchemy as sa

from tests.conftest import client_of
from tests.mail.conftest import DOOR, RAW
from tests.mail.test_inbound import mail
from tests.staff import ADMIN, AGENT
from ticketsvc.extensions import db
from ticketsvc.jobs import worker

FIELDS = (
    "title",
    "description",
    "category",
    "priority",
    "status",
    "requester_name",
    "requester_email",
    "suggested_category",
    "suggested_priority",
    "classification_source",
)
CHOICES = {
    "category": ["billing", "technical", "account", "general"],
    "priority": ["low", "medium", "high", "critical"],
    "status": ["open", "in_progress", "resolved", "closed"],
    "title": ["Printer jam", "Refund please", "Cannot sign in"],
    "description": ["It broke.", "Charged twice for March.", "The password reset mail never came."],
    "assignee_id": [None, 1, 2],
}

BULK_FIELDS = ("category", "priority", "status", "assignee_id")
# Filters a bulk change may select its tickets with (the list's query string).
BULK_FILTERS = (
    "status=open",
    "priority=high&priority=critical",
    "assignee=none",
    "assignee=me",
    "search=refund",
    "waiting=customer",
)


class RandomWork:
    def __init__(self, rng: random.Random, app, anonymous, customer, runner, tmp_path):
        """app queues mail (to files), so that mail can be answered."""
        self.rng, self.app, self.anonymous = rng, app, anonymous
        self.client, self.admin = client_of(app, AGENT), client_of(app, ADMIN)
        self.door = app.test_client()
        self.customer, self.runner, self.tmp_path = customer, runner, tmp_path
        self.keys: dict[int, str] = {}

    def step(self) -> None:
        operations = [self.create, self.change, self.change, self.change, self.comment, self.customer_reply]
        operations += [self.mailed_reply, self.mailed_note, self.bulk_change]
        if self.rng.random() < 0.06:
            operations = [self.import_csv, self.seed, self.reclassify]
        self.rng.choice(operations)()

    def some_ticket(self) -> int | None:
        page = self.client.get("/api/tickets/?page_size=100").get_json()
        return self.rng.choice(page["results"])["id"] if page["results"] else None

    def create(self) -> None:
        body = {field: self.rng.choice(CHOICES[field]) for field in ("title", "description")}
        if self.rng.random() < 0.5:  # else the classifier fills them in
            body.update({field: self.rng.choice(CHOICES[field]) for field in ("category", "priority")})
        if self.rng.random() < 0.5:
            body.update(requester_name="Robin", requester_email="robin@example.test")
        creator = self.anonymous if self.rng.random() < 0.5 else self.client
        created = creator.post("/api/tickets/", json=body).get_json()
        self.keys[created["id"]] = created["access_key"]

    def change(self) -> None:
        ticket_id = self.some_ticket()
        if ticket_id is None:
            return
        fields = self.rng.sample(list(CHOICES), self.rng.randint(1, 3))
        body = {field: self.rng.choice(CHOICES[field]) for field in fields}
        headers = {}
        if self.rng.random() < 0.2:  # a stale version: refused, records nothing
            headers["If-Match"] = '"2020-01-01T00:00:00.000000Z"'
        if self.rng.random() < 0.1:  # invalid: refused, records nothing
            body["status"] = "lost"
        writer = self.client if self.rng.random() < 0.7 else self.admin
        writer.patch(f"/api/tickets/{ticket_id}/", json=body, headers=headers)

    def bulk_change(self) -> None:
        """By ids (some of them unknown), or by a filter, whose job the worker then runs."""
        fields = self.rng.sample(BULK_FIELDS, self.rng.randint(1, 2))
        body = {"set": {field: self.rng.choice(CHOICES[field]) for field in fields}}
        if self.rng.random() < 0.5:
            page = self.client.get("/api/tickets/?page_size=100").get_json()["results"]
            chosen = self.rng.sample(page, min(len(page), self.rng.randint(1, 8)))
            body["ids"] = [ticket["id"] for ticket in chosen] + [10_000]
        else:
            body["filter"] = self.rng.choice(BULK_FILTERS)
        writer = self.client if self.rng.random() < 0.7 else self.admin
        writer.post("/api/tickets/bulk/", json=body)
        with self.app.app_context():
            worker.run(threading.Event(), until_idle=True)

    def comment(self) -> None:
        ticket_id = self.some_ticket()
        if ticket_id is not None:
            body = {"body": "A note.", "internal": self.rng.random() < 0.5}
            self.client.post(f"/api/tickets/{ticket_id}/comments/", json=body)

    def customer_reply(self) -> None:
        if self.keys:
            ticket_id = self.rng.choice(sorted(self.keys))
            if self.rng.random() < 0.5:  # to a resolved ticket, when there is one: it reopens
                resolved = self.client.get("/api/tickets/?status=resolved&page_size=100").get_json()
                ticket_id = self.rng.choice(
                    [t["id"] for t in resolved["results"] if t["id"] in self.keys] or [ticket_id]
                )
            holder = self.customer(self.keys[ticket_id])
            holder.post(f"/api/tickets/{ticket_id}/comments/", json={"body": "Still broken."})

    def mailed_reply(self) -> None:
        """The customer answers a mail they were sent (sometimes automatically: out of office)."""
        sent = self.mail_sent("user_id IS NULL")
        if sent is not None:
            automatic = {"Auto_Submitted": "auto-replied"} if self.rng.random() < 0.3 else {}
            self.hand_in(mail("By mail.", From=sent.to_address, In_Reply_To=sent.message_id, **automatic))

    def mailed_note(self) -> None:
        """An agent answers a mail they were sent: an internal note."""
        sent = self.mail_sent("user_id IS NOT NULL")
        if sent is not None:
            self.hand_in(mail("Noted by mail.", From=sent.to_address, In_Reply_To=sent.message_id))

    def mail_sent(self, recipient: str):
        with self.app.app_context():
            sent = db.session.execute(
                sa.text(f"SELECT to_address, message_id FROM outgoing_mail WHERE {recipient}")
            ).all()
        return self.rng.choice(sent) if sent else None

    def hand_in(self, raw: bytes) -> None:
        raw = raw.replace(b"<first@customer.test>", f"<{uuid.uuid4()}@customer.test>".encode())
        assert self.door.post(DOOR, data=raw, headers=RAW).status_code == 200

    def import_csv(self) -> None:
        csv_file = self.tmp_path / f"import-{self.rng.random()}.csv"
        csv_file.write_text(
            "title,description,category,priority,status,created_at\n"
            "Imported,From the old service,general,low,resolved,2025-05-06T07:08:09Z\n"
        )
        assert self.runner.invoke(args=["tickets", "import", str(csv_file)]).exit_code == 0

    def seed(self) -> None:
        seed = str(self.rng.randint(0, 1000))
        assert self.runner.invoke(args=["tickets", "seed", "--count", "2", "--seed", seed]).exit_code == 0

    def reclassify(self) -> None:
        checkpoint = str(self.tmp_path / "checkpoint.json")
        arguments = ["tickets", "reclassify", "--apply", "--restart", "--checkpoint", checkpoint]
        assert self.runner.invoke(args=arguments).exit_code == 0


def replayed(entries: list[dict]) -> dict:
    """The ticket as its history tells it, checking every "from" on the way."""
    state: dict = {}
    for entry in entries:
        if entry["action"] == "commented":
            continue
        for field, (before, after) in entry["changes"].items():
            if entry["action"] != "created":
                assert state.get(field) == before, (field, entry)
            state[field] = after
    return state


def place_in_queue(ticket: dict, status: str, comments: list[dict]) -> dict:
    """Where a ticket with this status and these comments stands in the queue (the contract)."""
    public = [comment for comment in comments if not comment["internal"]]
    customers = [comment["created_at"] for comment in public if comment["author"]["kind"] == "customer"]
    agents = [comment["created_at"] for comment in public if comment["author"]["kind"] == "agent"]
    customer_message = max(customers, default=ticket["created_at"])
    waiting_on = None
    if status in ("open", "in_progress"):
        waiting_on = "customer" if max(agents, default="") > customer_message else "us"
    moments = [ticket["created_at"], ticket["updated_at"], *(comment["created_at"] for comment in comments)]
    return {
        "last_activity_at": max(moments),
        "last_customer_message_at": customer_message,
        "waiting_on": waiting_on,
    }


def commented(history: list[dict], comments: list[dict]) -> list[dict]:
    """The comments the history's "commented" entries name, as the conversation shows them."""
    by_id = {comment["id"]: comment for comment in comments}
    named = [entry["changes"]["comment_id"][1] for entry in history if entry["action"] == "commented"]
    assert sorted(named) == sorted(by_id)
    return [by_id[comment_id] for comment_id in named]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replaying_each_tickets_history_gives_its_current_row(
    seed, make_app, app, anonymous, customer, runner, tmp_path
):
    mailing = make_app(MAIL_URL=f"file://{tmp_path}/mail", MAIL_FROM="Support <support@example.test>")
    work = RandomWork(random.Random(seed), mailing, anonymous, customer, runner, tmp_path)
    work.create()
    for _ in range(150):
        work.step()
    client = work.client
    tickets = client.get("/api/tickets/?page_size=100").get_json()["results"]
    assert len(tickets) > 10
    covered = set()
    for ticket in tickets:
        history = client.get(f"/api/tickets/{ticket['id']}/history/?page_size=100").get_json()["results"]
        assert history[0]["action"] == "created"
        assert all(entry["changes"] for entry in history)  # nothing recorded for nothing changed
        state = replayed(history)
        current = {field: ticket[field] for field in FIELDS}
        current["assignee"] = ticket["assignee"]["id"] if ticket["assignee"] else None
        assert state == current, ticket["id"]
        comments = client.get(f"/api/tickets/{ticket['id']}/comments/?page_size=100").get_json()["results"]
        expected = place_in_queue(ticket, state["status"], commented(history, comments))
        assert {name: ticket[name] for name in expected} == expected, ticket["id"]
        covered |= {(c["author"]["kind"], c["internal"], c["channel"]) for c in comments}
        reopened = {"actor": {"kind": "customer"}, "changes": {"status": ["resolved", "open"]}}
        covered |= {"reopened" for entry in history if reopened.items() <= entry.items()}
    # The work went through every way a comment moves the queue.
    assert covered >= {
        ("customer", False, "web"),
        ("customer", False, "mail"),
        ("agent", False, "web"),
        ("agent", True, "web"),
        ("agent", True, "mail"),
        ("system", True, "mail"),
        "reopened",
    }
