"""Text that must stay on one line: a header value, a title inside a sentence."""

import unicodedata

# Control characters, and the two Unicode separators that str.splitlines() also breaks on.
_LINE_BREAKING_CATEGORIES = {"Cc", "Zl", "Zp"}


def single_line(text: str) -> str:
    """text with every control character and line or paragraph separator made a space.

    A header value holding CR or LF could start a header of its own (a Bcc, say); made
    spaces, such characters stay inside the value they came in.
    """
    return "".join(" " if unicodedata.category(char) in _LINE_BREAKING_CATEGORIES else char for char in text)
