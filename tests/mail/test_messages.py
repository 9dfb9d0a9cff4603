"""The words of each kind of mail, exactly as a customer or an agent reads them."""

import pytest

from ticketsvc.mail import messages
from ticketsvc.mail.messages import TicketLine
from ticketsvc.mail.reply_marker import REPLY_MARKER

PUBLIC_URL = "https://help.example.com/"
FOLLOW_LINK = "https://help.example.com/follow/42#k3y_-for-ticket-42"
TICKET = {"ticket_id": 42, "title": "Charged twice for November"}
FOR_THE_CUSTOMER = {**TICKET, "public_url": PUBLIC_URL, "access_key": "k3y_-for-ticket-42"}


def test_the_acknowledgement_gives_the_number_the_title_and_the_follow_link():
    words = messages.acknowledgement(**FOR_THE_CUSTOMER, customer_name="Ana Lopez")
    assert words.subject == "[#42] Charged twice for November"
    assert words.text == (
        f"{REPLY_MARKER}\n"
        "\n"
        "Hello Ana Lopez,\n"
        "\n"
        'Thank you for writing to us. Your request is ticket #42, "Charged twice for November".\n'
        "\n"
        "Someone from our team will answer you by email. If you have anything to add,\n"
        "just reply to this email.\n"
        "\n"
        "You can also follow your ticket here:\n"
        f"{FOLLOW_LINK}\n"
        "\n"
        "The support team\n"
    )


def test_an_agents_reply_is_their_words_signed_with_their_name_then_the_follow_link():
    body = "\nHi Ana,\n\nI have refunded the second charge.\n\n"
    words = messages.agent_reply(**FOR_THE_CUSTOMER, body=body, agent_name="Dana Smith")
    assert words.subject == "Re: [#42] Charged twice for November"
    assert words.text == (
        f"{REPLY_MARKER}\n"
        "\n"
        "Hi Ana,\n"
        "\n"
        "I have refunded the second charge.\n"
        "\n"
        "Dana Smith\n"
        "\n"
        "Ticket #42: reply to this email to answer, or follow the ticket here:\n"
        f"{FOLLOW_LINK}\n"
    )


def test_the_resolved_mail_says_a_reply_or_the_link_reopens_the_ticket():
    words = messages.resolved(**FOR_THE_CUSTOMER, customer_name=None)
    assert words.subject == "[#42] Charged twice for November"
    assert words.text == (
        f"{REPLY_MARKER}\n"
        "\n"
        "Hello there,\n"
        "\n"
        'We have marked your ticket #42, "Charged twice for November", as resolved.\n'
        "\n"
        "If anything is still not right, reply to this email (or open the link\n"
        "below) and the ticket will be reopened:\n"
        f"{FOLLOW_LINK}\n"
        "\n"
        "The support team\n"
    )


def test_an_assigned_agent_learns_the_ticket_its_priority_who_assigned_it_and_its_page():
    words = messages.assigned(
        **TICKET, priority="high", agent_name="Dana Smith", assigned_by="Sam Lee", public_url=PUBLIC_URL
    )
    assert words.subject == "[#42] Charged twice for November"
    assert words.text == (
        f"{REPLY_MARKER}\n"
        "\n"
        "Hello Dana Smith,\n"
        "\n"
        "Sam Lee assigned ticket #42 to you.\n"
        "\n"
        "Title: Charged twice for November\n"
        "Priority: high\n"
        "\n"
        "Open the ticket:\n"
        "https://help.example.com/tickets/42\n"
        "\n"
        "A reply to this email is added to the ticket as an internal note:\n"
        "the customer does not see it.\n"
    )


def test_the_assignee_gets_the_customers_words_and_the_tickets_page():
    words = messages.customer_replied(
        **TICKET, customer_name="Ana Lopez", body="Thanks, the refund arrived.\n", public_url=PUBLIC_URL
    )
    assert words.subject == "Re: [#42] Charged twice for November"
    assert words.text == (
        f"{REPLY_MARKER}\n"
        "\n"
        'Ana Lopez replied on ticket #42, "Charged twice for November":\n'
        "\n"
        "Thanks, the refund arrived.\n"
        "\n"
        "To answer the customer, open the ticket:\n"
        "https://help.example.com/tickets/42\n"
        "\n"
        "A reply to this email is added to the ticket as an internal note:\n"
        "the customer does not see it.\n"
    )


