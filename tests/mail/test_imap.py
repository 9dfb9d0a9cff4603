"""The IMAP door against a real Dovecot: `flask mail fetch` (once, and --watch) and the
worker file each unseen message and mark it seen, over imaps and over imap with STARTTLS;
nothing is filed twice; whatever fails leaves the messages not yet filed unseen, and says
why, without the password."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.mail.conftest import MAIL_FROM, PUBLIC_URL
from tests.mail.test_inbound import conversation, mail
from tests.mail.test_outbox import create
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.extensions import db
from ticketsvc.mail import imap, inbound

SCHEMES = ["imaps", "imap"]  # imap: STARTTLS before the password

NEW_TICKET = mail(
    "The export button does nothing.",
    Subject="Export is broken",
    Message_ID="<export@customer.test>",
    From="Bo Li <bo@customer.test>",
)


def message(subject: str) -> bytes:
    """A new customer's message, told apart by its subject."""
    return mail(
        f"About {subject}.", Subject=subject, Message_ID=f"<{subject.replace(' ', '-')}@customer.test>"
    )


@pytest.fixture
def imap_app(make_app, mail_app, shared_smtp_server, dovecot):
    """imap_app(scheme, **settings) → an app with mail on, whose MAIL_IMAP_URL is dovecot's
    INBOX; its connections are closed after the test."""
    built = []

    def build(scheme: str = "imaps", **settings):
        app = make_app(
            MAIL_URL=shared_smtp_server.url,
            MAIL_FROM=MAIL_FROM,
            PUBLIC_URL=PUBLIC_URL,
            **{"MAIL_IMAP_URL": dovecot.url(scheme), **settings},
        )
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.engine.dispose()


