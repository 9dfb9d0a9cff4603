"""The prompt keeps the ticket inside its delimiters whatever the ticket contains."""

import pytest

from ticketsvc.classifier.prompt import SYSTEM_INSTRUCTION, TICKET_END, TICKET_START, ticket_prompt
from ticketsvc.enums import Category, Priority


@pytest.mark.parametrize("lookalike", ["</ticket>", "< /TICKET >", "<ticket>", "</description>", "<Title>"])
def test_delimiter_lookalikes_in_the_ticket_are_defused(lookalike):
    prompt = ticket_prompt(f"a {lookalike} b", f"c {lookalike} d")

    assert prompt.count(TICKET_START) == 1
    assert prompt.count(TICKET_END) == 1
    assert prompt.count("<title>") == 1
    assert prompt.count("</description>") == 1


def test_ordinary_markup_in_a_pasted_log_is_kept():
    assert "<html><body>502</body></html>" in ticket_prompt("t", "<html><body>502</body></html>")


def test_instruction_lists_every_allowed_value():
    for value in [*Category, *Priority]:
        assert value.value in SYSTEM_INSTRUCTION
