from ticketsvc.mail.html_text import html_to_text


def test_html_keeps_its_visible_text_only():
    html = (
        "<html><head><title>Form</title><style>p {color: red}</style><script>track()</script></head>"
        "<body><span style='display:none'>preview text</span><template><p>later</p></template>"
        "<!-- a comment --><p>Fish &amp; chips &lt;3 caf&eacute;</p><script>document.write('x')</script>"
        "</body></html>"
    )
    assert html_to_text(html).strip() == "Fish & chips <3 café"


def test_blockquotes_become_quoted_lines_one_mark_a_level():
    html = (
        "<div>Thanks!</div><div>On Mon, Ana wrote:</div>"
        "<blockquote type='cite'>Did it work?<blockquote>Try again.<br>Please.</blockquote>Maria</blockquote>"
        "<div>after</div>"
    )
    assert html_to_text(html) == (
        "Thanks!\nOn Mon, Ana wrote:\n> Did it work?\n>> Try again.\n>> Please.\n> Maria\nafter"
    )


def test_markup_without_text_gives_nothing():
    assert html_to_text("") == ""
    assert html_to_text("<html><body><img src='cid:logo'></body></html>").strip() == ""
