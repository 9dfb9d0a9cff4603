"""Finding cue phrases in ticket text: tokens, phrase syntax, typo tolerance."""

from ticketsvc.classifier.fallback.text import CueIndex, sentences_of, tokens_of


def test_tokens_are_case_folded_and_accent_free():
    assert tokens_of("Rückerstattung CONTRASEÑA Größe") == ["ruckerstattung", "contrasena", "grosse"]


def test_english_contractions_stay_one_word_other_apostrophes_split():
    assert tokens_of("I can't log in, l'accès") == ["i", "cant", "log", "in", "l", "acces"]


def test_e_mail_is_one_word():
    assert tokens_of("E-Mail e-mail email") == ["email", "email", "email"]


def test_sentences_end_at_punctuation_newlines_and_tags():
    assert sentences_of("One. Two?\nThree <b> four") == ["One.", "Two?", "Three", "four"]


def test_phrase_syntax_exact_prefix_gap_and_number():
    index = CueIndex(
        {
            "exact": ["invoice"],
            "prefix": ["refund*"],
            "gap": ["charged ~ twice"],
            "number": ["by # pm"],
        }
    )

    found = index.groups_in("Refunded? You charged me for it twice, fix by 5 pm. Invoices.")

    assert found == {"prefix": 1, "gap": 1, "number": 1}


def test_gap_spans_at_most_three_words():
    index = CueIndex({"gap": ["charged ~ twice"]})
    assert index.groups_in("charged a b c twice")["gap"] == 1
    assert index.groups_in("charged a b c d twice")["gap"] == 0


def test_one_inner_letter_typo_finds_the_cue():
    index = CueIndex({"account": ["password", "account"]})
    assert index.groups_in("pasword acount paswsord")["account"] == 3


def test_first_and_last_letters_and_substitutions_are_not_corrected():
    index = CueIndex({"billing": ["charge", "losing"]})
    # "change" is a substitution, "closing" adds a first letter.
    assert index.groups_in("change closing")["billing"] == 0


def test_listed_real_words_are_never_corrected():
    index = CueIndex({"cosmetic": ["spelling"]}, never_corrected=["selling"])
    assert index.groups_in("selling")["cosmetic"] == 0


def test_a_group_counts_once_per_position():
    index = CueIndex({"billing": ["charge*", "charged twice"]})
    assert index.groups_in("charged twice")["billing"] == 1


def test_read_leaves_hidden_groups_words_out_of_the_tokens_but_counts_them():
    index = CueIndex({"signal": ["since ~ morning"], "fault": ["fails"]})

    tokens, found = index.read("Export fails since this morning", hidden_groups=frozenset({"signal"}))

    assert tokens == ["export", "fails"]
    assert found == {"signal": 1, "fault": 1}


def test_read_corrects_typos_in_the_tokens_it_returns():
    index = CueIndex({"account": ["password"]})
    assert index.read("my pasword")[0] == ["my", "password"]
