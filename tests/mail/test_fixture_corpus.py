"""The fixture corpus: mail as Gmail, Outlook, Apple Mail, Thunderbird and the MTAs write
it (tests/mail/fixtures), each read to the outcome written here by hand."""

from email.parser import BytesParser
from pathlib import Path

import pytest

from tests.mail.raw_messages import raw_message
from ticketsvc.mail.headers import POLICY
from ticketsvc.mail.reading import DeliveryReport, read_mail

FIXTURES = Path(__file__).parent / "fixtures"


def read_fixture(name: str):
    return read_mail((FIXTURES / name).read_bytes())


# Replies: who answered, and the words they added above (or between) the quoted mail.
REPLIES = {
    "gmail-reply-en.eml": {
        "subject": "Re: [#1041] Invoice PDF will not download",
        "requester_address": "ana.lopez@gmail.com",
        "requester_name": "Ana Lopez",
        "in_reply_to": ("<Zr8mN1pQ4wKd@help.example.com>",),
        "references": ("<3hXq0vT9bYc2@help.example.com>", "<Zr8mN1pQ4wKd@help.example.com>"),
        "new_text": "Thanks \u2013 clearing the cache did it, the invoice downloads now.\n\n"
        "One more question: can I get last year's invoices as one PDF?\n\nAna",
    },
    "gmail-reply-de.eml": {
        "subject": "Re: [#1042] Passwort-Zurücksetzung funktioniert nicht",
        "requester_address": "jonas.weber1987@googlemail.com",
        "requester_name": "Jonas Weber",
        "in_reply_to": ("<Vb71kLq0Tz9x@help.example.com>",),
        "new_text": "Hallo,\n\ndas Zurücksetzen klappt leider immer noch nicht. Der Link in der Mail"
        " führt zu\n\u201eSeite nicht gefunden\u201c.\n\nViele Grüße\nJonas Weber",
    },
    "gmail-reply-fr.eml": {
        "subject": "Re: [#1043] Impossible d'exporter mes données",
        "requester_address": "claire.martin.pro@gmail.com",
        "requester_name": "Claire Martin",
        "in_reply_to": ("<Qm4sP8cX2hJ0@help.example.com>",),
        "new_text": "Bonjour,\n\nL'export fonctionne à nouveau, merci\u00a0! Vous pouvez fermer le ticket."
        "\n\nClaire",
    },
    "gmail-reply-es.eml": {
        "subject": "Re: [#1044] No puedo iniciar sesión",
        "requester_address": "lucia.fdez@gmail.com",
        "requester_name": "Lucía Fernández",
        "in_reply_to": ("<Hk2dW6nB8sQe@help.example.com>",),
        "new_text": "Hola:\n\nYa puedo entrar, gracias. El problema era el bloqueador de cookies.\n\n"
        "Saludos,\nLucía",
    },
    "outlook-reply-en.eml": {
        "subject": "RE: [#1045] Invoice PDF will not download",
        "requester_address": "tom.baker@contoso.com",
        "requester_name": "Tom Baker",
        "message_id": "<AM9PR02MB7140A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E"
        "@AM9PR02MB7140.eurprd02.prod.outlook.com>",
        "in_reply_to": ("<Tq5nC1xV7mWa@help.example.com>",),
        "attachments": ("image001.png", "download-error.png"),
        "new_text": "Hi Maria,\n\nThat didn\u2019t work either. I\u2019ve attached a screenshot of the error."
        "\n\nBest regards,\nTom Baker\nAccounts Payable | Contoso Ltd.\n\n"
        "[2 attachments not kept: image001.png, download-error.png]",
    },
    "outlook-reply-de.eml": {
        "subject": "AW: [#1042] Passwort-Zurücksetzung funktioniert nicht",
        "requester_address": "j.weber@weber-bau.de",
        "requester_name": "Weber, Jonas",
        "message_id": "<000001db4819$2f8e4c10$8eaae430$@weber-bau.de>",
        "new_text": "Hallo Frau Keller,\n\nder neue Link hat funktioniert, ich konnte mein Passwort ändern."
        " Vielen Dank!\n\nMit freundlichen Grüßen\nJonas Weber",
    },
    "outlook-reply-fr.eml": {
        "subject": "RE : [#1043] Impossible d'exporter mes données",
        "requester_address": "claire.martin@exemple.fr",
        "requester_name": "Claire Martin",
        "new_text": "Bonjour,\n\nLe fichier exporté est vide (0 octet). J'ai réessayé avec Firefox"
        " et Edge.\n\nCordialement,\nClaire Martin",
    },
    "outlook-reply-es.eml": {
        "subject": "RE: No puedo iniciar sesión",
        "requester_address": "lfernandez@compras-iberia.es",
        "requester_name": "Lucía Fernández",
        "in_reply_to": ("<MK4t5Lr2wQ9p@help.example.com>",),
        "attachments": ("registro navegador.txt",),
        "new_text": "Buenos días:\n\nLes adjunto el registro del navegador. El error aparece siempre al"
        " pulsar «Entrar».\n\nUn saludo,\nLucía Fernández\nDepartamento de Compras\n\n"
        "[1 attachment not kept: registro navegador.txt]",
    },
    "apple-mail-reply-en.eml": {
        "subject": "Re: [#1046] Data export fails",
        "requester_address": "ben.carter@icloud.com",
        "requester_name": "Ben Carter",
        "message_id": "<5F2C8E1A-3B7D-4C9E-A6F0-1D2E3F4A5B6C@icloud.com>",
        "new_text": "Morning Maria,\n\nStill no luck, I'm afraid. Same error with the new link:\n\n"
        "    Error 500 \u2013 export_failed (job 88412)\n\nCheers,\nBen",
    },
    "apple-mail-reply-de.eml": {
        "subject": "Re: [#1047] Keine Mail zum Zurücksetzen",
        "requester_address": "s.schulz@me.com",
        "requester_name": "Sabine Schulz",
        "new_text": "Hallo,\n\nleider kommt die Mail zum Zurücksetzen gar nicht an, auch nicht im"
        " Spam-Ordner.\n\nVon meinem iPhone gesendet",
    },
    "apple-mail-reply-fr.eml": {
        "subject": "Re: [#1048] Export incomplet",
        "requester_address": "elodie.garnier@orange.fr",
        "requester_name": "Élodie Garnier",
        "new_text": "Bonjour Maria,\n\nC'est parfait, j'ai bien reçu l'export complet. Merci pour votre"
        " aide.\n\nBien à vous,\nÉlodie Garnier",
    },
    "apple-mail-reply-es.eml": {
        "subject": "Re: [#1049] No puedo iniciar sesión",
        "requester_address": "pablo.garcia@icloud.com",
        "requester_name": "Pablo García",
        "new_text": "Sigue sin funcionar. Me sale «Usuario bloqueado».\n\nEnviado desde mi iPhone",
    },
    # Inline answers stay with the questions they answer; the unanswered quote at the end
    # goes, the signature below it stays.
    "thunderbird-inline-reply-en.eml": {
        "subject": "Re: Desktop app crashes on upload",
        "requester_address": "olivia@brandt-design.co.uk",
        "requester_name": "Olivia Brandt",
        "new_text": "Hi Maria,\n\nanswers inline.\n\nOn 12/7/26 10:30 AM, Maria Keller wrote:\n"
        "> Which version of the desktop app are you on?\n\n3.8.1, installed last week.\n\n"
        "> Does the crash happen with every file or only large ones?\n\n"
        "Only with files over 2 GB, as far as I can tell.\n\n--\nOlivia Brandt",
    },
}


