"""Text from mail made fit to store and show: LF line ends, no control characters.

PostgreSQL cannot store NUL nor encode lone surrogates, and the other control characters
(terminal escapes, C1 codes of text read with the wrong charset) only hide or garble text.
Tab and line feed stay.
"""

import re

_LINE_BREAKS = re.compile("\r\n?|[\v\f\u2028\u2029]")
# C0 and C1 controls but tab and line feed, DEL, lone surrogates, byte order marks.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff]+")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Text with LF line ends, no control characters but tab, no trailing white space on a
    line, at most one blank line in a row, trimmed."""
    text = _UNWANTED.sub("", _LINE_BREAKS.sub("\n", text))
    text = _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("", text))
    return text.strip()


def one_line(text: str) -> str:
    """Text on one line: control characters removed, each run of white space one space."""
    return " ".join(_UNWANTED.sub("", _LINE_BREAKS.sub(" ", text)).split())
