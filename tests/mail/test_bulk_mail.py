"""The mail of bulk changes: the customers of resolved tickets are mailed as for PATCH, and
the new assignee gets one summary mail per bulk change, by ids or by a whole job, instead of
one mail a ticket; the worker keeps sending mail while a job runs."""

import pytest

from tests.mail.test_delivery import body_of
from tests.mail.test_outbox import create
from ticketsvc.jobs import worker

BULK = "/api/tickets/bulk/"
DANA, ADA = 1, 2


@pytest.fixture
def chunk_size(mail_app, monkeypatch):
    return lambda size: monkeypatch.setitem(mail_app.config, "BULK_CHUNK_SIZE", size)


def of_kind(rows, kind: str) -> list:
    return [row for row in rows if row.kind == kind]


def test_resolving_by_ids_mails_each_customer_under_a_message_id_of_its_own(mail_agent, outbox):
    tickets = [create(mail_agent)[0] for _ in range(3)]
    resolved_already = tickets[2]["id"]
    mail_agent.patch(f"/api/tickets/{resolved_already}/", json={"status": "resolved"})
    body = {"ids": [ticket["id"] for ticket in tickets], "set": {"status": "resolved"}}
    assert mail_agent.post(BULK, json=body).get_json()["changed"] == 2
    resolved = of_kind(outbox(), "resolved")
    assert sorted(row.ticket_id for row in resolved) == sorted(ticket["id"] for ticket in tickets)
    assert len({row.message_id for row in resolved}) == 3


def test_the_new_assignee_gets_one_summary_of_the_tickets_given_them(
    mail_agent, outbox, run_worker, shared_smtp_server
):
    tickets = [create(mail_agent, title=f"Refund {number}")[0] for number in range(3)]
    mail_agent.patch(f"/api/tickets/{tickets[0]['id']}/", json={"assignee_id": ADA})
    before = len(outbox())
    body = {"ids": [ticket["id"] for ticket in tickets], "set": {"assignee_id": ADA, "priority": "low"}}
    mail_agent.post(BULK, json=body)

    [summary] = outbox()[before:]
    assert (summary.kind, summary.user_id, summary.to_address) == ("bulk_summary", ADA, "ada@example.test")
    listed = [[ticket["id"], ticket["title"]] for ticket in tickets[1:]]  # the first was Ada's already
    assert summary.details == {"assigned_by": "Dana Agent", "tickets": listed, "count": 2}
    run_worker()
    [received] = [
        mail for mail in shared_smtp_server.received if mail.message["Message-ID"] == summary.message_id
    ]
    assert received.rcpt_tos == ["ada@example.test"]
    assert received.message["Subject"] == "Dana Agent assigned 2 tickets to you"
    assert f"#{tickets[1]['id']}  Refund 1" in body_of(received)


def test_taking_tickets_yourself_mails_nobody(mail_agent, outbox):
    tickets = [create(mail_agent)[0] for _ in range(2)]
    before = len(outbox())
    mail_agent.post(BULK, json={"ids": [ticket["id"] for ticket in tickets], "set": {"assignee_id": DANA}})
    assert outbox()[before:] == []


def test_a_job_mails_the_new_assignee_once_when_it_ends(mail_app, mail_agent, outbox, chunk_size):
    chunk_size(2)
    tickets = [create(mail_agent)[0] for _ in range(5)]
    before = len(outbox())
    accepted = mail_agent.post(BULK, json={"filter": "status=open", "set": {"assignee_id": ADA}})
    job_url = accepted.headers["Location"]
    with mail_app.app_context():
        while mail_agent.get(job_url).get_json()["state"] == "running":
            assert of_kind(outbox()[before:], "bulk_summary") == []
            worker.bulk_changes.run_due_chunk()

    [summary] = of_kind(outbox()[before:], "bulk_summary")
    assert summary.details["count"] == 5
    assert summary.details["tickets"] == [[ticket["id"], ticket["title"]] for ticket in tickets]
    assert of_kind(outbox(), "assigned") == []


def test_a_job_lists_the_first_tickets_and_counts_the_rest(
    mail_agent, outbox, chunk_size, monkeypatch, run_worker
):
    monkeypatch.setattr(worker.bulk_changes.bulk, "BULK_SUMMARY_LISTED", 3)
    chunk_size(2)
    tickets = [create(mail_agent)[0] for _ in range(5)]
    mail_agent.post(BULK, json={"filter": "", "set": {"assignee_id": ADA}})
    run_worker()
    [summary] = of_kind(outbox(), "bulk_summary")
    assert summary.details["tickets"] == [[ticket["id"], ticket["title"]] for ticket in tickets[:3]]
    assert summary.details["count"] == 5


def test_the_worker_keeps_sending_mail_while_a_job_runs(mail_app, mail_agent, chunk_size, shared_smtp_server):
    chunk_size(1)
    tickets = [create(mail_agent, requester_email=None, requester_name=None)[0] for _ in range(3)]
    accepted = mail_agent.post(BULK, json={"filter": "", "set": {"status": "in_progress"}})
    create(mail_agent)  # its acknowledgement waits to go out
    with mail_app.app_context():
        for run_job in worker.jobs():  # one pass of the worker
            run_job()
    assert len(shared_smtp_server.received) == 1
    job = mail_agent.get(accepted.headers["Location"]).get_json()
    assert (job["state"], job["changed"]) == ("running", 1)
    assert len(tickets) == job["matched"]
