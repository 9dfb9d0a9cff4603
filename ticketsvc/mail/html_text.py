"""HTML mail to plain text with inscriptis: no markup, style or script left, and quoted
mail (<blockquote>) marked with "> " the way plain-text mail quotes it, so quotes.py cuts
it alike."""

import bisect
from itertools import accumulate

from inscriptis import get_annotated_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement

# Firefox's defaults: the relaxed profile indents every <div>, and mail nests dozens.
_CSS = CSS_PROFILES["strict"] | {"template": HtmlElement(display=Display.none)}
_CONFIG = ParserConfig(css=_CSS, annotation_rules={"blockquote": ["quote"]})


def html_to_text(html: str) -> str:
    """The text a reader sees in the HTML, quoted blocks prefixed with "> " per level."""
    converted = get_annotated_text(html, _CONFIG)
    if not converted:
        return ""
    return _mark_quotes(converted["text"], converted["label"])


def _mark_quotes(text: str, quotes: list[tuple[int, int, str]]) -> str:
    lines = text.split("\n")
    line_starts = [0, *accumulate(len(line) + 1 for line in lines)]
    # Each quote adds a level to the lines it spans: counted as +1 at its first line and
    # -1 after its last, so that many nested quotes cost no more than a few.
    level_changes = [0] * (len(lines) + 1)
    for start, end, _label in quotes:
        while start < end and text[start] == "\n":  # a quote opening at a line end opens on the next
            start += 1
        if end > start:
            level_changes[bisect.bisect_right(line_starts, start) - 1] += 1
            level_changes[bisect.bisect_right(line_starts, end - 1)] -= 1
    levels = accumulate(level_changes)
    return "\n".join(_quoted(line, level) for line, level in zip(lines, levels, strict=False))


def _quoted(line: str, level: int) -> str:
    return ">" * level + " " + line if level else line
