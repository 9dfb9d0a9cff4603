"""Text cut to what a ticket keeps, with a note naming the attachments left out.

The note is kept whole and the text is cut to leave it room, so an agent always learns
that files came and which ("[2 attachments not kept: invoice.pdf, screen.png]").
"""

CUT_MARK = "[…]"
NAMES_LISTED = 10  # past these, the note counts the rest: its length stays bounded


def kept_text(text: str, attachments: tuple[str, ...], limit: int, *, cut_short: bool = False) -> str:
    """The text, cut at limit characters with CUT_MARK where it was cut, then the note;
    cut_short says the text given already misses its end (it gets the mark too)."""
    note = attachment_note(attachments)
    room = limit - len(note) - 2 if note else limit
    if len(text) > room or cut_short:
        text = text[: room - len(CUT_MARK) - 1].rstrip() + " " + CUT_MARK
    return "\n\n".join(part for part in (text, note) if part)


def attachment_note(attachments: tuple[str, ...]) -> str:
    """The note naming the attachments left out; "" without attachments."""
    if not attachments:
        return ""
    noun = "attachment" if len(attachments) == 1 else "attachments"
    names = ", ".join(attachments[:NAMES_LISTED])
    if len(attachments) > NAMES_LISTED:
        names += f" and {len(attachments) - NAMES_LISTED} more"
    return f"[{len(attachments)} {noun} not kept: {names}]"