@pytest.mark.parametrize("fixture", REPLIES)
def test_a_reply_keeps_only_what_the_person_wrote_above_the_quoted_mail(fixture):
    mail = read_fixture(fixture)
    expected = {"attachments": (), **REPLIES[fixture]}
    assert {field: getattr(mail, field) for field in expected} == expected
    assert (mail.automatic, mail.delivery_report) == (False, None)


# The same replies as HTML alone (some clients send no plain text): quoted mail sits in a
# <blockquote> or under Outlook's header block, and is cut the same way.
HTML_REPLIES = {
    "gmail-reply-en.eml": "Thanks \u2013 clearing the cache did it, the invoice downloads now.\n\n"
    "One more question: can I get last year's invoices as one PDF?\n\nAna",
    "gmail-reply-de.eml": "Hallo,\n\ndas Zurücksetzen klappt leider immer noch nicht. Der Link in der Mail"
    " führt zu \u201eSeite nicht gefunden\u201c.\n\nViele Grüße\nJonas Weber",
    # Outlook writes each line as a paragraph
    "outlook-reply-en.eml": "Hi Maria,\n\nThat didn\u2019t work either. I\u2019ve attached a screenshot of"
    " the error.\n\nBest regards,\n\nTom Baker",
    "outlook-reply-fr.eml": "Bonjour,\n\nLe fichier exporté est vide (0 octet). J'ai réessayé avec Firefox et"
    " Edge.",
    "apple-mail-reply-fr.eml": "Bonjour Maria,\n\nC'est parfait, j'ai bien reçu l'export complet. Merci pour"
    " votre aide.\n\nBien à vous,\nÉlodie Garnier",
}


