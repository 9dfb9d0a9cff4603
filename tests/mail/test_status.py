"""The admins' mail status: the queue, what failed and went out in 24 hours."""

from tests.mail.test_outbox import create


def test_the_status_counts_queued_sent_and_failed_mail(
    mail_agent, mail_admin, shared_smtp_server, run_worker
):
    assert mail_admin.get("/api/mail/status/").get_json() == {
        "queued": 0,
        "failed_24h": 0,
        "sent_24h": 0,
        "last_received_at": None,
        "last_fetch_at": None,
        "last_fetch_error": None,
    }
    create(mail_agent)
    create(mail_agent, requester_email="gone@customer.test")
    create(mail_agent, requester_email="later@customer.test")
    assert mail_admin.get("/api/mail/status/").get_json()["queued"] == 3
    shared_smtp_server.answers.rcpt["gone@customer.test"] = "550 5.1.1 no such user"
    shared_smtp_server.answers.rcpt["later@customer.test"] = "451 4.3.0 try again later"
    run_worker()
    status = mail_admin.get("/api/mail/status/").get_json()
    assert (status["queued"], status["sent_24h"], status["failed_24h"]) == (1, 1, 1)


def test_agents_cannot_see_the_mail_status(mail_agent):
    assert mail_agent.get("/api/mail/status/").status_code == 403
