"""Mail at volume (issue 20): how fast `flask worker` delivers a backlog over SMTP (at least
100 messages a second: 10,000 in under 2 minutes), and how many messages a second the
inbound door files (at least 50).

The worker: a backlog of new tickets from as many customers is created through the app's
own create_ticket, each queuing its acknowledgement in its transaction (one address each,
so the hourly cap on automatic mail to an address skips none). Then one `flask worker` is
started against the database with MAIL_URL at an aiosmtpd server in this process, on a
free loopback port, which counts what it accepts. The time runs from starting the worker
(its start-up included) until the server has every acknowledgement and the outbox shows
them sent. make bench runs this after gunicorn and its own worker have stopped: that
worker would claim part of the backlog (SKIP LOCKED) and write it to files, and the figure
would no longer be one worker's. Mail the run left queued goes out too, and is counted apart.

The door: half the messages new tickets from distinct senders, then the other half their
replies, each to the acknowledgement its customer was sent (In-Reply-To, References, the
quoted mail below the new words), posted as an MTA hands them in (raw RFC 5322 with
MAIL_INBOUND_TOKEN) by CLIENTS threads to the served gunicorn. The figure is the messages
over the two rounds' time. Then the tables are checked: each ticket the door answered holds
its sender as requester, each comment it answered is that customer's, by mail, on that ticket.
"""

import http.client
import json
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from aiosmtpd.controller import Controller

from bench import database
from bench.measurement import Measurement
from bench.server import MAIL_FROM, SECRET_KEY, flask_command
from ticketsvc import create_app
from ticketsvc.config import database_url_for_sqlalchemy
from ticketsvc.db.actor import Actor
from ticketsvc.db.transactions import transaction
from ticketsvc.devtools.local_gunicorn import free_port
from ticketsvc.extensions import db
from ticketsvc.jobs.seed import generate
from ticketsvc.tickets import service

WORKER_TARGET_PER_S = 100
WORKER_TARGET_S_PER_10K = 120
DOOR_TARGET_PER_S = 50
DOOR_MESSAGES = 500
CLIENTS = 8
BACKLOG_DOMAIN = "outbox.bench.example"
DOOR_DOMAIN = "inbound.bench.example"
DOOR = "/api/mail/inbound/"
SMTP_HOST = "127.0.0.1"
CHECK_INTERVAL_S = 0.05
STATE_INTERVAL_S = 1.0
BACKLOG_TIMEOUT_S = 1800
CUSTOMER = Actor.customer()
REPLIES = (
    "Thanks, that worked.",
    "It happened again this morning, same error as before.",
    "Could you tell me when this will be fixed?",
    "I tried that, but the page still shows the old amount.",
)


