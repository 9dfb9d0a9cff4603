"""What makes a delivery report and how it is read (the fixture corpus shows the reports
of Postfix, Exim, Exchange and Gmail whole; these are the rules one at a time)."""

import uuid

from tests.mail.raw_messages import raw_message
from ticketsvc.mail.bounces import DIAGNOSTIC_MAX_LENGTH
from ticketsvc.mail.reading import DeliveryReport, read_mail

SENT = "<sent-by-ticketsvc@help.example.com>"


def report(
    *recipient_blocks: str, fields: tuple[str, ...] = (), returned: str = f"Message-ID: {SENT}"
) -> bytes:
    """A multipart/report with a delivery-status part of these recipient blocks and the
    returned headers."""
    boundary = uuid.uuid4().hex
    parts = [
        "Content-Type: text/plain\r\n\r\nYour message could not be delivered.",
        "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
        + "\r\n\r\n".join(recipient_blocks),
        f"Content-Type: text/rfc822-headers\r\n\r\n{returned}\r\n",
    ]
    body = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts) + f"--{boundary}--\r\n"
    content_type = f"multipart/report; report-type=delivery-status; boundary={boundary}"
    return raw_message("From: mail-system@example.org", *fields, content_type=content_type, body=body)


def test_a_report_from_mailer_daemon_or_postmaster_is_read_from_its_text():
    text = (
        "Hi. This is the qmail-send program at mail.example.org.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
        "<ana@example.com>:\n192.0.2.25 does not like recipient.\n"
        "Remote host said: 550 5.1.1 <ana@example.com>: User unknown\nGiving up on 192.0.2.25.\n\n"
        "--- Below this line is a copy of the message.\n\nMessage-ID: <qmail-sent@help.example.com>\n"
    )
    for sender in ("MAILER-DAEMON@mail.example.org", "Postmaster <POSTMASTER@example.org>"):
        mail = read_mail(raw_message(f"From: {sender}", body=text))
        assert mail.delivery_report == DeliveryReport(
            original_message_ids=("<qmail-sent@help.example.com>",),
            permanent=True,
            status="5.1.1",
            diagnostic="192.0.2.25 does not like recipient. Remote host said: 550 5.1.1 <ana@example.com>:"
            " User unknown Giving up on 192.0.2.25.",
            recipients=("ana@example.com",),
        )


def test_other_mail_is_no_delivery_report():
    assert read_mail(raw_message("From: Ana <ana@example.com>")).delivery_report is None
    receipt = report(returned="").replace(
        b"report-type=delivery-status", b"report-type=disposition-notification"
    )
    assert read_mail(receipt).delivery_report is None


def test_the_first_recipient_that_failed_for_good_speaks_for_the_report():
    mail = read_mail(
        report(
            "Final-Recipient: rfc822; bob@example.org\r\nAction: delayed\r\nStatus: 4.4.1",
            "Final-Recipient: rfc822; ana@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\n"
            "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
            "Original-Recipient: rfc822;<cy@example.net>\r\nAction: failed\r\nStatus: 5.1.1",
        )
    )
    assert mail.delivery_report == DeliveryReport(
        original_message_ids=(SENT,),
        permanent=True,
        status="5.2.2",
        diagnostic="smtp; 552 5.2.2 Mailbox full",
        recipients=("bob@example.org", "ana@example.com", "cy@example.net"),
    )


def test_without_an_action_the_status_class_says_whether_it_is_permanent():
    failed = read_mail(report("Final-Recipient: rfc822; a@example.com\r\nStatus: 5.0.0 (permanent failure)"))
    delayed = read_mail(report("Final-Recipient: rfc822; a@example.com\r\nStatus: 4.0.0"))
    assert (failed.delivery_report.permanent, failed.delivery_report.status) == (True, "5.0.0")
    assert (delayed.delivery_report.permanent, delayed.delivery_report.status) == (False, "4.0.0")


def test_a_delayed_plain_text_report_is_not_permanent():
    text = (
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent has not yet been delivered to one or more of its\n"
        "recipients after more than 24 hours on the queue on mx.example.org.\n\n"
        "The address to which the message has not yet been delivered is:\n\n"
        "  ana@example.com\n    Delay reason: SMTP error from remote mail server after end of data:\n"
        "    451 Temporary local problem - please try later\n"
    )
    report_read = read_mail(raw_message("From: Mailer-Daemon@mx.example.org", body=text)).delivery_report
    assert (report_read.permanent, report_read.status, report_read.recipients) == (
        False,
        None,
        ("ana@example.com",),
    )


def test_without_the_returned_message_the_report_names_what_it_answers():
    in_reply_to = report("Action: failed\r\nStatus: 5.1.1", fields=(f"In-Reply-To: {SENT}",), returned="")
    references = report(
        "Action: failed\r\nStatus: 5.1.1",
        fields=(f"References: <older@help.example.com> {SENT}",),
        returned="",
    )
    assert read_mail(in_reply_to).delivery_report.original_message_ids == (SENT,)
    assert read_mail(references).delivery_report.original_message_ids == (SENT,)


def test_a_diagnostic_is_cut_to_a_bounded_length():
    mail = read_mail(report("Action: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; " + "x" * 5000))
    assert len(mail.delivery_report.diagnostic) == DIAGNOSTIC_MAX_LENGTH
