"""Cutting the earlier mail a reply quotes, so that only what the person wrote is kept.

In this order: ticketsvc's own reply marker (mail/reply_marker.py) and all below it, even
quoted; Outlook's separators ("-----Original Message-----", the line of underscores, the
From:/Sent:/To:/Subject: block) and all below; an attribution ("On … wrote:") over text
that is not quoted with ">", and all below; then the ">"-quoted lines, blank lines and
attribution lines left at the end. Text between quoted blocks (an inline answer) stays,
with the quotes it answers. English, German, French and Spanish, as Gmail, Outlook, Apple
Mail and Thunderbird write them. Forwarded mail is content, not a quote: no separator
below a forwarding line counts, except the reply marker.
"""

import re

from ticketsvc.mail.reply_marker import REPLY_MARKER

# Attribution lines hold a date; requiring a digit keeps "On Monday the printer wrote:"
# from cutting what a person wrote.
_ATTRIBUTION = re.compile(
    r"(?:On\s.+\swrote|Am\s.+\sschrieb(?:\s.*)?|Le\s.+\sa\s+écrit|El\s.+\sescribió)\s*:",
    re.IGNORECASE,
)
_ATTRIBUTION_MAX_LENGTH = 400
_DIGIT = re.compile(r"\d")
_ORIGINAL_MESSAGE = re.compile(
    r"-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d['\u2019]origine|Mensaje original)"
    r"\s*-{2,}",
    re.IGNORECASE,
)
_UNDERSCORE_RULE = re.compile(r"_{30,}")
_HEADER_FROM = re.compile(r"\*?(?:From|Von|De)\s*:", re.IGNORECASE)
_HEADER_OTHER = re.compile(
    r"\*?(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Envoyé|À|A|Objet"
    r"|Enviado(?: el)?|Fecha|Para|Asunto)\s*:",
    re.IGNORECASE,
)
_HEADER_BLOCK_LOOKAHEAD = 5
_SIGNATURE_MAX_LINES = 8
_FORWARDING = re.compile(
    r"-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)\s*-{2,}"
    r"|(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié"
    r"|Inicio del mensaje reenviado)\s*:",
    re.IGNORECASE,
)


def new_text(text: str) -> str:
    """The text without the earlier mail it quotes; "" when it is all quote."""
    lines = text.split("\n")
    del lines[_quote_start(lines) :]
    # A signature below the quote (bottom posting) is set aside while the quote is cut.
    signature_start = _signature_start(lines)
    end = signature_start
    while end and (trailing := _trailing_quote_length(lines, end)):
        end -= trailing
    if end == signature_start:
        return "\n".join(lines).strip()
    if not end:
        return ""
    return "\n".join([*lines[:end], "", *lines[signature_start:]]).strip()


def _quote_start(lines: list[str]) -> int:
    """The index of the first line of quoted earlier mail that reaches to the end."""
    marker = next((index for index, line in enumerate(lines) if REPLY_MARKER in line), len(lines))
    for index in range(marker):
        if _FORWARDING.fullmatch(lines[index].strip()):
            break
        if _is_separator(lines, index):
            return index
        attribution = _attribution_length(lines, index)
        if attribution and not _is_quoted(_next_text_line(lines, index + attribution)):
            return index
    return marker


def _is_separator(lines: list[str], index: int) -> bool:
    stripped = lines[index].strip()
    if _ORIGINAL_MESSAGE.fullmatch(stripped) or _UNDERSCORE_RULE.fullmatch(stripped):
        return True
    if not _HEADER_FROM.match(stripped):
        return False
    following = lines[index + 1 : index + 1 + _HEADER_BLOCK_LOOKAHEAD]
    fields = 0
    for line in following:
        if not _HEADER_OTHER.match(line.strip()):
            break
        fields += 1
    return fields >= 2


def _attribution_length(lines: list[str], index: int) -> int:
    """How many lines the attribution starting at this line takes (0: none, or 1, or 2
    when wrapped as Gmail wraps long ones)."""
    if _is_attribution(lines[index]):
        return 1
    if index + 1 < len(lines) and _is_attribution(lines[index] + " " + lines[index + 1]):
        return 2
    return 0


def _is_attribution(text: str) -> bool:
    text = text.strip()
    return (
        len(text) <= _ATTRIBUTION_MAX_LENGTH
        and _ATTRIBUTION.fullmatch(text) is not None
        and _DIGIT.search(text) is not None
    )


def _next_text_line(lines: list[str], index: int) -> str:
    return next((lines[after] for after in range(index, len(lines)) if lines[after].strip()), "")


def _signature_start(lines: list[str]) -> int:
    """The index of the "-- " line that opens a signature at the end, else len(lines)."""
    last_lines = range(max(len(lines) - _SIGNATURE_MAX_LINES, 0), len(lines))
    return next((index for index in reversed(last_lines) if lines[index].rstrip() == "--"), len(lines))


def _trailing_quote_length(lines: list[str], end: int) -> int:
    """How many lines before end are quote: the last if blank, quoted or an attribution,
    or the last two if they are a wrapped attribution; else 0."""
    last = lines[end - 1]
    if not last.strip() or _is_quoted(last) or _is_attribution(last):
        return 1
    return 2 if end >= 2 and _is_attribution(lines[end - 2] + " " + last) else 0


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")
