"""Bytes of mail to text: the declared charset when it fits the bytes, else the likeliest one.

Mail arrives mislabelled every day: UTF-8 sent as ISO-8859-1 or us-ascii, Windows-1252
sent as UTF-8, charset names no codec knows, raw 8-bit bytes in headers. Nothing here
raises; bytes that no charset explains become U+FFFD.
"""

import codecs
import functools
import re

WESTERN = "cp1252"

# Labels whose bytes are written, in practice, by a superset of the named charset (the
# Windows and WHATWG readings); decoding with the superset reads the same text and more.
_SUPERSETS = {
    "ascii": WESTERN,
    "iso8859-1": WESTERN,
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "iso2022_jp": "iso2022_jp_ext",
}
# Labels mail clients send that Python's codec registry does not know.
_UNKNOWN_TO_PYTHON = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "windows-874": "cp874",
    "iso-8859-8-i": "iso8859-8",
}
# Codecs Python treats as text encodings that are not character sets.
_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "undefined", "idna", "punycode"}

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# What a parser keeps of bytes it could not decode (Python's surrogateescape).
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


def decode_bytes(payload: bytes, declared: str | None) -> str:
    """The text the bytes hold, read with the declared charset when it fits them."""
    codec = codec_for(declared)
    for candidate in _strict_readings(payload, codec):
        try:
            return payload.decode(candidate)
        except UnicodeDecodeError:
            pass
    if codec in (None, "utf-8") and not _UTF8_SEQUENCE.search(payload):
        # Not one UTF-8 sequence in bytes that are not ASCII: a Western single-byte text.
        codec = WESTERN
    return payload.decode(codec or WESTERN, "replace")


def _strict_readings(payload: bytes, codec: str | None) -> tuple[str, ...]:
    if payload.isascii():
        return (codec or "ascii",)
    if codec in (None, WESTERN):
        # 8-bit bytes that are valid UTF-8 are UTF-8 whatever the label says (a single-byte
        # text almost never is), and these labels are where UTF-8 gets mislabelled.
        return ("utf-8", WESTERN)
    return tuple(dict.fromkeys((codec, "utf-8")))


@functools.lru_cache(maxsize=256)
def codec_for(label: str | None) -> str | None:
    """The codec to read a charset label with; None when absent or no codec reads it."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _UNKNOWN_TO_PYTHON.get(name, name)
    try:
        b"a".decode(name, "replace")  # refuses bytes-to-bytes codecs (base64, rot13) too
        canonical = codecs.lookup(name).name
    except (LookupError, UnicodeError, ValueError):
        return None
    if canonical in _NOT_CHARSETS:
        return None
    return _SUPERSETS.get(canonical, canonical)


def decode_escaped_bytes(text: str) -> str:
    """Text whose raw 8-bit bytes a parser kept as surrogates, with each run of them decoded."""
    return _ESCAPED_BYTES.sub(lambda run: decode_bytes(_escaped_to_bytes(run.group()), None), text)


def _escaped_to_bytes(escaped: str) -> bytes:
    return bytes(ord(character) - 0xDC00 for character in escaped)
