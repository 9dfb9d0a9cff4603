"""Raw messages for the tests, built from header fields and a body."""


def raw_message(
    *fields: str, body: str | bytes = "Hello.\n", content_type: str = "text/plain; charset=utf-8"
) -> bytes:
    """A message with these header fields (as latin-1 text, so "\\xNN" writes byte NN), the
    Content-Type given and the body (UTF-8 when text)."""
    head = "\r\n".join([*fields, "MIME-Version: 1.0", f"Content-Type: {content_type}"])
    return head.encode("latin-1") + b"\r\n\r\n" + (body.encode() if isinstance(body, str) else body)