def backlog_size(rows: int) -> int:
    """The issue's 10,000 messages at a million tickets; rows / 100 below, at least 1,000."""
    return min(10_000, max(1_000, rows // 100))


@dataclass(frozen=True)
class WorkerThroughput:
    messages: int
    seconds: float  # from starting the worker until all were received and recorded sent
    first_after_s: float  # from starting the worker until the first arrived
    others: int  # mail the run left queued before the backlog, which goes out too when due

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds

    @property
    def target_s(self) -> float:
        return WORKER_TARGET_S_PER_10K * self.messages / 10_000

    def measurements(self) -> list[Measurement]:
        return [
            Measurement(
                f"`flask worker` delivering a backlog of {self.messages:,} acknowledgements to a local"
                f" SMTP server (the first after {self.first_after_s:.1f} s, start-up included;"
                f" {self.others:,} older mails queued besides)",
                f"{self.per_second:,.0f} messages/s, all in {self.seconds:.1f} s",
                f"≥ {WORKER_TARGET_PER_S} messages/s, ≤ {self.target_s:g} s"
                f" ({WORKER_TARGET_S_PER_10K} s per 10,000)",
                self.per_second >= WORKER_TARGET_PER_S and self.seconds <= self.target_s,
            )
        ]


def measure_worker(database_url: str, messages: int, log_path: Path) -> WorkerThroughput:
    """Queue messages acknowledgements, then time one `flask worker` delivering them."""
    with _CountingSmtpServer(BACKLOG_DOMAIN, messages) as smtp:
        settings = {"SECRET_KEY": SECRET_KEY, "MAIL_URL": smtp.url, "MAIL_FROM": MAIL_FROM}
        ticket_ids = _queue_backlog(database_url, settings, messages)
        engine = sa.create_engine(database_url_for_sqlalchemy(database_url), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                queued = connection.execute(database.QUEUED_MAIL).scalar_one()
                with open(log_path, "wb") as log:
                    started = time.perf_counter()
                    with flask_command(["worker"], database_url, log, settings) as worker:
                        _wait_until_delivered(smtp, connection, ticket_ids, worker)
                        seconds = time.perf_counter() - started
        finally:
            engine.dispose()
    return WorkerThroughput(messages, seconds, smtp.first_at - started, queued - messages)


def _queue_backlog(database_url: str, settings: dict, messages: int) -> list[int]:
    """The ids of messages new tickets, each from a customer of its own, whose
    acknowledgements are queued with them; in one transaction, as it is not what is timed."""
    config = {"SQLALCHEMY_DATABASE_URI": database_url_for_sqlalchemy(database_url), **settings}
    app = create_app(config)
    with app.app_context():
        with transaction(CUSTOMER):
            ticket_ids = [
                service.create_ticket(_backlog_ticket(number, ticket), CUSTOMER)[0].id
                for number, ticket in enumerate(generate(messages, seed=20))
            ]
        db.engine.dispose()
    return ticket_ids


def _backlog_ticket(number: int, ticket) -> dict:
    return {
        "title": ticket.title,
        "description": ticket.description,
        "category": ticket.category,
        "priority": ticket.priority,
        "requester_name": f"Customer {number}",
        "requester_email": f"customer-{number}@{BACKLOG_DOMAIN}",
    }


_BACKLOG_STATES = sa.text(
    "SELECT state, count(*) FROM outgoing_mail WHERE ticket_id = ANY(:ids) GROUP BY state"
)


def _wait_until_delivered(smtp: "_CountingSmtpServer", connection, ticket_ids: list[int], worker) -> None:
    """Until the SMTP server has every acknowledgement of ticket_ids and the outbox records
    them sent (the worker records a batch once it has sent it). Fails when the worker exits,
    when any of them ends otherwise (skipped, failed: it would never arrive), and after
    BACKLOG_TIMEOUT_S."""
    deadline = time.monotonic() + BACKLOG_TIMEOUT_S
    next_look = 0.0
    states = {}
    while not (smtp.all_received.is_set() and states.get("sent") == len(ticket_ids)):
        # The outbox at every check once the server has everything, else once a second:
        # counting 10,000 rows every 50 ms would take PostgreSQL's time from the worker.
        if smtp.all_received.is_set() or time.monotonic() >= next_look:
            states = dict(connection.execute(_BACKLOG_STATES, {"ids": ticket_ids}).all())
            next_look = time.monotonic() + STATE_INTERVAL_S
        if set(states) - {"queued", "sent"}:
            raise RuntimeError(f"the backlog's mail ended otherwise than sent: {states}")
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited with {worker.returncode}; the backlog by state: {states}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the backlog not delivered in {BACKLOG_TIMEOUT_S} s: {states}")
        time.sleep(CHECK_INTERVAL_S)


class _CountingSmtpServer:
    """aiosmtpd on a free loopback port, in a thread of its own, accepting everything and
    counting the messages to addresses at domain until expected of them have come."""

    def __init__(self, domain: str, expected: int):
        self._suffix = f"@{domain}"
        self._expected = expected
        self.all_received = threading.Event()
        self.received = 0
        self.first_at: float | None = None  # time.perf_counter() at the first one
        port = free_port()
        self.url = f"smtp://{SMTP_HOST}:{port}"
        # server_hostname given: aiosmtpd would otherwise look up this machine's FQDN.
        self._controller = Controller(self, hostname=SMTP_HOST, port=port, server_hostname="smtp.bench.test")

    def __enter__(self) -> "_CountingSmtpServer":
        self._controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._controller.stop()

    async def handle_DATA(self, server, session, envelope) -> str:
        if any(address.endswith(self._suffix) for address in envelope.rcpt_tos):
            self.received += 1
            if self.first_at is None:
                self.first_at = time.perf_counter()
            if self.received == self._expected:
                self.all_received.set()
        return "250 OK"


@dataclass(frozen=True)
class DoorThroughput:
    new_tickets: int  # messages posted that should open a ticket
    replies: int  # messages posted that answer an acknowledgement
    seconds: float  # of both rounds
    errors: int  # messages not answered 200 with the outcome expected (failed connections too)
    tickets_found: int  # tickets answered that hold their sender as requester
    comments_found: int  # comments answered that are a customer's, by mail, on the ticket answered

    @property
    def per_second(self) -> float:
        return (self.new_tickets + self.replies) / self.seconds

    @property
    def filed(self) -> bool:
        return self.tickets_found == self.new_tickets and self.comments_found == self.replies

    def measurements(self) -> list[Measurement]:
        return [
            Measurement(
                f"inbound door, {CLIENTS} clients: {self.new_tickets:,} new tickets by mail, then"
                f" {self.replies:,} replies ({self.errors} errors; found filed:"
                f" {self.tickets_found:,} tickets, {self.comments_found:,} comments)",
                f"{self.per_second:,.0f} messages/s",
                f"≥ {DOOR_TARGET_PER_S} messages/s",
                self.errors == 0 and self.filed and self.per_second >= DOOR_TARGET_PER_S,
            )
        ]


def measure_door(
    base_url: str, database_url: str, token: str, messages: int = DOOR_MESSAGES
) -> DoorThroughput:
    """Post half of messages (rounded up) as new tickets, then the rest as replies to the
    acknowledgements of the first of those, CLIENTS at a time, to the door at base_url;
    check what they filed."""
    tickets = generate(messages - messages // 2, seed=21)
    opening = [_new_ticket_message(number, ticket) for number, ticket in enumerate(tickets)]
    created, created_s = _post_all(base_url, token, opening)
    opened = [
        (message, answer["ticket_id"])
        for message, answer in zip(opening, created, strict=True)
        if _outcome(answer) == "created"
    ]
    engine = sa.create_engine(database_url_for_sqlalchemy(database_url))
    try:
        with engine.connect() as connection:
            ids = [ticket_id for _, ticket_id in opened]
            acknowledgements = dict(connection.execute(_ACKNOWLEDGEMENTS, {"ids": ids}).all())
        replying = [
            _reply_message(message, ticket_id, acknowledgements[ticket_id], number)
            for number, (message, ticket_id) in enumerate(opened[: messages // 2])
        ]
        replied, replied_s = _post_all(base_url, token, replying)
        threaded = [answer for answer in replied if _outcome(answer) == "replied"]
        with engine.connect() as connection:
            senders = [message["From"].addresses[0].addr_spec for message, _ in opened]
            tickets_found = connection.execute(_TICKETS_FOUND, {"ids": ids, "emails": senders}).scalar_one()
            comments = {
                "ids": [answer["comment_id"] for answer in threaded],
                "ticket_ids": [answer["ticket_id"] for answer in threaded],
            }
            comments_found = connection.execute(_COMMENTS_FOUND, comments).scalar_one()
    finally:
        engine.dispose()
    return DoorThroughput(
        new_tickets=len(opening),
        replies=len(replying),
        seconds=created_s + replied_s,
        errors=len(opening) - len(opened) + len(replying) - len(threaded),
        tickets_found=tickets_found,
        comments_found=comments_found,
    )


_ACKNOWLEDGEMENTS = sa.text(
    "SELECT ticket_id, message_id FROM outgoing_mail WHERE ticket_id = ANY(:ids) AND kind = 'acknowledgement'"
)
_TICKETS_FOUND = sa.text("""
    SELECT count(*) FROM tickets
    JOIN unnest(CAST(:ids AS bigint[]), CAST(:emails AS text[])) AS sent (id, email)
      ON tickets.id = sent.id AND tickets.requester_email = sent.email
""")
_COMMENTS_FOUND = sa.text("""
    SELECT count(*) FROM ticket_comments AS comment
    JOIN unnest(CAST(:ids AS bigint[]), CAST(:ticket_ids AS bigint[])) AS answered (id, ticket_id)
      ON comment.id = answered.id AND comment.ticket_id = answered.ticket_id
    WHERE comment.author_kind = 'customer' AND comment.channel = 'mail' AND NOT comment.internal
""")


def _outcome(answer: dict | None) -> str | None:
    return answer and answer["outcome"]


def _new_ticket_message(number: int, ticket) -> EmailMessage:
    """A customer's first mail, from an address of their own."""
    message = EmailMessage()
    message["From"] = f"Customer {number} <customer-{number}@{DOOR_DOMAIN}>"
    message["To"] = MAIL_FROM
    message["Subject"] = ticket.title
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=DOOR_DOMAIN)
    message.set_content(ticket.description)
    return message


def _reply_message(
    opening: EmailMessage, ticket_id: int, acknowledgement_id: str, number: int
) -> EmailMessage:
    """The customer's answer to the acknowledgement of their first mail, quoting it below,
    as a mail client writes it."""
    message = EmailMessage()
    message["From"] = opening["From"]
    message["To"] = MAIL_FROM
    message["Subject"] = f"Re: [#{ticket_id}] {opening['Subject']}"
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=DOOR_DOMAIN)
    message["In-Reply-To"] = acknowledgement_id
    message["References"] = f"{opening['Message-ID']} {acknowledgement_id}"
    message.set_content(
        f"{REPLIES[number % len(REPLIES)]}\n\n"
        f"On {opening['Date']}, {MAIL_FROM} wrote:\n"
        f'> We received your message about "{opening["Subject"]}" (#{ticket_id}).\n'
        "> Reply to this mail to add to it.\n"
    )
    return message


def _post_all(base_url: str, token: str, messages: list[EmailMessage]) -> tuple[list[dict | None], float]:
    """Each message posted to the door, by CLIENTS threads at once: the answers in the
    messages' order (None: not 200, or none), and the seconds it took."""
    raw = [message.as_bytes() for message in messages]
    answers: list[dict | None] = [None] * len(raw)
    address = urlsplit(base_url)
    headers = {"Content-Type": "message/rfc822", "Authorization": f"Bearer {token}"}

    def post(numbers: range) -> None:
        # One connection a client, kept alive as an MTA's is.
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        try:
            for number in numbers:
                answers[number] = _posted(connection, raw[number], headers)
        finally:
            connection.close()

    clients = [threading.Thread(target=post, args=(range(n, len(raw), CLIENTS),)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return answers, time.perf_counter() - started


def _posted(connection: http.client.HTTPConnection, raw: bytes, headers: dict) -> dict | None:
    try:
        connection.request("POST", DOOR, body=raw, headers=headers)
        response = connection.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException):
        connection.close()  # opened again by the next request
        return None
    return json.loads(body) if response.status == 200 else None
