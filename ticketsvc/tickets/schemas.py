"""What the tickets endpoints accept and return."""

from typing import ClassVar

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates_schema,
)

from ticketsvc.api.fields import EnumList, Text, UtcDateTime, enum_field
from ticketsvc.enums import Category, ClassificationSource, Priority, Status
from ticketsvc.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH

SEARCH_MAX_LENGTH = 200
MAX_PAGE_SIZE = 100
ORDERINGS = ["created_at", "-created_at", "priority", "-priority", "status", "-status"]
SUGGESTION_FIELDS = ("suggested_category", "suggested_priority", "classification_source")


def title_field(**kwargs) -> Text:
    return Text(max_length=TITLE_MAX_LENGTH, **kwargs)


def description_field(**kwargs) -> Text:
    return Text(max_length=DESCRIPTION_MAX_LENGTH, **kwargs)


class TicketSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    category = enum_field(Category)
    priority = enum_field(Priority)
    status = enum_field(Status)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    suggested_category = enum_field(Category, allow_none=True)
    suggested_priority = enum_field(Priority, allow_none=True)
    classification_source = enum_field(ClassificationSource, allow_none=True)


class _TicketInputSchema(Schema):
    """Input that names a read-only field is refused by name, not as "unknown"."""

    READ_ONLY_FIELDS: ClassVar[dict[str, str]] = {
        name: "Read-only field." for name in ("id", "created_at", "updated_at")
    }

    @pre_load
    def refuse_read_only_fields(self, data, **kwargs):
        if isinstance(data, dict):
            present = {name: [message] for name, message in self.READ_ONLY_FIELDS.items() if name in data}
            if present:
                raise ValidationError(present)
        return data


class TicketCreateSchema(_TicketInputSchema):
    class Meta:
        # suggestion_is_complete(), for the OpenAPI description: all three or none.
        json_schema: ClassVar[dict] = {
            "anyOf": [
                {"required": list(SUGGESTION_FIELDS)},
                {"not": {"anyOf": [{"required": [name]} for name in SUGGESTION_FIELDS]}},
            ]
        }

    READ_ONLY_FIELDS: ClassVar[dict[str, str]] = {
        **_TicketInputSchema.READ_ONLY_FIELDS,
        "status": "A new ticket is always open; change the status afterwards.",
    }

    title = title_field(required=True)
    description = description_field(required=True)
    category = enum_field(Category)
    priority = enum_field(Priority)
    suggested_category = enum_field(Category)
    suggested_priority = enum_field(Priority)
    classification_source = enum_field(ClassificationSource)

    @validates_schema
    def suggestion_is_complete(self, data, **kwargs):
        given = [name for name in SUGGESTION_FIELDS if name in data]
        if given and len(given) < len(SUGGESTION_FIELDS):
            message = "Send suggested_category, suggested_priority and classification_source together."
            raise ValidationError({name: [message] for name in SUGGESTION_FIELDS if name not in data})


class TicketUpdateSchema(_TicketInputSchema):
    class Meta:
        json_schema: ClassVar[dict] = {"minProperties": 1}  # not_empty(), for OpenAPI

    READ_ONLY_FIELDS: ClassVar[dict[str, str]] = {
        **_TicketInputSchema.READ_ONLY_FIELDS,
        **{
            name: "The suggestion a ticket was created with cannot be changed."
            for name in SUGGESTION_FIELDS
        },
    }

    title = title_field()
    description = description_field()
    category = enum_field(Category)
    priority = enum_field(Priority)
    status = enum_field(Status)

    @validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("Send at least one field to change.")


class TicketFilterSchema(Schema):
    class Meta:
        # Unrelated query parameters (cache busters, tracking) are ignored.
        unknown = EXCLUDE

    category = EnumList(Category)
    priority = EnumList(Priority)
    status = EnumList(Status)


class TicketListArgsSchema(TicketFilterSchema):
    search = Text(max_length=SEARCH_MAX_LENGTH, allow_blank=True)
    ordering = fields.String(
        validate=validate.OneOf(ORDERINGS, error="Must be one of: {choices}."),
        load_default="-created_at",
    )
    page = fields.Integer(validate=validate.Range(min=1), load_default=1)
    page_size = fields.Integer(validate=validate.Range(min=1, max=MAX_PAGE_SIZE), load_default=20)


class TicketPageSchema(Schema):
    count = fields.Integer(required=True)
    count_exact = fields.Boolean(required=True)
    next = fields.Url(allow_none=True, required=True)
    previous = fields.Url(allow_none=True, required=True)
    results = fields.List(fields.Nested(TicketSchema), required=True)


class ClassifyRequestSchema(Schema):
    title = Text(max_length=TITLE_MAX_LENGTH, allow_blank=True, load_default="")
    description = description_field(required=True)


class SuggestionSchema(Schema):
    suggested_category = enum_field(Category, required=True)
    suggested_priority = enum_field(Priority, required=True)
    source = enum_field(ClassificationSource, required=True)