@pytest.mark.parametrize("fixture", HTML_REPLIES)
def test_a_reply_sent_as_html_alone_is_cut_like_its_plain_text(fixture):
    message = BytesParser(policy=POLICY).parsebytes((FIXTURES / fixture).read_bytes())
    html = next(part for part in message.walk() if part.get_content_type() == "text/html")
    charset = html.get_content_charset()
    mail = read_mail(
        raw_message(content_type=f"text/html; charset={charset}", body=html.get_payload(decode=True))
    )
    assert mail.new_text == HTML_REPLIES[fixture]


# The whole readable text a new ticket keeps, across charsets, HTML and MIME structures.
NEW_MESSAGES = {
    "charset-iso-8859-1.eml": {
        "subject": "Bestellung 4711 hängt seit Freitag",
        "requester_name": "Jürgen Möller",
        "text": 'Guten Tag,\n\nmeine Bestellung 4711 hängt seit Freitag im Status "In Bearbeitung" fest.\n'
        "Können Sie bitte nachsehen? Die Zahlung (49,90 EUR) wurde bereits abgebucht.\n\n"
        "Mit freundlichen Grüßen\nJürgen Möller",
    },
    "charset-windows-1252.eml": {
        "subject": "\u201cExport to Excel\u201d gives an empty file",
        "requester_name": "François Müller",
        "text": "Hello,\n\nthe \u201cExport to Excel\u201d button gives me a file of 0 bytes \u2013 I need"
        " the report for Friday\u2019s board meeting.\n\nThe invoice total should read €1,250.00.\n\n"
        "Thanks,\nFrançois",
    },
    "charset-shift-jis.eml": {
        "subject": "請求書がダウンロードできません",
        "requester_name": "山田花子",
        "text": "サポートご担当者様\n\n"
        "請求書のPDFがダウンロードできません\u3002\n"
        "手順①でエラーになります\u3002\n\n山田花子",
    },
    "charset-iso-2022-jp.eml": {
        "subject": "パスワードを再設定できません",
        "requester_name": "佐藤太郎",
        "text": "サポートご担当者様\n\n"
        "パスワードを再設定できません\u3002\n"
        "よろしくお願いします\u3002\n\n佐藤太郎",
    },
    "charset-8bit-headers.eml": {
        "subject": "Rückerstattung für Bestellung 4712 \u2013 wann?",
        "requester_address": "zoe@angstrom.example",
        "requester_name": "Zoë Ångström",
        "text": "Hallo, wann bekomme ich die Rückerstattung für Bestellung 4712?\nGrüße, Zoë",
    },
    # Declared UTF-8, written in ISO-8859-1; the subject is raw ISO-8859-1 too.
    "charset-mislabelled.eml": {
        "subject": "Ça ne marche toujours pas",
        "requester_name": "René Dupont",
        "text": "Bonjour, la page « Mes réservations » reste vide depuis ce matin.\nRené",
    },
    "charset-unknown-name.eml": {
        "subject": "Laskun päivämäärä on väärä",
        "text": "Hei, laskun päivämäärä on väärä (lasku 2026-118).\nMikko",
    },
    "broken-base64.eml": {
        "subject": "Konto gesperrt",
        "text": "Hallo Support,\nmein Konto ist seit heute gesperrt.\nBitte entsperren.",
    },
    # An invalid escape stays as written; a cut UTF-8 sequence becomes U+FFFD.
    "broken-quoted-printable.eml": {
        "subject": "Preisfehler im Warenkorb",
        "text": "Der Warenkorb zeigt 10=ZZ Rabatt statt 10 %. Außerdem ist der Gesamtpreis falsch:"
        " 99,\ufffd EUR.\nKarl",
    },
    # Without its boundary a multipart cannot be split: its raw text is kept.
    "missing-boundary.eml": {
        "subject": "Printer offline",
        "text": '--frontier\nContent-Type: text/plain; charset=us-ascii\n\nThe office printer shows "offline"'
        " since this morning.\n\n--frontier--",
    },
    "truncated.eml": {
        "subject": "Logs of the sync failure",
        "attachments": ("sync-logs.zip",),
        "text": "The sync stops at 43 %. Logs attached.\n\n[1 attachment not kept: sync-logs.zip]",
    },
    # HTML only: no markup, style, script or hidden text; the requester is Reply-To's.
    "html-only.eml": {
        "subject": "Contact form: order #4713 damaged",
        "from_address": "noreply@shop.example",
        "requester_address": "helene.dubois@example.fr",
        "requester_name": "Hélène Dubois",
        "text": "Contact form message\n\nHello,\nmy order #4713 arrived damaged & incomplete:\n\n"
        "  * the lamp shade is cracked\n  * the bulbs are missing\n\n"
        "Could you send a replacement? I'm at home every afternoon.\n\nBest regards,\nHélène Dubois",
    },
    # Signed mail whose plain alternative is read; the HTML's inline picture, an RFC 2231
    # name, an unnamed part and a Windows path are listed, the signature is not.
    "nested-attachments.eml": {
        "subject": "Wrong totals on the dashboard",
        "attachments": (
            "dashboard.png",
            "Rechnung März 2026.pdf",
            "attachment-3.bin",
            "totals export.csv",
        ),
        "text": "Hi,\n\nthe dashboard shows the wrong totals since the update, see the screenshot.\n\n"
        "The invoice and the export are attached.\n\nSam\n\n[4 attachments not kept: dashboard.png,"
        " Rechnung März 2026.pdf, attachment-3.bin, totals export.csv]",
    },
    "forwarded-message.eml": {
        "subject": "Fwd: Payment failed",
        "attachments": ("payment.log",),
        "text": "Hi, our accountant got this when paying invoice 2026-204. Can you check?\n\nPriya\n\n"
        "---------- Forwarded message ----------\nFrom: Ravi Menon <ravi.menon@example.in>\n"
        "Date: Fri, 4 Dec 2026 16:02:10 +0530\nSubject: Payment failed\n"
        "To: Priya Nair <priya.nair@example.in>\n\n"
        'The card payment for invoice 2026-204 failed with "Error 402: declined by issuer".\n'
        "The bank says the card is fine.\n\nRavi\n\n[1 attachment not kept: payment.log]",
    },
    "empty.eml": {
        "subject": "(no subject)",
        "requester_address": "someone@example.net",
        "requester_name": None,
        "text": "(no text)",
        "new_text": "",
    },
}