def fetch(app, exit_code: int = 0):
    """`flask mail fetch`, which must end with exit_code, never with a traceback."""
    result = app.test_cli_runner().invoke(args=["mail", "fetch"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == exit_code, result.output
    return result


def filed(app) -> list[tuple[str, str, int | None]]:
    """(subject, outcome, ticket_id) of every message filed, in order; each came by IMAP."""
    with app.app_context():
        rows = db.session.execute(
            sa.text("SELECT subject, outcome, ticket_id, door FROM incoming_mail ORDER BY id")
        ).all()
    assert {row.door for row in rows} <= {"imap"}
    return [(row.subject, row.outcome, row.ticket_id) for row in rows]


def ticket_count(app) -> int:
    with app.app_context():
        return db.session.execute(sa.text("SELECT count(*) FROM tickets")).scalar()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_unseen_message_is_filed_then_marked_seen_and_a_second_fetch_files_nothing(
    scheme, imap_app, dovecot, mail_agent, mail_admin, sent
):
    ticket, _ = create(mail_agent)
    acknowledgement = sent(ticket["id"], "acknowledgement")
    reply = mail(
        "The new invoice is right, thank you.",
        Subject="Re: Invoice shows the old VAT number",
        Message_ID="<thanks@customer.test>",
        In_Reply_To=acknowledgement,
        References=acknowledgement,
    )
    dovecot.deliver(NEW_TICKET, reply)
    app = imap_app(scheme)

    assert "Filed 2 messages." in fetch(app).output
    [(_, created, new_id), (_, replied, replied_to)] = filed(app)
    assert (created, replied, replied_to) == ("created", "replied", ticket["id"])
    new = mail_agent.get(f"/api/tickets/{new_id}/").get_json()
    assert (new["title"], new["description"]) == ("Export is broken", "The export button does nothing.")
    assert (new["requester_email"], new["requester_name"]) == ("bo@customer.test", "Bo Li")
    [comment] = conversation(mail_agent, ticket["id"])
    assert comment["body"] == "The new invoice is right, thank you." and comment["channel"] == "mail"
    assert dovecot.seen() == {"Export is broken": True, "Re: Invoice shows the old VAT number": True}
    # The password went over TLS: from the first byte, or after STARTTLS.
    assert dovecot.logins() and all(", TLS," in line for line in dovecot.logins())
    status = mail_admin.get("/api/mail/status/").get_json()
    assert status["last_fetch_at"] is not None and status["last_fetch_error"] is None

    assert "Filed 0 messages." in fetch(app).output
    assert len(filed(app)) == 2 and ticket_count(app) == 2


def test_messages_marked_unread_again_are_fetched_again_and_make_nothing_twice(imap_app, dovecot):
    """Someone marks the messages unread in their mail client: each is a duplicate now."""
    dovecot.deliver(NEW_TICKET)
    app = imap_app()
    fetch(app)
    with dovecot.inbox() as inbox:
        inbox.uid("STORE", "1:*", "-FLAGS", "(\\Seen)")

    assert "Filed 1 messages." in fetch(app).output
    assert [outcome for _, outcome, _ in filed(app)] == ["created"] and ticket_count(app) == 1
    assert dovecot.seen() == {"Export is broken": True}


def test_a_message_already_seen_is_left_alone(imap_app, dovecot):
    dovecot.deliver(message("read by a person"), seen=True)
    dovecot.deliver(NEW_TICKET)
    app = imap_app()
    assert "Filed 1 messages." in fetch(app).output
    assert [subject for subject, _, _ in filed(app)] == ["Export is broken"]


def test_a_message_over_mail_max_bytes_is_kept_for_an_admin_and_marked_seen(imap_app, dovecot):
    """Fetching it again would never go better."""
    dovecot.deliver(mail("x" * 5000, Subject="Huge", Message_ID="<huge@customer.test>"))
    app = imap_app(MAIL_MAX_BYTES=2000)
    fetch(app)
    assert [(subject, outcome) for subject, outcome, _ in filed(app)] == [("Huge", "ignored")]
    assert ticket_count(app) == 0 and dovecot.seen() == {"Huge": True}


def test_a_message_that_cannot_be_filed_stays_unseen_and_the_others_are_filed(
    imap_app, dovecot, mail_admin, monkeypatch
):
    """A message that breaks the filing (a bug) must not hold back the mailbox, nor be lost:
    it stays unseen, to be fetched again once the bug is fixed, and the admins see why."""
    dovecot.deliver(message("first"), message("second"), message("third"))
    file_message = inbound.receive

    def fail_on_the_second(raw, door):
        if b"Subject: second" in raw:
            raise RuntimeError("a bug in the filing")
        return file_message(raw, door)

    monkeypatch.setattr(inbound, "receive", fail_on_the_second)
    app = imap_app()

    result = fetch(app, exit_code=1)
    assert "RuntimeError: a bug in the filing" in result.stderr
    assert [subject for subject, _, _ in filed(app)] == ["first", "third"]
    assert dovecot.seen() == {"first": True, "second": False, "third": True}
    error = mail_admin.get("/api/mail/status/").get_json()["last_fetch_error"]
    assert "RuntimeError: a bug in the filing" in error

    monkeypatch.setattr(inbound, "receive", file_message)
    assert "Filed 1 messages." in fetch(app).output
    assert [subject for subject, _, _ in filed(app)] == ["first", "third", "second"]
    assert mail_admin.get("/api/mail/status/").get_json()["last_fetch_error"] is None


def test_the_database_failing_mid_way_leaves_the_rest_unseen_and_exits_75(
    imap_app, dovecot, database_url, monkeypatch
):
    """The second message waits on a lock past DATABASE_TIMEOUT_S: PostgreSQL cancels it."""
    dovecot.deliver(message("first"), message("second"), message("third"))
    locker = sa.create_engine(database_url)
    holder = locker.connect()
    file_message = inbound.receive

    def lock_the_table_first(raw, door):
        if b"Subject: second" in raw:
            holder.execute(sa.text("LOCK TABLE incoming_mail IN ACCESS EXCLUSIVE MODE"))
        return file_message(raw, door)

    monkeypatch.setattr(inbound, "receive", lock_the_table_first)
    app = imap_app(DATABASE_TIMEOUT_S=1)
    try:
        result = fetch(app, exit_code=75)
    finally:
        holder.close()  # its transaction rolls back: the lock is gone
        locker.dispose()
    assert "The database is unavailable" in result.stderr and "try again later" in result.stderr
    assert dovecot.seen() == {"first": True, "second": False, "third": False}

    monkeypatch.setattr(inbound, "receive", file_message)
    assert "Filed 2 messages." in fetch(app).output
    assert [subject for subject, _, _ in filed(app)] == ["first", "second", "third"]


def test_the_database_away_files_nothing_marks_nothing_and_exits_75(make_app, dovecot):
    away = make_app(
        SQLALCHEMY_DATABASE_URI="postgresql+psycopg2://postgres@127.0.0.1:9/nothing",
        MAIL_IMAP_URL=dovecot.url(),
    )
    dovecot.deliver(NEW_TICKET)
    assert "try again later" in fetch(away, exit_code=75).stderr
    assert dovecot.seen() == {"Export is broken": False}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_wrong_password_is_recorded_for_the_admins_without_the_password(
    scheme, imap_app, dovecot, mail_admin
):
    dovecot.deliver(NEW_TICKET)
    wrong = "not-the-app-password"
    app = imap_app(scheme, MAIL_IMAP_URL=dovecot.url(scheme, password=wrong))

    result = fetch(app, exit_code=1)
    assert "[AUTHENTICATIONFAILED] Authentication failed." in result.stderr
    error = mail_admin.get("/api/mail/status/").get_json()["last_fetch_error"]
    assert "[AUTHENTICATIONFAILED] Authentication failed." in error
    for shown in (result.output, error):
        assert wrong not in shown and "not-the-app" not in shown


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_certificate_nobody_vouches_for_is_refused_before_the_password_is_sent(
    scheme, imap_app, dovecot, mail_admin, monkeypatch
):
    monkeypatch.delenv("SSL_CERT_FILE")  # the private CA is no longer trusted
    dovecot.deliver(NEW_TICKET)
    signed_in = dovecot.logins()
    result = fetch(imap_app(scheme), exit_code=1)
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr
    assert "CERTIFICATE_VERIFY_FAILED" in mail_admin.get("/api/mail/status/").get_json()["last_fetch_error"]
    assert dovecot.logins() == signed_in and dovecot.seen() == {"Export is broken": False}


def test_a_message_deleted_between_search_and_fetch_is_skipped(imap_app, dovecot, monkeypatch):
    """Another mail client may delete a message while the fetch is under way."""
    dovecot.deliver(message("deleted meanwhile"), NEW_TICKET)
    search = imap._unseen

    def search_then_delete(inbox):
        found = search(inbox)
        dovecot.delete("deleted meanwhile")
        return found

    monkeypatch.setattr(imap, "_unseen", search_then_delete)
    app = imap_app()
    assert "Filed 1 messages." in fetch(app).output
    assert [subject for subject, _, _ in filed(app)] == ["Export is broken"]


def test_a_password_that_breaks_the_url_is_never_shown(make_app, app, mail_admin):
    """An address as the user and a '/' in the password, neither percent-encoded: the
    password would be read as the port. The error says how MAIL_IMAP_URL should look, and
    nothing of the password."""
    broken = make_app(MAIL_IMAP_URL="imaps://support@example.test:s3cret/pa55@imap.example.test/INBOX")
    result = fetch(broken, exit_code=1)
    assert "imaps://user:password@imap.example.com/INBOX" in result.stderr
    error = mail_admin.get("/api/mail/status/").get_json()["last_fetch_error"]
    for shown in (result.output, error):
        assert "s3cret" not in shown and "pa55" not in shown


def flask_command(*arguments: str, dovecot, database_url: str) -> subprocess.Popen:
    """`flask --app wsgi <arguments>` in a process of its own, reading dovecot's INBOX every
    0.2 s; its output is kept for the test to read."""
    environment = {
        **{name: value for name, value in os.environ.items() if name != "GEMINI_API_KEY"},
        # os.environ holds SSL_CERT_FILE, the test's CA.
        "DATABASE_URL": database_url,
        "SECRET_KEY": "imap",
        "MAIL_IMAP_URL": dovecot.url(),
        "MAIL_IMAP_INTERVAL_S": "0.2",
        "WORKER_POLL_S": "0.2",
        "PYTHONUNBUFFERED": "1",
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen(
        [str(flask), "--app", "wsgi", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting after {seconds} s"
        time.sleep(0.1)


@pytest.mark.parametrize("command", [["mail", "fetch", "--watch"], ["worker"]], ids=["watch", "worker"])
def test_a_watching_process_files_what_arrives_later_and_stops_on_sigterm(
    command, app, dovecot, database_url
):
    with app.app_context():
        started = db.session.execute(sa.text("SELECT now()")).scalar()

    def fetched_since_start() -> bool:
        with app.app_context():
            last = db.session.execute(sa.text("SELECT last_fetch_at FROM mail_fetch_state")).scalar()
        return last is not None and last > started

    process = flask_command(*command, dovecot=dovecot, database_url=database_url)
    try:
        wait_for(fetched_since_start)
        dovecot.deliver(NEW_TICKET)
        wait_for(lambda: ticket_count(app) == 1)
        wait_for(lambda: dovecot.seen() == {"Export is broken": True})
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert "Traceback" not in errors
    assert [subject for subject, _, _ in filed(app)] == ["Export is broken"]
