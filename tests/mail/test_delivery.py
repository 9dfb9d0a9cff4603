"""The worker delivers the outbox to a real SMTP server: the headers of every mail, the
follow link that works, retries that keep the Message-ID, failures in the server's words,
and the mail never sent on purpose."""

import re
import threading

import sqlalchemy as sa

from tests.mail.conftest import PUBLIC_URL
from tests.mail.smtp_server import DROP
from tests.mail.test_outbox import create
from ticketsvc.extensions import db
from ticketsvc.mail import delivery
from ticketsvc.mail.reply_marker import REPLY_MARKER

FOLLOW_LINK = re.compile(re.escape(PUBLIC_URL) + r"/follow/(\d+)#([A-Za-z0-9_-]+)")


def body_of(received) -> str:
    return received.message.get_body(("plain",)).get_content()


def make_due_again(app):
    """Move every queued mail's next attempt to now, as if its wait had passed."""
    with app.app_context():
        db.session.execute(sa.text("UPDATE outgoing_mail SET next_attempt_at = now() WHERE state = 'queued'"))
        db.session.commit()


def test_the_acknowledgement_goes_out_with_the_contracts_headers_and_a_working_link(
    mail_agent, mail_app, shared_smtp_server, outbox, run_worker
):
    ticket, _ = create(mail_agent, title="Charged twice")
    run_worker()
    [received] = shared_smtp_server.received
    message = received.message
    assert received.rcpt_tos == ["ana@customer.test"] and received.mail_from == "support@example.test"
    assert message["From"] == "Support <support@example.test>"
    assert message["Subject"] == f"[#{ticket['id']}] Charged twice"
    assert message["Message-ID"] == outbox()[0].message_id
    assert message["Auto-Submitted"] == "auto-replied" and message["X-Auto-Response-Suppress"] == "All"
    text = body_of(received)
    assert text.startswith(REPLY_MARKER)
    ticket_id, key = FOLLOW_LINK.search(text).groups()
    followed = mail_app.test_client().get(f"/api/tickets/{ticket_id}/", headers={"X-Ticket-Key": key})
    assert followed.status_code == 200 and followed.get_json()["title"] == "Charged twice"
    assert outbox()[0].state == "sent" and outbox()[0].sent_at is not None


def test_an_agents_reply_threads_under_the_earlier_mail(mail_agent, shared_smtp_server, run_worker):
    ticket, _ = create(mail_agent)
    mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "We reissued it."})
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"status": "resolved"})
    run_worker()
    acknowledgement, reply, resolved = (received.message for received in shared_smtp_server.received)
    assert reply["Subject"] == f"Re: [#{ticket['id']}] {ticket['title']}"
    assert reply["In-Reply-To"] == acknowledgement["Message-ID"]
    assert reply["References"] == acknowledgement["Message-ID"]
    assert "Auto-Submitted" not in reply  # a person wrote it
    assert "We reissued it." in reply.get_body(("plain",)).get_content()
    assert resolved["References"] == f"{acknowledgement['Message-ID']} {reply['Message-ID']}"
    assert resolved["Auto-Submitted"] == "auto-generated"


def test_a_reply_made_from_a_canned_reply_is_mailed_filled_in(mail_agent, shared_smtp_server, run_worker):
    ticket, _ = create(mail_agent)
    canned = {"title": "Fixed", "body": "Hello {{customer.name}}, #{{ticket.id}} is fixed."}
    reply_id = mail_agent.post("/api/replies/", json=canned).get_json()["id"]
    mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"reply_id": reply_id})
    run_worker()
    _, reply = shared_smtp_server.received
    assert f"Hello Ana Pérez, #{ticket['id']} is fixed." in body_of(reply)


def test_a_title_cannot_add_a_header_or_a_recipient(mail_agent, shared_smtp_server, run_worker):
    create(mail_agent, title="Hello\r\nBcc: thief@evil.test")
    run_worker()
    [received] = shared_smtp_server.received
    assert received.rcpt_tos == ["ana@customer.test"]
    assert "Bcc" not in received.message and "thief@evil.test" in received.message["Subject"]


