"""The seeded conversations the benchmark's queue scenarios search and sort."""

from collections import Counter

import sqlalchemy as sa

from tests.staff import AGENT
from ticketsvc.extensions import db
from ticketsvc.jobs import seed
from ticketsvc.jobs.seed import COMMON_WORD, CONVERSATION_WORD, RARE_WORD, TITLE_ONLY_WORD

AGENT_ID = 1  # the agent every test starts with (tests/staff.py)


def test_every_ticket_gets_a_three_comment_conversation_after_it_and_before_now(app):
    with app.app_context():
        seed.seed_tickets(600)
        loaded = seed.seed_conversations([(AGENT_ID, AGENT.name)])
        comments = db.session.execute(
            sa.text("""
                SELECT c.ticket_id, c.author_kind, c.author_id, c.internal, c.channel, c.body,
                    c.created_at >= t.created_at AS after_ticket, c.created_at <= now() AS before_now
                FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id ORDER BY c.id
            """)
        ).all()
    assert loaded == len(comments) == 1_800
    assert set(Counter(comment.ticket_id for comment in comments).values()) == {3}
    assert all(comment.after_ticket and comment.before_now for comment in comments)
    authors = Counter((comment.author_kind, comment.internal) for comment in comments)
    # First the agent's answer, then the customer; the last word splits 50 / 25 / 25.
    assert authors[("agent", False)] > 600 + 200 and authors[("customer", False)] > 600 + 100
    assert authors[("agent", True)] > 100
    assert {comment.author_id for comment in comments if comment.author_kind == "agent"} == {AGENT_ID}
    assert {comment.channel for comment in comments if comment.author_kind == "customer"} == {"web", "mail"}


def test_the_conversation_word_is_only_in_comments_and_the_ticket_words_never_are(app):
    with app.app_context():
        seed.seed_tickets(2_000)
        seed.seed_conversations([(AGENT_ID, AGENT.name)])
        bodies = db.session.execute(sa.text("SELECT lower(body) FROM ticket_comments")).scalars().all()
        ticket_texts = db.session.execute(sa.text("SELECT lower(title || ' ' || description) FROM tickets"))
        assert not any(CONVERSATION_WORD in text for text in ticket_texts.scalars())
    mentioning = sum(CONVERSATION_WORD in body for body in bodies)
    assert 5 <= mentioning <= 50  # about one conversation in a hundred
    for word in (COMMON_WORD, RARE_WORD, TITLE_ONLY_WORD):
        assert not any(word in body for body in bodies), word