def test_a_customer_without_a_name_is_the_customer():
    words = messages.customer_replied(**TICKET, customer_name="  ", body="Any news?", public_url=PUBLIC_URL)
    assert words.text.splitlines()[2] == 'The customer replied on ticket #42, "Charged twice for November":'


def test_a_bulk_summary_lists_the_tickets_by_number_and_title_with_a_link_to_the_queue():
    tickets = [TicketLine(9, "Cannot sign in"), TicketLine(1200, "Refund for order 5531")]
    words = messages.bulk_summary(
        agent_name="Dana", assigned_by="Sam Lee", tickets=tickets, public_url=PUBLIC_URL
    )
    assert words.subject == "Sam Lee assigned 2 tickets to you"
    assert words.text == (
        f"{REPLY_MARKER}\n"
        "\n"
        "Hello Dana,\n"
        "\n"
        "Sam Lee assigned 2 tickets to you:\n"
        "\n"
        "#9     Cannot sign in\n"
        "#1200  Refund for order 5531\n"
        "\n"
        "Your open tickets:\n"
        "https://help.example.com/?assignee=me&status=open&status=in_progress\n"
    )


def test_a_bulk_summary_of_one_ticket_says_ticket():
    words = messages.bulk_summary(
        agent_name="Dana", assigned_by="Sam", tickets=[TicketLine(7, "Printer")], public_url=PUBLIC_URL
    )
    assert words.subject == "Sam assigned 1 ticket to you"


def test_a_bulk_summary_lists_fifty_tickets_then_counts_the_rest():
    tickets = [TicketLine(number, f"Ticket number {number}") for number in range(1000, 1073)]
    words = messages.bulk_summary(
        agent_name="Dana", assigned_by="Sam", tickets=tickets, public_url=PUBLIC_URL
    )
    listed = [line for line in words.text.splitlines() if line.startswith("#1")]
    assert listed[0] == "#1000  Ticket number 1000"
    assert listed[-1] == "#1049  Ticket number 1049"
    assert len(listed) == messages.BULK_SUMMARY_LISTED == 50
    assert "and 23 more.\n\nYour open tickets:" in words.text
    assert words.subject == "Sam assigned 73 tickets to you"


def test_a_bulk_summary_of_a_job_counts_what_it_assigned_beyond_the_tickets_it_kept():
    tickets = [TicketLine(number, f"Ticket number {number}") for number in range(1, 4)]
    words = messages.bulk_summary(
        agent_name="Dana", assigned_by="Sam", tickets=tickets, public_url=PUBLIC_URL, count=120
    )
    assert words.subject == "Sam assigned 120 tickets to you"
    assert "#3  Ticket number 3\nand 117 more.\n" in words.text


def test_the_password_reset_link_holds_the_token_is_valid_an_hour_and_is_not_answerable():
    words = messages.password_reset(user_name="Dana", public_url="https://help.example.com", token="t0ken")
    assert words.subject == "Reset your password"
    assert words.text == (
        "Hello Dana,\n"
        "\n"
        "Someone asked to reset the password of your account. To choose a new\n"
        "password, open this link within the next hour:\n"
        "https://help.example.com/reset#t0ken\n"
        "\n"
        "If it was not you, ignore this email: your password stays as it is.\n"
        "\n"
        "The support team\n"
    )
    assert REPLY_MARKER not in words.text


@pytest.mark.parametrize("title", ["Two\r\nlines", "Two\nlines", "Two\u2028lines", "Two\x0blines"])
def test_a_title_with_a_line_break_stays_on_its_line_in_subject_and_text(title):
    words = messages.resolved(**{**FOR_THE_CUSTOMER, "title": title}, customer_name="Ana")
    assert "\n" not in words.subject and "\u2028" not in words.subject
    assert 'your ticket #42, "Two' in words.text
    assert words.text.splitlines()[4].endswith('lines", as resolved.')


def test_every_customer_mail_names_the_ticket_and_carries_the_follow_link():
    customer_mails = [
        messages.acknowledgement(**FOR_THE_CUSTOMER, customer_name="Ana"),
        messages.agent_reply(**FOR_THE_CUSTOMER, body="Done.", agent_name="Dana"),
        messages.resolved(**FOR_THE_CUSTOMER, customer_name="Ana"),
    ]
    for words in customer_mails:
        assert "[#42]" in words.subject and "#42" in words.text
        assert FOLLOW_LINK in words.text.splitlines()
        assert words.text.startswith(f"{REPLY_MARKER}\n\n")
