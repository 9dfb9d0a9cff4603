"""Reading If-Match (RFC 9110, section 13.1.1) strictly.

werkzeug reads a malformed header (`"bogus` without its closing quote, `W/`, a bare word)
as no header at all, so a client that asked for a condition would get none and overwrite
someone else's change. Here a header that is present but not a list of entity tags is a
condition no version meets, which the RFC asks for: "Otherwise, the condition is false."
"""

import re
from collections.abc import Iterable

# One list element: an entity tag, weak or strong. W/ is case-sensitive; etagc excludes
# the double quote, white space and controls.
_ENTITY_TAG = re.compile(r'(?:W/)?"([\x21\x23-\x7e\x80-\xff]*)"')
_OPTIONAL_WHITE_SPACE = " \t"


def if_match_tags(header_values: Iterable[str]) -> frozenset[str] | None:
    """The opaque tags an If-Match header (every occurrence of it) accepts.

    None when there is no condition: no header, or "*" (any current version). An empty
    set when the header is malformed: no version matches it. Weak tags count like strong
    ones, because nginx's gzip marks our ETags weak on the way out (W/"…") and clients
    send them back as they got them; they still name one exact version.
    """
    values = list(header_values)
    if not values:
        return None
    elements = [element.strip(_OPTIONAL_WHITE_SPACE) for value in values for element in _split_list(value)]
    # Empty elements (",," or a trailing comma) are allowed by the list syntax and ignored.
    elements = [element for element in elements if element]
    if elements == ["*"]:
        return None
    tags = []
    for element in elements:
        match = _ENTITY_TAG.fullmatch(element)
        if match is None:
            return frozenset()
        tags.append(match.group(1))
    return frozenset(tags)


def _split_list(value: str) -> list[str]:
    """Split on commas outside quotes: an entity tag may itself hold a comma."""
    elements: list[str] = []
    current: list[str] = []
    quoted = False
    for character in value:
        if character == '"':
            quoted = not quoted
        if character == "," and not quoted:
            elements.append("".join(current))
            current = []
        else:
            current.append(character)
    elements.append("".join(current))
    return elements