@pytest.mark.parametrize("fixture", NEW_MESSAGES)
def test_a_new_message_keeps_its_whole_text_decoded(fixture):
    mail = read_fixture(fixture)
    expected = {"attachments": (), **NEW_MESSAGES[fixture]}
    assert {field: getattr(mail, field) for field in expected} == expected
    assert (mail.automatic, mail.delivery_report) == (False, None)


def test_a_forward_written_inline_is_content_not_a_quote():
    forwarded = (
        "Hello support,\n\nmy colleague can't log in either, see below.\n\n"
        "---------- Forwarded message ---------\nFrom: Lena Fischer <lena.fischer@example.at>\n"
        "Date: Mon, Dec 7, 2026 at 9:12\u202fAM\nSubject: Login\nTo: Ana Lopez <ana.lopez@gmail.com>\n\n"
        'Hi Ana,\n\nthe login page says "account locked" for me too.\n\nLena'
    )
    mail = read_fixture("gmail-forward-inline.eml")
    assert (mail.subject, mail.text, mail.new_text) == ("Fwd: Login", forwarded, forwarded)


OUT_OF_OFFICE = {
    # Exchange: Auto-Submitted: auto-generated and X-Auto-Response-Suppress: All
    "out-of-office-outlook.eml": {
        "subject": "Automatic reply: [#1045] Invoice PDF will not download",
        "in_reply_to": ("<Tq5nC1xV7mWa@help.example.com>",),
        "text": "Thank you for your message. I am out of the office until Monday, 14 December, with no"
        " access to email.\n\nFor urgent matters please contact accounts@contoso.com.\n\nTom Baker",
    },
    # Gmail's vacation responder: Auto-Submitted: auto-replied
    "out-of-office-gmail.eml": {
        "subject": "Out of office until 4 January Re: [#1041] Invoice PDF will not download",
        "in_reply_to": ("<Zr8mN1pQ4wKd@help.example.com>",),
        "text": "I'm travelling until 4 January and will answer when I'm back.\n\nAna",
    },
}


