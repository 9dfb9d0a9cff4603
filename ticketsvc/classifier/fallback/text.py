"""Turning ticket text into tokens and finding cue phrases in them, typo-tolerant.

The offline classifier never looks at raw text: it reads a title or a description as
tokens and the cue groups they contain. A cue phrase is a few words separated by spaces,
where

    word     matches that token exactly      ("invoice")
    word*    matches tokens it begins        ("refund*" → refunds, refunded)
    ~        skips zero to three tokens      ("charged ~ twice" → "charged me twice")
    #        matches a number                ("by # pm")

Text is case-folded and stripped of accents first, so "Rückerstattung" is written
"ruckerstattung" and "contraseña" "contrasena". Phrases are indexed by their first word,
so finding every group in a ticket is one pass over its tokens, not one regex per phrase.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_GAP_WIDTH = 3
_PREFIX_KEY_LENGTH = 3
# Shorter words are too easily one typo away from another real word ("bill"/"fill").
_MIN_CORRECTED_LENGTH = 5
_TOKEN_CACHE_SIZE = 20_000

# English contractions keep their letters together ("can't" → "cant"); any other
# apostrophe separates words, as in French ("l'accès" → "l acces").
# (\u2019 is the typographic apostrophe phones and word processors type.)
_CONTRACTION = re.compile(r"(?<=[a-z])['\u2019`](?=(?:t|s|re|ve|ll|d|m)\b)")
# Digits and letters are separate words, so "5pm" reads as "5 pm" and "2fa" as "2 fa".
_TOKEN = re.compile(r"[a-z]+|[0-9]+")
# "e-mail" (de, fr, nl and some English) is one word, as "email" is.
_E_MAIL = re.compile(r"\be-mail")
_SENTENCE_END = re.compile(r"(?<=[.!?;\n])\s+|\s*</?\w+>\s*")


def tokens_of(text: str) -> list[str]:
    """The lower-case, accent-free word and number tokens of a text."""
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _TOKEN.findall(_E_MAIL.sub("email", _CONTRACTION.sub("", folded)))


def sentences_of(text: str) -> list[str]:
    """The text cut after sentence punctuation, line breaks and markup tags."""
    return [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]


@dataclass(frozen=True)
class _Word:
    text: str
    kind: str  # "exact", "prefix", "gap" or "number"

    def matches(self, token: str) -> bool:
        if self.kind == "exact":
            return token == self.text
        if self.kind == "prefix":
            return token.startswith(self.text)
        return token.isdigit()


@dataclass(frozen=True)
class _Phrase:
    group: str
    words: tuple[_Word, ...]

    def end_of_match(self, tokens: list[str], start: int, word_index: int = 0) -> int | None:
        """Where a match of the phrase's words from word_index on, at start, ends; or None."""
        if word_index == len(self.words):
            return start
        word = self.words[word_index]
        if word.kind == "gap":
            for skipped in range(_GAP_WIDTH + 1):
                end = self.end_of_match(tokens, start + skipped, word_index + 1)
                if end is not None:
                    return end
            return None
        if start < len(tokens) and word.matches(tokens[start]):
            return self.end_of_match(tokens, start + 1, word_index + 1)
        return None


def _parse_word(text: str) -> _Word:
    if text == "~":
        return _Word(text, "gap")
    if text == "#":
        return _Word(text, "number")
    if text.endswith("*"):
        return _Word(text[:-1], "prefix")
    return _Word(text, "exact")


def _parse_phrase(group: str, phrase: str) -> _Phrase:
    words = tuple(_parse_word(text) for text in phrase.split())
    first = words[0]
    if first.kind == "gap" or (first.kind == "prefix" and len(first.text) < _PREFIX_KEY_LENGTH):
        raise ValueError(f"cue phrase {phrase!r} cannot be indexed by its first word")
    return _Phrase(group, words)