def test_smtp_down_answers_at_once_and_sends_the_same_message_when_it_is_back(
    mail_agent, mail_app, shared_smtp_server, outbox, run_worker
):
    shared_smtp_server.stop()
    ticket, _ = create(mail_agent)
    reply = mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "On it."})
    assert reply.status_code == 201
    run_worker()
    waiting = outbox()
    assert [row.state for row in waiting] == ["queued", "queued"]
    assert all(row.attempts == 1 and "refused" in row.last_error.lower() for row in waiting)
    shared_smtp_server.start()
    make_due_again(mail_app)
    run_worker()
    assert [received.message["Message-ID"] for received in shared_smtp_server.received] == [
        row.message_id for row in waiting
    ]
    assert [row.state for row in outbox()] == ["sent", "sent"]


def test_a_refused_recipient_fails_with_the_servers_reason_shown_on_the_comment(
    mail_agent, shared_smtp_server, run_worker
):
    ticket, _ = create(mail_agent)
    shared_smtp_server.answers.rcpt["ana@customer.test"] = "550 5.1.1 mailbox does not exist"
    reply = mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "Hello?"}).get_json()
    run_worker()
    [shown] = [c for c in mail_agent.get(f"/api/tickets/{ticket['id']}/comments/").get_json()["results"]]
    assert shown["id"] == reply["id"]
    assert shown["mail"]["status"] == "failed"
    assert shown["mail"]["error"] == "550 5.1.1 mailbox does not exist"


def test_a_worker_killed_mid_send_leaves_the_mail_to_go_again_under_the_same_message_id(
    mail_agent, mail_app, shared_smtp_server, outbox
):
    """A claim pushes the next attempt past the lease; the results are recorded only after
    sending, so a worker that dies in between (the server got the mail, or did not) leaves
    the mail queued, and the next worker sends it again with its Message-ID."""
    create(mail_agent)
    with mail_app.app_context():
        claimed = delivery.claim(10)
        delivery.send_all(claimed)  # … and the process dies before delivery.record()
    assert outbox()[0].state == "queued" and outbox()[0].attempts == 1
    make_due_again(mail_app)
    with mail_app.app_context():
        assert delivery.deliver_due() == 1
    first, again = (received.message["Message-ID"] for received in shared_smtp_server.received)
    assert first == again == outbox()[0].message_id and outbox()[0].state == "sent"


def test_workers_side_by_side_send_each_mail_once(mail_agent, mail_app, shared_smtp_server, outbox):
    for number in range(120):
        create(mail_agent, requester_email=f"customer{number}@customer.test")

    def work():
        with mail_app.app_context():
            while delivery.deliver_due():
                pass

    workers = [threading.Thread(target=work) for _ in range(3)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    sent = [received.message["Message-ID"] for received in shared_smtp_server.received]
    assert len(sent) == len(set(sent)) == 120
    assert {row.state for row in outbox()} == {"sent"}


def test_a_customer_address_gets_at_most_five_automatic_mails_an_hour(mail_agent, outbox, run_worker):
    for _ in range(7):
        create(mail_agent)
    run_worker()
    assert [row.state for row in outbox()] == ["sent"] * 5 + ["skipped"] * 2
    assert "more than 5 automatic mails" in outbox()[-1].last_error


def test_automatic_mail_never_goes_to_an_address_that_answers_automatically(mail_agent, outbox, run_worker):
    create(mail_agent, requester_email="no-reply@shop.test")
    create(mail_agent, requester_email="MAILER-DAEMON@shop.test")
    create(mail_agent, requester_email="support@example.test")  # ticketsvc's own address
    run_worker()
    assert [row.state for row in outbox()] == ["skipped"] * 3


def test_an_agent_who_switched_mail_off_is_not_mailed(mail_agent, mail_app, outbox, run_worker):
    with mail_app.app_context():
        db.session.execute(sa.text("UPDATE users SET notify_by_mail = false WHERE id = 2"))
        db.session.commit()
    ticket, _ = create(mail_agent, requester_email=None, requester_name=None)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 2})
    run_worker()
    [assigned] = outbox()
    assert assigned.state == "skipped" and assigned.last_error == "they switched mail off"


def test_a_connection_the_server_drops_is_a_temporary_failure(
    mail_agent, shared_smtp_server, outbox, run_worker
):
    create(mail_agent)
    shared_smtp_server.answers.data = DROP
    run_worker()
    assert outbox()[0].state == "queued" and outbox()[0].last_error
