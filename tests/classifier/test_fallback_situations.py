"""The offline classifier reads what happened, not just which words occur.

Each test is a situation the rubric decides one way while its words point another:
money words in a product fault, sign-in words in a feature request, "can't" in a
cosmetic glitch.
"""

import pytest

from ticketsvc.classifier.fallback import classify
from ticketsvc.enums import Category, Priority


def suggested(title: str, description: str) -> tuple[Category, Priority]:
    suggestion = classify(title, description)
    return suggestion.category, suggestion.priority


# --- Category: what the ticket is about, not which words it uses ----------------------


@pytest.mark.parametrize(
    "ticket",
    [
        ("Page stays white", "After 'Confirm and pay' the page stays white. No money was taken."),
        ("Spinner", "The booking calendar keeps spinning and never shows the slots."),
        ("Reminders", "Our appointment reminders land in the patients' spam folder."),
        ("Report", "The revenue report and the CSV export don't add up, 14,320 vs 15,110."),
        ("Preferences", "I set the week to start on Monday, save, reload: it's back to Sunday."),
    ],
    ids=["stays white", "keeps spinning", "lands in spam", "numbers don't add up", "reverts"],
)
def test_a_fault_described_without_error_or_bug_is_technical(ticket):
    assert suggested(*ticket)[0] == Category.TECHNICAL


@pytest.mark.parametrize(
    "ticket",
    [
        ("Refund button does nothing", "In the admin, clicking Refund on an order does nothing."),
        ("Salary file rejected", "The SEPA file your payroll module generates fails validation."),
    ],
    ids=["button", "generated file"],
)
def test_a_product_fault_about_money_is_technical_when_no_money_was_wrongly_taken(ticket):
    assert suggested(*ticket)[0] == Category.TECHNICAL


def test_money_owed_after_a_fault_stays_billing():
    ticket = ("SLA credit", "Our server was down for 6 hours (an outage). Please apply the service credit.")
    assert suggested(*ticket)[0] == Category.BILLING


@pytest.mark.parametrize(
    "ticket",
    [
        ("Passkeys", "Feature request: please support passkeys for login. Passwords work fine."),
        ("PayPal payouts", "Feature request: it would be great to get payouts via PayPal."),
        ("500 seats", "We're evaluating you for 500 employees. Is there volume pricing?"),
    ],
    ids=["feature request about sign-in", "feature request about money", "sales enquiry"],
)
def test_requests_and_sales_enquiries_are_general_low(ticket):
    assert suggested(*ticket) == (Category.GENERAL, Priority.LOW)


def test_other_customers_data_in_view_is_critical_whatever_the_data():
    ticket = ("Invoices", "Under Billing > Invoices I see the invoices of a company called Brightwell.")
    assert suggested(*ticket)[1] == Priority.CRITICAL


def test_sign_in_that_works_does_not_make_it_an_account_ticket():
    ticket = ("Dashboard 403", "Login works, I can log in fine, but the dashboard shows 403 Forbidden.")
    assert suggested(*ticket)[0] == Category.TECHNICAL


def test_losing_money_is_impact_not_a_billing_subject():
    fault = "The booking widget shows every room as sold out. It's broken."
    without_impact = suggested("Booking widget", fault)
    category, priority = suggested("Booking widget", f"{fault} We are losing money.")
    assert category == without_impact[0] == Category.TECHNICAL
    assert priority.rank == without_impact[1].rank + 1


def test_saying_nothing_is_broken_keeps_a_how_to_general():
    ticket = ("URGENT question", "How do I export all projects to CSV? Nothing's broken. Urgent please.")
    assert suggested(*ticket) == (Category.GENERAL, Priority.MEDIUM)


# --- Priority: the situation, not the words -------------------------------------------


def test_a_cosmetic_glitch_you_cannot_read_blocks_nobody():
    ticket = ("Tooltip cut off", "The tooltip is cut off at the edge so you can't read the end.")
    assert suggested(*ticket) == (Category.TECHNICAL, Priority.LOW)


def test_sign_in_failing_with_another_way_in_is_no_lock_out():
    ticket = ("Sign in with Apple fails", "It fails, email + password works, so I'm using that for now.")
    assert suggested(*ticket) == (Category.ACCOUNT, Priority.MEDIUM)


def test_a_deadline_that_made_a_ticket_high_does_not_raise_it_again():
    ticket = ("Can't submit", "The submit button does nothing and the deadline is tonight.")
    assert suggested(*ticket)[1] == Priority.HIGH


def test_errors_on_some_calls_with_a_retry_that_works_are_no_outage():
    ticket = ("502s", "POST /shipments returns 502 Bad Gateway for 30% of calls, a retry works.")
    assert suggested(*ticket)[1] != Priority.CRITICAL


def test_a_curious_question_about_a_settled_decline_is_low():
    ticket = ("Visa declined?", "My Visa was declined, I paid with another card. Just curious why.")
    assert suggested(*ticket) == (Category.BILLING, Priority.LOW)


def test_praise_for_the_whole_team_is_not_a_blocked_team():
    assert suggested("Love the update", "Great work to the whole team!")[1] == Priority.LOW


@pytest.mark.parametrize(
    "ticket",
    [
        ("Charged 3 times", "You charged my card 3 times for one order."),
        ("Roaming", "My plan includes EU roaming, yet 23.60 was billed for Spain. Money already taken."),
        ("Still charged", "I downgraded in March but I'm still charged the premium rate."),
    ],
    ids=["several times", "money already taken", "still charged"],
)
def test_money_wrongly_taken_is_billing_high(ticket):
    assert suggested(*ticket) == (Category.BILLING, Priority.HIGH)


@pytest.mark.parametrize(
    "ticket",
    [
        ("Hijacked", "My account got hijacked and someone is trading my items right now."),
        ("All patients", "The import shifted allergies to the wrong people, our whole patient base."),
        ("Checkout", "Every single card payment at our checkout fails since 8:00."),
        ("Audit", "The tax office audits us today at 15:00 and needs corrected invoices."),
        ("Deleted", "I accidentally deleted our main project, two years of work."),
    ],
    ids=[
        "account hijacked",
        "data corrupted for all",
        "every payment failing",
        "compliance deadline within hours",
        "data deleted",
    ],
)
def test_critical_situations_in_other_words(ticket):
    assert suggested(*ticket)[1] == Priority.CRITICAL


def test_spanish_words_near_a_cue_word_are_not_corrected_into_it():
    # "hacer" is one letter from "hacker", "pedido" (order) from "perdido" (lost).
    ticket = ("La app se cierra", "Sin el mapa no puedo hacer mi trabajo. Pedido 4410.")
    assert suggested(*ticket)[1] != Priority.CRITICAL
