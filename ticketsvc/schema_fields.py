"""marshmallow fields shared by the blueprints' schemas."""

from datetime import UTC, datetime

from marshmallow import ValidationError, fields, validate

from ticketsvc.enums import values


class Text(fields.String):
    """A string trimmed of surrounding white space that PostgreSQL can store as it is.

    NUL cannot be stored in a text column and lone surrogates cannot be encoded: both
    are refused instead of being altered or reaching the database.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ValidationError("Must not contain NUL characters.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError("Must be valid UTF-8 text.") from None
        return text.strip()


def enum_field(enum_class, **kwargs) -> fields.String:
    allowed = values(enum_class)
    return fields.String(
        validate=validate.OneOf(allowed, error="Must be one of: {choices}."),
        metadata={"enum": allowed},
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


def utc_iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z and always six fractional digits (also a ticket's ETag)."""
    return moment.astimezone(UTC).strftime(TIMESTAMP_FORMAT)


class UtcDateTime(fields.DateTime):
    def _serialize(self, value: datetime | None, attr, obj, **kwargs):
        return None if value is None else utc_iso(value)
