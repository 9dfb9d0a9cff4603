"""The mail a change causes is queued in the change's own transaction: who gets what (the
contract's table), and nothing for a change that did not happen."""

CUSTOMER = {"requester_name": "Ana Pérez", "requester_email": "ana@customer.test"}
TICKET = {"title": "Invoice shows the old VAT number", "description": "Please fix the VAT number."}


def create(client, **fields) -> tuple[dict, str]:
    """(the ticket, its customer's key)."""
    body = {name: value for name, value in {**TICKET, **CUSTOMER, **fields}.items() if value is not None}
    response = client.post("/api/tickets/", json=body)
    assert response.status_code == 201, response.get_json()
    ticket = response.get_json()
    return ticket, ticket.pop("access_key")


def kinds(rows) -> list[tuple[str, str]]:
    return [(row.kind, row.to_address) for row in rows]


def test_a_ticket_with_an_address_queues_its_acknowledgement(mail_agent, outbox):
    ticket, _ = create(mail_agent)
    [acknowledgement] = outbox()
    assert (acknowledgement.kind, acknowledgement.ticket_id) == ("acknowledgement", ticket["id"])
    assert acknowledgement.to_address == "ana@customer.test" and acknowledgement.state == "queued"
    # In MAIL_FROM's domain, and unguessable.
    assert acknowledgement.message_id.endswith("@example.test>") and len(acknowledgement.message_id) > 40


def test_a_ticket_without_an_address_queues_nothing(mail_agent, outbox):
    create(mail_agent, requester_email=None, requester_name=None)
    assert outbox() == []


def test_a_public_reply_is_queued_for_the_customer_and_a_note_is_not(mail_agent, outbox):
    ticket, _ = create(mail_agent)
    comments = f"/api/tickets/{ticket['id']}/comments/"
    reply = mail_agent.post(comments, json={"body": "Fixed, see the new invoice."}).get_json()
    mail_agent.post(comments, json={"body": "Finance did it.", "internal": True})
    assert kinds(outbox()) == [("acknowledgement", "ana@customer.test"), ("agent_reply", "ana@customer.test")]
    assert outbox()[1].comment_id == reply["id"]
    assert reply["mail"]["status"] == "queued" and reply["mail"]["to"] == ["ana@customer.test"]
    assert reply["mail"]["error"] is None and reply["channel"] == "web"


def test_resolving_mails_the_customer_once(mail_agent, outbox):
    ticket, _ = create(mail_agent)
    for _ in range(2):
        assert (
            mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"status": "resolved"}).status_code == 200
        )
    assert [row.kind for row in outbox()] == ["acknowledgement", "resolved"]


def test_assigning_someone_else_mails_them_and_taking_it_yourself_does_not(mail_agent, outbox):
    ticket, _ = create(mail_agent)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 1})  # Dana takes it
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 2})  # and gives it to Ada
    [assigned] = [row for row in outbox() if row.kind == "assigned"]
    assert (assigned.user_id, assigned.to_address) == (2, "ada@example.test")
    assert assigned.details == {"assigned_by": "Dana Agent"}


def test_a_customers_reply_mails_the_assignee_and_never_the_customer(mail_agent, mail_app, outbox):
    ticket, key = create(mail_agent)
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"assignee_id": 1})
    customer = mail_app.test_client()
    reply = customer.post(
        f"/api/tickets/{ticket['id']}/comments/", json={"body": "Still wrong."}, headers={"X-Ticket-Key": key}
    )
    assert reply.status_code == 201 and "mail" not in reply.get_json()
    assert kinds(outbox()) == [
        ("acknowledgement", "ana@customer.test"),
        ("customer_replied", "dana@example.test"),
    ]


def test_a_change_that_is_refused_queues_nothing(mail_agent, outbox):
    """The mail is written by the change's own statement: a stale If-Match (412), a closed
    ticket's comment (409) and an unknown assignee (400) leave no mail behind."""
    ticket, _ = create(mail_agent)
    stale = mail_agent.get(f"/api/tickets/{ticket['id']}/").headers["ETag"]
    mail_agent.patch(f"/api/tickets/{ticket['id']}/", json={"priority": "low"})
    item = f"/api/tickets/{ticket['id']}/"
    assert mail_agent.patch(item, json={"status": "resolved"}, headers={"If-Match": stale}).status_code == 412
    assert mail_agent.patch(item, json={"assignee_id": 99}).status_code == 400
    mail_agent.patch(item, json={"status": "closed"})
    assert mail_agent.post(f"{item}comments/", json={"body": "Too late."}).status_code == 409
    assert [row.kind for row in outbox()] == ["acknowledgement"]


def test_without_mail_url_nothing_is_queued(client, outbox):
    create(client)
    assert outbox() == []