class CueIndex:
    """Every cue phrase of every group, indexed for one pass over a ticket's tokens."""

    def __init__(
        self, phrases_by_group: Mapping[str, Iterable[str]], never_corrected: Iterable[str] = ()
    ) -> None:
        phrases = [_parse_phrase(group, text) for group, texts in phrases_by_group.items() for text in texts]
        self._by_exact_first: dict[str, list[_Phrase]] = {}
        self._by_prefix_key: dict[str, list[_Phrase]] = {}
        self._starting_with_number: list[_Phrase] = []
        for phrase in phrases:
            self._add(phrase)
        self._never_corrected = frozenset(never_corrected)
        self._spelling = _SpellingCorrector(_correction_targets(phrases))
        # What a token reads as depends on the token alone, and tokens repeat within a
        # ticket (pasted logs) and across tickets: caching keeps long texts cheap.
        self._reading = lru_cache(maxsize=_TOKEN_CACHE_SIZE)(self._read_token)

    def _add(self, phrase: _Phrase) -> None:
        first = phrase.words[0]
        if first.kind == "exact":
            self._by_exact_first.setdefault(first.text, []).append(phrase)
        elif first.kind == "prefix":
            key = first.text[:_PREFIX_KEY_LENGTH]
            self._by_prefix_key.setdefault(key, []).append(phrase)
        else:
            self._starting_with_number.append(phrase)

    def normalized(self, token: str) -> str:
        """The token, or the cue word it is a one-letter typo of."""
        return self._reading(token)[0]

    def _read_token(self, token: str) -> tuple[str, tuple[_Phrase, ...]]:
        """The token or the cue word it is a one-letter typo of, and the phrases it starts."""
        phrases = self._phrases_starting_with(token)
        # A token that starts a phrase, or is a cue word, is spelt as meant.
        if phrases or token in self._never_corrected or token in self._spelling.known:
            return token, phrases
        corrected = self._spelling.correction(token)
        if corrected == token:
            return token, phrases
        return corrected, self._phrases_starting_with(corrected)

    def _phrases_starting_with(self, token: str) -> tuple[_Phrase, ...]:
        exact = self._by_exact_first.get(token, [])
        prefixed = self._by_prefix_key.get(token[:_PREFIX_KEY_LENGTH], [])
        numbered = self._starting_with_number if token.isdigit() else []
        if not (exact or prefixed or numbered):
            return ()
        return tuple(phrase for phrase in (*exact, *prefixed, *numbered) if phrase.words[0].matches(token))

    def groups_in(self, text: str) -> Counter[str]:
        """How many token positions of a text start a phrase of each group."""
        return self.read(text)[1]

    def read(self, text: str, hidden_groups: frozenset[str] = frozenset()) -> tuple[list[str], Counter[str]]:
        """The text's tokens, typos corrected towards cue words, and its groups_in().

        Tokens that make up a phrase of one of hidden_groups are left out of the tokens
        (not out of the groups).
        """
        readings = [self._reading(token) for token in tokens_of(text)]
        tokens = [normalized for normalized, _ in readings]
        found: Counter[str] = Counter()
        hidden: set[int] = set()
        for start, (_, phrases) in enumerate(readings):
            if not phrases:
                continue
            groups_here = set()
            for phrase in phrases:
                end = phrase.end_of_match(tokens, start + 1, word_index=1)
                if end is not None:
                    groups_here.add(phrase.group)
                    if phrase.group in hidden_groups:
                        hidden.update(range(start, end))
            found.update(groups_here)
        if hidden:
            tokens = [token for position, token in enumerate(tokens) if position not in hidden]
        return tokens, found


def _correction_targets(phrases: Iterable[_Phrase]) -> set[str]:
    return {
        word.text
        for phrase in phrases
        for word in phrase.words
        if word.kind in ("exact", "prefix")
        and word.text.isalpha()
        and len(word.text) >= _MIN_CORRECTED_LENGTH
    }


class _SpellingCorrector:
    """Maps a token one missing, extra or swapped letter away from a cue word onto it.

    Only inner letters are corrected. Real words are often one edit from a cue at their
    ends ("closing"/"losing", "early"/"yearly", "change"/"changed"), while customers
    rarely get a first letter wrong, and a last letter added or lost is an inflection
    that prefix cues already cover. Substituted letters are left alone for the same
    reason: "change" is one substitution from "charge".
    """

    def __init__(self, words: set[str]) -> None:
        self.known = frozenset(words)
        self._word_missing_a_letter: dict[str, str | None] = {}
        for word in words:
            for variant in _inner_deletions(word):
                # Two cue words sharing a variant make it ambiguous: correct to neither.
                already = self._word_missing_a_letter.get(variant, word)
                self._word_missing_a_letter[variant] = word if already == word else None
        # Inner edits keep a word's first and last letters and change its length by one
        # at most: most tokens can be ruled out by that alone, without trying any edit.
        self._shapes = frozenset((word[0], word[-1], len(word)) for word in words)

    def correction(self, token: str) -> str:
        if len(token) < _MIN_CORRECTED_LENGTH or not token.isalpha():
            return token
        first, last, length = token[0], token[-1], len(token)
        shapes = self._shapes
        if (
            (first, last, length) not in shapes
            and (first, last, length - 1) not in shapes
            and (first, last, length + 1) not in shapes
        ):
            return token
        missing_letter = self._word_missing_a_letter.get(token)
        if missing_letter:
            return missing_letter
        for variant in (*_inner_deletions(token), *_inner_transpositions(token)):
            if variant in self.known:
                return variant
        return token


def _inner_deletions(word: str) -> list[str]:
    return [word[:index] + word[index + 1 :] for index in range(1, len(word) - 1)]


def _inner_transpositions(word: str) -> list[str]:
    return [
        word[:index] + word[index + 1] + word[index] + word[index + 2 :]
        for index in range(1, len(word) - 2)
        if word[index] != word[index + 1]
    ]
