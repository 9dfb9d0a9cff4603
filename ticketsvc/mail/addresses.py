"""Email addresses that mail can go to: every address the API reads is checked here, and
kept in one normal form, before anything is stored or sent to it.

email-validator checks an address as mail servers take it, without asking DNS: the
dot-atom forms of RFC 5322 (no quoted parts, no bracketed IPs, no display names),
internationalized addresses and domains (normalized: NFC, the domain in lower case),
RFC 5321's lengths (strict: 64 before the @ too), no invisible or bidirectional-override
characters, and a domain with a dot that is not a special-use one (.local, .localhost,
.invalid, .onion, .arpa; .test is a domain like any other, as RFC 6761 asks of
applications).

On top of that, the part before the @ may hold only letters, digits and . _ - + ' : the
other characters the RFCs allow there (? & = % / # ! …) are in nobody's mailbox, and an
address made of them (`x?cc=boss&body=pay%20now@example.com`) is meant to be read as
something else once it lands in a link or a header.
"""

import unicodedata

from email_validator import EmailNotValidError, validate_email

LOCAL_PART_PUNCTUATION = "._-+'"
# What the OpenAPI description says an address is: a part of what the checks above accept,
# which a fuzzer can generate from (no look-arounds) and whose lengths stay within the
# limits (64 octets before the @, 63 a label, 254 in all) by construction. It leaves out
# internationalized addresses, which no pattern both ECMA and Python read can describe.
_ATOM = "[A-Za-z0-9_+'-]{1,20}"
_LABEL = "[A-Za-z0-9]{1,20}(?:-[A-Za-z0-9]{1,20}){0,2}"
ADDRESS_PATTERN = rf"^{_ATOM}(?:\.{_ATOM}){{0,2}}@(?:{_LABEL}\.){{1,2}}[A-Za-z0-9]{{0,20}}[A-Za-z]$"


class InvalidAddress(ValueError):
    """Not an address mail can go to; the message says why, for a person."""


def normalized_address(text: str) -> str:
    """text as an address mail can go to, in its normal form; raises InvalidAddress."""
    try:
        checked = validate_email(text, check_deliverability=False, test_environment=True, strict=True)
    except EmailNotValidError as error:
        raise InvalidAddress(str(error)) from None
    # test_environment lets .test through, and with it a bare "@test".
    if "." not in checked.ascii_domain:
        raise InvalidAddress("The part after the @-sign is not valid. It should have a period.")
    if not all(_allowed_before_the_at(character) for character in checked.local_part):
        raise InvalidAddress("The part before the @-sign may hold only letters, digits and . _ - + '")
    return checked.normalized


def _allowed_before_the_at(character: str) -> bool:
    # Letters, combining marks and digits of any script: internationalized addresses.
    return character in LOCAL_PART_PUNCTUATION or unicodedata.category(character)[0] in "LMN"
