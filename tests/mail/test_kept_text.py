from ticketsvc.mail.kept_text import CUT_MARK, attachment_note, kept_text


def test_the_note_names_each_attachment_left_out():
    assert attachment_note(()) == ""
    assert attachment_note(("invoice.pdf",)) == "[1 attachment not kept: invoice.pdf]"
    assert (
        attachment_note(("invoice.pdf", "screen.png")) == "[2 attachments not kept: invoice.pdf, screen.png]"
    )


def test_the_note_names_ten_attachments_and_counts_the_rest():
    names = tuple(f"scan-{number}.jpg" for number in range(1, 14))
    listed = ", ".join(names[:10])
    assert attachment_note(names) == f"[13 attachments not kept: {listed} and 3 more]"


def test_text_within_the_limit_is_kept_whole_with_the_note_below():
    assert kept_text("Hello", ("a.pdf",), limit=100) == "Hello\n\n[1 attachment not kept: a.pdf]"
    assert kept_text("Hello", (), limit=5) == "Hello"
    assert kept_text("", ("a.pdf",), limit=100) == "[1 attachment not kept: a.pdf]"
    assert kept_text("", (), limit=100) == ""


def test_long_text_is_cut_with_a_mark_and_leaves_the_note_whole():
    note = "[1 attachment not kept: a.pdf]"
    kept = kept_text("word " * 100, ("a.pdf",), limit=100)
    assert len(kept) <= 100
    assert kept.endswith(f" {CUT_MARK}\n\n{note}")
    assert kept.startswith("word word")
    assert kept_text("x" * 11, (), limit=10) == "xxxxxx " + CUT_MARK  # ten characters
