"""Cutting quoted earlier mail from a reply's text (the fixture corpus shows whole
messages; these are the rules one at a time)."""

import pytest

from ticketsvc.mail.quotes import new_text
from ticketsvc.mail.reply_marker import REPLY_MARKER

MARKER = REPLY_MARKER


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # ticketsvc's marker, as sent or quoted, cuts everything from its line down
        (f"Yes, thanks.\n\n{MARKER}\n\nHello Ana,", "Yes, thanks."),
        (f"Yes, thanks.\n\n>> {MARKER}\n>> Hello Ana,\nanything typed below it", "Yes, thanks."),
        # attributions, on one line or wrapped onto a second as Gmail does
        ("Done.\n\nOn Mon, Dec 7, 2026 at 10:04 AM Support <s@example.com> wrote:\n> Hello", "Done."),
        ("Done.\n\nOn Mon, Dec 7, 2026 at 10:04 AM Support <\ns@example.com> wrote:\n\n> Hello", "Done."),
        ("Erledigt.\n\nAm 07.12.2026 um 10:15 schrieb Support <s@example.com>:\n> Hallo", "Erledigt."),
        ("Fait.\n\nLe 7 déc. 2026 à 10:20, Support <s@example.com>\na écrit :\n> Bonjour", "Fait."),
        ("Hecho.\n\nEl 7 dic 2026, a las 10:25, Support <s@example.com> escribió:\n> Hola", "Hecho."),
        # an attribution over text not marked as quoted (HTML mail without <blockquote>)
        ("Done.\n\nOn 7 Dec 2026, at 10:04, Support wrote:\nHello Ana,\nthe old text", "Done."),
        # Outlook's separators and header blocks, in the four languages
        ("Ok.\n\n-----Original Message-----\nFrom: Support\nthe old text", "Ok."),
        ("Ok.\n\n________________________________\nthe old text", "Ok."),
        ("Ok.\n\nFrom: Support <s@example.com>\nSent: Monday\nTo: Ana\nSubject: Hi\n\nthe old text", "Ok."),
        ("Ok.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nGesendet: Montag\nthe old text", "Ok."),
        ("Ok.\n\nVon: Support\nGesendet: Montag\nAn: Jonas\nBetreff: Hallo\n\nthe old text", "Ok."),
        ("Ok.\n\n-----Message d'origine-----\nthe old text", "Ok."),
        ("Ok.\n\nDe : Support\nEnvoyé : lundi\nÀ : Claire\nObjet : Bonjour\n\nthe old text", "Ok."),
        ("Ok.\n\n-----Mensaje original-----\nthe old text", "Ok."),
        ("Ok.\n\nDe: Support\nEnviado el: lunes\nPara: Lucía\nAsunto: Hola\n\nthe old text", "Ok."),
        # trailing quoted blocks without an attribution
        ("Sure.\n\n> the question\n>\n> the old text\n", "Sure."),
        # nothing but quote
        (f"> {MARKER}\n> Hello", ""),
        ("On Mon, Dec 7, 2026 at 10:04 AM Support wrote:\n> Hello", ""),
    ],
)
def test_quoted_earlier_mail_is_cut(text, kept):
    assert new_text(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        # an attribution needs a date: this is the person's own account
        "On Monday the printer wrote:\nERROR 42 paper jam\nand stopped.",
        # one header-like line is not Outlook's block
        "From: my manager\nTo be honest, the export is urgent.",
        "Our setup:\n\nFrom: the web shop\nthrough: the payment provider",
        # a line of a few underscores is not Outlook's rule
        "Name: ____________\nPlease fill in the form.",
        # a bottom-posted answer stays, with the quote it answers
        "On Mon, Dec 7, 2026 at 10:04 AM Support wrote:\n> Which version?\n\nVersion 3.2.",
        # inline answers stay, with the quotes they answer
        "On 12/7/26 10:30 AM, Maria wrote:\n> Which version?\n3.2\n> Since when?\nMonday.",
        # a forward is content, not a quote, even in Outlook's header form
        "See below.\n\nBegin forwarded message:\n\nFrom: Bob\nDate: 7 December 2026\nSubject: Error\n\n"
        "It broke.",
        "See below.\n\n-------- Forwarded Message --------\nSubject: Error\nDate: Mon, 7 Dec 2026\n"
        "From: Bob\nTo: Ana\n\nOn Sun, Dec 6, 2026 at 9:00 AM Ana wrote:\nThe old thread",
    ],
)
def test_what_the_person_wrote_is_never_cut(text):
    assert new_text(text) == text


def test_a_signature_below_the_quote_stays_while_the_quote_above_it_goes():
    text = "Version 3.2.\n\nOn 12/7/26 10:30 AM, Maria wrote:\n> Which version?\n> Thanks\n\n-- \nOlivia"
    assert new_text(text) == "Version 3.2.\n\n-- \nOlivia"


def test_the_reply_marker_cuts_even_below_a_forward():
    text = f"FYI\n\n---------- Forwarded message ---------\nFrom: Bob\n\nIt broke.\n\n> {MARKER}\n> Hello"
    assert new_text(text) == "FYI\n\n---------- Forwarded message ---------\nFrom: Bob\n\nIt broke."