@pytest.mark.parametrize("fixture", OUT_OF_OFFICE)
def test_an_out_of_office_reply_is_automatic_and_keeps_its_text(fixture):
    mail = read_fixture(fixture)
    expected = {"automatic": True, "delivery_report": None, **OUT_OF_OFFICE[fixture]}
    assert {field: getattr(mail, field) for field in expected} == expected


BOUNCES = {
    "bounce-postfix.eml": DeliveryReport(
        original_message_ids=("<Wq2eR7tY1uIo3pAs@help.example.com>",),
        permanent=True,
        status="5.1.1",
        diagnostic="smtp; 550 5.1.1 <ana@example.com>: Recipient address rejected: User unknown in virtual"
        " mailbox table",
        recipients=("ana@example.com",),
    ),
    # Delayed, not failed; the report returns the headers only.
    "bounce-postfix-delayed.eml": DeliveryReport(
        original_message_ids=("<Dl4yT8uI3oPa6sDf@help.example.com>",),
        permanent=False,
        status="4.4.1",
        diagnostic="X-Postfix; connect to mx.contoso-mail.example[192.0.2.44]:25: Connection timed out",
        recipients=("tom@contoso-mail.example",),
    ),
    "bounce-exim.eml": DeliveryReport(
        original_message_ids=("<Ex1mB0unc3Wq2eR7@help.example.com>",),
        permanent=True,
        status="5.0.0",
        diagnostic="X-Exim; mailbox is full: retry timeout exceeded",
        recipients=("jonas@weber-bau.example",),
    ),
    # Older Exim: plain text, the SMTP error under the address, a copy of the message below.
    "bounce-exim-plain.eml": DeliveryReport(
        original_message_ids=("<0ldEx1mQw3rTy7Ui@help.example.com>",),
        permanent=True,
        status="5.1.1",
        diagnostic="SMTP error from remote mail server after RCPT TO:<c.martin@exemple-ancien.fr>: host"
        " mx.exemple-ancien.fr [192.0.2.80]: 550 5.1.1 <c.martin@exemple-ancien.fr>: Recipient address"
        " rejected: User unknown in local recipient table",
        recipients=("c.martin@exemple-ancien.fr",),
    ),
    "bounce-exchange.eml": DeliveryReport(
        original_message_ids=("<Ex0ch4ngeNdrAa1b2C@help.example.com>",),
        permanent=True,
        status="5.1.10",
        diagnostic="smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient lucia@compras-iberia.example"
        " not found by SMTP address lookup",
        recipients=("lucia@compras-iberia.example",),
    ),
    "bounce-gmail.eml": DeliveryReport(
        original_message_ids=("<Gm4ilB0unceXy12Zw@help.example.com>",),
        permanent=True,
        status="5.1.1",
        diagnostic="smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try"
        " 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces."
        " For more information, go to 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser"
        " a1b2c3d4e5f6g7h8.12 - gsmtp",
        recipients=("olivia.b@gmail.com",),
    ),
}
BOUNCE_SENDERS = {
    "bounce-postfix.eml": ("MAILER-DAEMON@mail.example.org", True),
    "bounce-postfix-delayed.eml": ("MAILER-DAEMON@mail.example.org", True),
    "bounce-exim.eml": ("Mailer-Daemon@mx.weber-bau.example", True),
    "bounce-exim-plain.eml": ("Mailer-Daemon@smtp.exemple-ancien.fr", False),
    "bounce-exchange.eml": ("postmaster@compras-iberia.example", True),
    "bounce-gmail.eml": ("mailer-daemon@googlemail.com", True),
}


@pytest.mark.parametrize("fixture", BOUNCES)
def test_a_bounce_names_the_message_that_failed_and_why(fixture):
    mail = read_fixture(fixture)
    assert mail.delivery_report == BOUNCES[fixture]
    assert (mail.from_address, mail.automatic) == BOUNCE_SENDERS[fixture]


def test_every_fixture_has_its_expected_outcome_written_here():
    tables = [REPLIES, NEW_MESSAGES, OUT_OF_OFFICE, BOUNCES, {"gmail-forward-inline.eml": None}]
    assert sorted(name for table in tables for name in table) == sorted(
        path.name for path in FIXTURES.glob("*.eml")
    )
