import pytest

from ticketsvc.mail.cleaning import clean_text, one_line


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"),
        ("a\tb", "a\tb"),
        ("NUL\x00 ESC\x1b[31m red\x1b[0m DEL\x7f C1\x85\x9b", "NUL ESC[31m red[0m DEL C1"),
        ("\ufeffbyte order mark", "byte order mark"),
        ("lone \ud800surrogate", "lone surrogate"),
        ("page\fbreak\vline", "page\nbreak\nline"),
        ("trailing   \nspace\t\n", "trailing\nspace"),
        ("one\n\n\n\n\ntwo", "one\n\ntwo"),
        ("\n\n  indented first line\n\n", "indented first line"),
    ],
)
def test_clean_text_has_lf_line_ends_and_no_control_characters(text, cleaned):
    assert clean_text(text) == cleaned


def test_one_line_collapses_white_space_and_drops_control_characters():
    assert one_line(" Re:\r\n\t[#42]\x00  printer \u00a0 on\x1bfire ") == "Re: [#42] printer onfire"
