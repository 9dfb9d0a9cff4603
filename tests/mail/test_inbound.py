"""Incoming mail through the HTTP door, filed in the contract's order: duplicate, bounce,
automatic, reply, new ticket; a reply is known only by a Message-ID ticketsvc sent."""

from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from tests.mail.conftest import DOOR, RAW
from tests.mail.test_outbox import create
from ticketsvc.extensions import db
from ticketsvc.mail.reply_marker import REPLY_MARKER
from ticketsvc.tickets import service

FIXTURES = Path(__file__).with_name("fixtures")


def mail(body: str = "My invoice is wrong, please help.", **headers: str) -> bytes:
    message = EmailMessage()
    fields = {
        "From": "Ana Pérez <ana@customer.test>",
        "To": "support@example.test",
        "Subject": "Invoice shows the old VAT number",
        "Message-ID": "<first@customer.test>",
        **{name.replace("_", "-"): value for name, value in headers.items()},
    }
    for name, value in fields.items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


def filed(response) -> dict:
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def conversation(agent, ticket_id: int) -> list[dict]:
    return agent.get(f"/api/tickets/{ticket_id}/comments/").get_json()["results"]


def test_a_new_mail_makes_a_ticket_as_a_web_submission_would(
    hand_in, mail_agent, outbox, run_worker, shared_smtp_server
):
    answer = filed(hand_in(mail()))
    assert answer["outcome"] == "created" and answer["comment_id"] is None
    ticket = mail_agent.get(f"/api/tickets/{answer['ticket_id']}/").get_json()
    assert ticket["title"] == "Invoice shows the old VAT number"
    assert ticket["description"] == "My invoice is wrong, please help."
    assert (ticket["requester_name"], ticket["requester_email"]) == ("Ana Pérez", "ana@customer.test")
    assert ticket["classification_source"] == "fallback" and ticket["category"] == "billing"
    history = mail_agent.get(f"/api/tickets/{ticket['id']}/history/").get_json()["results"]
    assert [(entry["action"], entry["actor"]) for entry in history] == [("created", {"kind": "customer"})]
    # The acknowledgement answers the customer's own message.
    run_worker()
    [acknowledgement] = shared_smtp_server.received
    assert acknowledgement.message["In-Reply-To"] == "<first@customer.test>"
    assert acknowledgement.message["References"] == "<first@customer.test>"


def test_the_same_message_twice_makes_one_ticket(hand_in, mail_agent):
    first = filed(hand_in(mail()))
    again = filed(hand_in(mail()))
    assert again == {"outcome": "duplicate", "ticket_id": first["ticket_id"], "comment_id": None}
    assert mail_agent.get("/api/tickets/").get_json()["count"] == 1


def test_a_reply_to_our_mail_is_the_customers_comment_without_the_quote(hand_in, mail_agent, sent, outbox):
    ticket, _ = create(mail_agent)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 2})
    acknowledgement = sent(ticket["id"], "acknowledgement")
    quoted = (
        "Here is the invoice number: 2026-114.\n\n"
        f"On Mon, 7 Dec 2026 at 10:00, Support wrote:\n> {REPLY_MARKER}\n> Hello"
    )
    answer = filed(hand_in(mail(quoted, Message_ID="<reply@customer.test>", In_Reply_To=acknowledgement)))
    assert (answer["outcome"], answer["ticket_id"]) == ("replied", ticket["id"])
    [comment] = conversation(mail_agent, ticket["id"])
    assert comment["id"] == answer["comment_id"]
    assert comment["body"] == "Here is the invoice number: 2026-114."
    assert (
        comment["author"]["kind"] == "customer" and comment["channel"] == "mail" and not comment["internal"]
    )
    # The assignee hears of it.
    assert [row.kind for row in outbox()][-1] == "customer_replied"


def test_a_reply_by_mail_reopens_a_resolved_ticket(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"status": "resolved"})
    resolved = sent(ticket["id"], "resolved")
    filed(hand_in(mail("It is still wrong.", Message_ID="<again@customer.test>", References=resolved)))
    assert mail_agent.get(f"/api/tickets/{ticket['id']}/").get_json()["status"] == "open"
    last = mail_agent.get(f"/api/tickets/{ticket['id']}/history/").get_json()["results"][-1]
    assert last["actor"] == {"kind": "customer"} and last["changes"]["status"] == ["resolved", "open"]


def test_a_reply_to_a_closed_ticket_is_a_follow_up_ticket(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent)
    acknowledgement = sent(ticket["id"], "acknowledgement")
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"status": "closed"})
    answer = filed(
        hand_in(mail("A new problem.", Message_ID="<late@customer.test>", In_Reply_To=acknowledgement))
    )
    assert answer["outcome"] == "created" and answer["ticket_id"] != ticket["id"]
    follow_up = mail_agent.get(f"/api/tickets/{answer['ticket_id']}/").get_json()
    assert follow_up["description"] == f"Follow-up to #{ticket['id']}\n\nA new problem."


