"""marshmallow fields shared by the blueprints' schemas."""

import re
from datetime import UTC, datetime

from marshmallow import ValidationError, fields, validate
from marshmallow.types import ErrorMessages

from ticketsvc.enums import values
from ticketsvc.mail.addresses import ADDRESS_PATTERN, InvalidAddress, normalized_address
from ticketsvc.models.columns import EMAIL_MAX_LENGTH


class StorableText(fields.String):
    """A string PostgreSQL can store, and argon2 can hash, as it is: taken exactly as sent.

    NUL cannot be stored in a text column and lone surrogates cannot be encoded: both are
    refused instead of being altered or reaching the database (or a hash) as a 500.
    """

    def __init__(self, **kwargs):
        metadata = {
            "pattern": "^[^\\u0000]*$",
            "description": "Taken exactly as sent (never trimmed); no NUL characters.",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ValidationError("Must not contain NUL characters.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError("Must be valid UTF-8 text.") from None
        return text


class Text(StorableText):
    """Storable text trimmed of surrounding white space, with lengths that count the
    trimmed text; OpenAPI gets them as a pattern, since minLength and maxLength would
    count the white space too and describe a stricter field than this one.
    """

    def __init__(self, *, max_length: int, allow_blank: bool = False, **kwargs):
        self.max_length = max_length
        self.allow_blank = allow_blank
        shortest = 0 if allow_blank else 1
        metadata = {
            "pattern": trimmed_text_pattern(max_length, allow_blank),
            "description": f"{shortest} to {max_length:,} characters once surrounding white space"
            " is trimmed (it is); no NUL characters.",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text and not self.allow_blank:
            raise ValidationError("Shorter than minimum length 1.")
        if len(text) > self.max_length:
            raise ValidationError(f"Longer than maximum length {self.max_length}.")
        return text


# What str.strip() removes, spelt out as a character class: \s means fewer characters in
# ECMA regexes (those of OpenAPI readers) than in Python's, so the pattern would lie with it.
WHITE_SPACE = r"\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def trimmed_text_pattern(max_length: int, allow_blank: bool) -> str:
    """A regular expression (ECMA and Python alike) for what Text accepts but surrogates:
    no NUL, and at most max_length characters (at least one unless allow_blank) once the
    surrounding white space is trimmed."""
    space = f"[{WHITE_SPACE}]*"
    edge = f"[^{WHITE_SPACE}\\u0000]"  # the first and the last character of the trimmed text
    trimmed = f"{edge}(?:[^\\u0000]{{0,{max_length - 2}}}{edge})?"
    if allow_blank:
        trimmed = f"(?:{trimmed})?"
    return f"^{space}{trimmed}{space}$"


def enum_field(enum_class, **kwargs) -> fields.String:
    allowed = values(enum_class)
    return fields.String(
        validate=validate.OneOf(allowed, error="Must be one of: {choices}."),
        metadata={"enum": allowed, **kwargs.pop("metadata", {})},
        **kwargs,
    )


class EnumList(fields.List):
    """A repeatable query parameter whose values all come from one enum.

    Errors name the parameter and list the allowed values in one message, instead of
    marshmallow's per-index nesting.
    """

    def __init__(self, enum_class, **kwargs):
        self.allowed = values(enum_class)
        super().__init__(fields.String(validate=validate.OneOf(self.allowed)), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        chosen = value if isinstance(value, list) else [value]
        unknown = [item for item in chosen if item not in self.allowed]
        if unknown:
            raise ValidationError(f"Unknown value {unknown[0]!r}. Allowed values: {', '.join(self.allowed)}.")
        return list(dict.fromkeys(chosen))


TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
# The same, for PostgreSQL's to_char() of a UTC timestamp.
POSTGRESQL_TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'


def utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z and always six fractional digits (also a ticket's ETag)."""
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


class UtcDateTime(fields.DateTime):
    def _serialize(self, value: datetime | None, attr, obj, **kwargs):
        return None if value is None else utc_iso(value)


class ZonedDateTime(fields.AwareDateTime):
    """An instant in ISO 8601 with its zone (Z or an offset), read as UTC: without a zone
    it would name a different instant in every zone, so it is refused rather than guessed.
    Lower-case t and z (RFC 3339 allows them) are read as upper-case."""

    # Typed as marshmallow types it, per instance: a ClassVar here would contradict the base.
    default_error_messages: ErrorMessages = {  # noqa: RUF012
        "invalid": "Not a date and time: use ISO 8601 with a zone, e.g. 2026-12-07T09:14:03Z.",
        "invalid_awareness": "Give the zone (Z or an offset like +01:00), e.g. 2026-12-07T09:14:03Z.",
    }
    # A "+" written unencoded in a URL arrives as a space: "…T10:00:00 01:00".
    _UNENCODED_PLUS = re.compile(r"(T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$")

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = self._UNENCODED_PLUS.sub(r"\1+\2", value.upper())
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            # PostgreSQL takes offsets up to 15:59 only; in UTC none is needed.
            return moment.astimezone(UTC)
        except OverflowError:
            # Before year 1 or after 9999 in UTC: earlier, or later, than any ticket.
            return datetime.min.replace(tzinfo=UTC) if moment.year == 1 else datetime.max.replace(tzinfo=UTC)


class StrictBoolean(fields.Boolean):
    """JSON true or false only: not "yes", 1 or "off", which marshmallow would also read."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class EmailAddress(StorableText):
    """An email address mail can go to (ticketsvc/mail/addresses.py), trimmed of surrounding
    white space and kept in its normal form."""

    def __init__(self, **kwargs):
        metadata = {
            "format": "email",
            "pattern": ADDRESS_PATTERN,
            "maxLength": EMAIL_MAX_LENGTH,
            "description": "An address mail can go to: before the @ only letters, digits and"
            " . _ - + ' (of any script: the pattern shows the ASCII addresses only), after it"
            " a domain with a dot that is not a special-use one. Trimmed; the domain is kept"
            " in lower case.",
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            return normalized_address(text)
        except InvalidAddress as problem:
            raise ValidationError(f"Not a valid email address. {problem}") from None
