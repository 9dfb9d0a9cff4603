"""A parsed message's payload, as what it is: the parts of a multipart, or bytes.

email.message's get_payload() answers differently for multiparts and single parts (a list
of messages, text, bytes or None); these name the one the caller expects.
"""

from email.message import Message


def subparts(part: Message) -> list[Message]:
    """The parts a multipart holds (a message/rfc822 holds one, the message); [] when it
    is not multipart, like a multipart whose missing boundary left it raw text."""
    payload = part.get_payload()
    if not isinstance(payload, list):
        return []
    return [subpart for subpart in payload if isinstance(subpart, Message)]


def decoded_payload(part: Message) -> bytes:
    """A single part's content with its transfer encoding undone; b"" for a multipart."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""
