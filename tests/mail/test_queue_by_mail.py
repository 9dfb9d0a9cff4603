"""Mail moves tickets in the queue like the web does: a customer's mailed reply waits on us,
an agent's mailed note and an automatic answer move the last activity only."""

from tests.mail.test_inbound import FIXTURES, conversation, filed, mail
from tests.mail.test_outbox import create

QUEUE_FIELDS = ("last_activity_at", "last_customer_message_at", "waiting_on")


def queue(agent, ticket_id: int) -> tuple:
    ticket = agent.get(f"/api/tickets/{ticket_id}/").get_json()
    return tuple(ticket[name] for name in QUEUE_FIELDS)


def test_a_customers_mailed_reply_makes_the_ticket_wait_on_us(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent)
    mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "Which invoice?"})
    reply = sent(ticket["id"], "agent_reply")
    assert queue(mail_agent, ticket["id"])[2] == "customer"
    filed(hand_in(mail("The one of March.", Message_ID="<march@customer.test>", In_Reply_To=reply)))
    answer = conversation(mail_agent, ticket["id"])[-1]
    assert answer["channel"] == "mail" and answer["author"]["kind"] == "customer"
    assert queue(mail_agent, ticket["id"]) == (answer["created_at"], answer["created_at"], "us")


def test_an_agents_mailed_note_moves_the_last_activity_only(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 2})
    assigned = sent(ticket["id"], "assigned")
    before = queue(mail_agent, ticket["id"])
    note_by_mail = mail("On it.", From="ada@example.test", Message_ID="<a@x.test>", In_Reply_To=assigned)
    filed(hand_in(note_by_mail))
    [note] = conversation(mail_agent, ticket["id"])
    assert note["internal"] and note["channel"] == "mail"
    assert queue(mail_agent, ticket["id"]) == (note["created_at"], *before[1:])


def test_an_out_of_office_answer_moves_the_last_activity_only(hand_in, mail_agent, sent):
    ticket, _ = create(mail_agent, requester_email="tom.baker@contoso.com")
    mail_agent.post(f"/api/tickets/{ticket['id']}/comments/", json={"body": "Can you send the invoice?"})
    reply = sent(ticket["id"], "agent_reply")
    before = queue(mail_agent, ticket["id"])
    raw = (
        (FIXTURES / "out-of-office-outlook.eml")
        .read_bytes()
        .replace(b"<Tq5nC1xV7mWa@help.example.com>", reply.encode())
    )
    assert filed(hand_in(raw))["outcome"] == "automatic"
    note = conversation(mail_agent, ticket["id"])[-1]
    assert note["author"]["kind"] == "system"
    assert queue(mail_agent, ticket["id"]) == (note["created_at"], before[1], "customer")
