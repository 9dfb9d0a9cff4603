import pytest

from ticketsvc.mail.charsets import codec_for, decode_bytes, decode_escaped_bytes


@pytest.mark.parametrize(
    ("payload", "declared", "text"),
    [
        ("Grüße".encode(), "utf-8", "Grüße"),
        # UTF-8 sent under a Western label is read as UTF-8
        ("Grüße".encode(), "iso-8859-1", "Grüße"),
        ("Grüße".encode(), "us-ascii", "Grüße"),
        # ISO-8859-1 labels carry Windows-1252's quotes and euro sign
        ("“10 €”".encode("cp1252"), "ISO-8859-1", "“10 €”"),
        # labelled UTF-8, written in a Western single-byte charset
        ("Grüße".encode("latin-1"), "utf-8", "Grüße"),
        # UTF-8 cut inside a character: the rest stays UTF-8
        ("Grüß".encode()[:-1], "utf-8", "Grü\ufffd"),
        # Shift_JIS labels carry the Windows (CP932) extensions, like ①
        ("手順①".encode("cp932"), "Shift_JIS", "手順①"),
        ("パスワード".encode("iso2022_jp"), "ISO-2022-JP", "パスワード"),
        ("안녕하세요".encode("cp949"), "ks_c_5601-1987", "안녕하세요"),
        # no label, or one no codec knows: UTF-8 if the bytes are, else Windows-1252
        ("Grüße".encode(), None, "Grüße"),
        ("Grüße".encode("latin-1"), "x-unknown", "Grüße"),
        (b"plain ascii", "unknown-8bit", "plain ascii"),
        # codecs that are not charsets are not applied
        (b"caf\\xe9 Q2Fm", "unicode_escape", "caf\\xe9 Q2Fm"),
        (b"caf\\xe9 Q2Fm", "base64", "caf\\xe9 Q2Fm"),
        (b"Cnffjbeq", "rot13", "Cnffjbeq"),
        # bytes no charset explains
        (b"\x81\x8d\x8f", "windows-1252", "\ufffd\ufffd\ufffd"),
    ],
)
def test_bytes_are_read_with_the_charset_that_fits_them(payload, declared, text):
    assert decode_bytes(payload, declared) == text


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ('"UTF-8"', "utf-8"),
        (" Windows-1252 ", "cp1252"),
        ("latin1", "cp1252"),
        ("gb2312", "gb18030"),
        ("windows-31j", "cp932"),
        ("iso-8859-8-i", "iso8859-8"),
        ("no-such-charset", None),
        ("", None),
        (None, None),
        ("utf-8\x00", None),
    ],
)
def test_a_charset_label_names_the_codec_that_reads_it(label, codec):
    assert codec_for(label) == codec


def test_raw_bytes_a_parser_kept_as_surrogates_are_decoded_run_by_run():
    utf8 = "München".encode().decode("ascii", "surrogateescape")
    latin1 = "Grüße".encode("latin-1").decode("ascii", "surrogateescape")
    assert decode_escaped_bytes(f"{utf8} / {latin1}") == "München / Grüße"
