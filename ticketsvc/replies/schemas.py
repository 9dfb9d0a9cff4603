"""What the canned replies endpoints accept and return."""

from typing import ClassVar

from marshmallow import Schema, ValidationError, fields, validates_schema

from ticketsvc.api.fields import StrictBoolean, Text, UtcDateTime
from ticketsvc.models import REPLY_BODY_MAX_LENGTH, REPLY_TITLE_MAX_LENGTH
from ticketsvc.replies.placeholders import NAMELESS_CUSTOMER, NAMES

PLACEHOLDERS = ", ".join(f"{{{{{name}}}}}" for name in NAMES)
BODY_DESCRIPTION = (
    f"A comment made from it is this text with {PLACEHOLDERS} filled in once ({{{{customer.name}}}}:"
    f' "{NAMELESS_CUSTOMER}" when the customer gave no name); any other {{{{…}}}} stays as written.'
)


def title_field(**kwargs) -> Text:
    return Text(max_length=REPLY_TITLE_MAX_LENGTH, **kwargs)


def body_field(**kwargs) -> Text:
    return Text(max_length=REPLY_BODY_MAX_LENGTH, **kwargs)


def shared_field(**kwargs) -> StrictBoolean:
    return StrictBoolean(
        metadata={"description": "Every agent sees and uses it; only you (and admins) change it."}, **kwargs
    )


class ReplyOwnerSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class ReplySchema(Schema):
    id = fields.Integer()
    title = fields.String()
    body = fields.String(metadata={"description": BODY_DESCRIPTION})
    shared = fields.Boolean()
    owner = fields.Nested(ReplyOwnerSchema)
    uses = fields.Integer(metadata={"description": "How many comments were made from it."})
    updated_at = UtcDateTime()


class ReplyCreateSchema(Schema):
    title = title_field(required=True)
    body = body_field(required=True)
    shared = shared_field(load_default=False)


class ReplyUpdateSchema(Schema):
    class Meta:
        json_schema: ClassVar[dict] = {"minProperties": 1}  # not_empty(), for OpenAPI

    title = title_field()
    body = body_field()
    shared = shared_field()

    @validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("Send at least one field to change.")