def test_a_forged_ticket_number_or_a_known_sender_is_not_a_reply(hand_in, mail_agent):
    """[#id] in the subject and the customer's own address prove nothing: anyone can write them."""
    ticket, _ = create(mail_agent)
    forged = mail(
        "Close my ticket.", Subject=f"Re: [#{ticket['id']}] {ticket['title']}", Message_ID="<f@x.test>"
    )
    answer = filed(hand_in(forged))
    assert answer["outcome"] == "created" and answer["ticket_id"] != ticket["id"]
    assert conversation(mail_agent, ticket["id"]) == []


def test_out_of_office_is_kept_as_a_note_and_neither_reopens_nor_answers(hand_in, mail_agent, sent, outbox):
    ticket, _ = create(mail_agent, requester_email="tom.baker@contoso.com")
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"status": "resolved"})
    resolved = sent(ticket["id"], "resolved")
    raw = (
        (FIXTURES / "out-of-office-outlook.eml")
        .read_bytes()
        .replace(b"<Tq5nC1xV7mWa@help.example.com>", resolved.encode())
    )
    answer = filed(hand_in(raw))
    assert (answer["outcome"], answer["ticket_id"]) == ("automatic", ticket["id"])
    [note] = conversation(mail_agent, ticket["id"])
    assert note["author"] == {"kind": "system", "name": "automatic mail"} and note["internal"]
    assert note["body"].startswith("Thank you for your message. I am out of the office until Monday")
    assert mail_agent.get(f"/api/tickets/{ticket['id']}/").get_json()["status"] == "resolved"
    assert [row.kind for row in outbox()] == ["acknowledgement", "resolved"]


def test_a_bounce_marks_the_mailed_reply_failed_with_the_reports_words(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent, requester_email="ana@example.com")
    mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "We fixed it."})
    reply = sent(ticket["id"], "agent_reply")
    raw = (
        (FIXTURES / "bounce-postfix.eml")
        .read_bytes()
        .replace(b"<Wq2eR7tY1uIo3pAs@help.example.com>", reply.encode())
    )
    answer = filed(hand_in(raw))
    assert answer == {"outcome": "bounce", "ticket_id": ticket["id"], "comment_id": None}
    [comment] = conversation(mail_agent, ticket["id"])
    assert comment["mail"]["status"] == "failed"
    assert comment["mail"]["error"].startswith(
        "5.1.1 smtp; 550 5.1.1 <ana@example.com>: Recipient address rejected"
    )


def test_an_agents_reply_to_their_mail_is_an_internal_note_and_a_strangers_is_not(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent, requester_email=None, requester_name=None)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 2})
    assigned = sent(ticket["id"], "assigned")
    note = filed(
        hand_in(
            mail(
                "Will call them.",
                From="Ada <ADA@example.test>",
                Message_ID="<a@x.test>",
                In_Reply_To=assigned,
            )
        )
    )
    [comment] = conversation(mail_agent, ticket["id"])
    assert comment["id"] == note["comment_id"] and comment["internal"]
    assert comment["author"] == {"kind": "agent", "id": 2, "name": "Ada Admin"}
    stranger = filed(
        hand_in(mail("Hi.", From="eve@evil.test", Message_ID="<e@x.test>", In_Reply_To=assigned))
    )
    assert stranger["outcome"] == "created"


def test_a_message_without_a_sender_is_kept_and_ignored(hand_in, mail_app):
    raw = b"Subject: nobody\r\nMessage-ID: <nobody@x.test>\r\n\r\nHello\r\n"
    assert filed(hand_in(raw)) == {"outcome": "ignored", "ticket_id": None, "comment_id": None}
    with mail_app.app_context():
        kept = db.session.execute(sa.text("SELECT outcome, note, raw FROM incoming_mail")).one()
    assert (kept.outcome, kept.note, bytes(kept.raw)) == ("ignored", "no sender", raw)


def test_the_door_is_shut_without_its_token_and_refuses_what_is_not_a_message(make_app, hand_in, app):
    assert hand_in(mail(), {"Content-Type": "message/rfc822"}).status_code == 401
    wrong = {**RAW, "Authorization": "Bearer not-the-token"}
    assert hand_in(mail(), wrong).status_code == 401
    assert hand_in(mail(), {**RAW, "Content-Type": "application/json"}).status_code == 415
    shut = make_app(MAIL_INBOUND_TOKEN=None).test_client()
    assert shut.post(DOOR, data=mail(), headers=RAW).status_code == 404


def test_a_message_over_mail_max_bytes_is_413_before_it_is_read(make_app, app):
    small = make_app(MAIL_MAX_BYTES=1000).test_client()
    response = small.post(DOOR, data=mail("x" * 2000), headers=RAW)
    assert response.status_code == 413
    assert response.get_json() == {"message": "The message is larger than MAIL_MAX_BYTES (1,000 bytes)."}


def test_a_database_failure_while_filing_answers_503_and_leaves_nothing_half_written(
    hand_in, mail_app, monkeypatch
):
    def database_gone(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(service, "create_ticket", database_gone)
    assert hand_in(mail()).status_code == 503
    with mail_app.app_context():
        assert db.session.execute(sa.text("SELECT count(*) FROM incoming_mail")).scalar() == 0
    monkeypatch.undo()
    assert filed(hand_in(mail()))["outcome"] == "created"  # the MTA's retry is no duplicate
