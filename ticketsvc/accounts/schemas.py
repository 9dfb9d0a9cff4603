"""What the auth and users endpoints accept and return."""

from typing import ClassVar

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ticketsvc.accounts import passwords
from ticketsvc.api.fields import EmailAddress, StorableText, StrictBoolean, Text, UtcDateTime, enum_field
from ticketsvc.api.pagination import page_args_schema, page_schema
from ticketsvc.enums import Role
from ticketsvc.models.columns import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH


class Password(StorableText):
    """A new password: 12 to 1,000 characters, taken exactly as typed (never trimmed)."""

    def __init__(self, **kwargs):
        length = validate.Length(min=passwords.MIN_LENGTH, max=passwords.MAX_LENGTH)
        description = f"{passwords.MIN_LENGTH} to {passwords.MAX_LENGTH:,} characters, taken exactly as typed"
        metadata = {"description": f"{description} (never trimmed); no NUL characters."}
        super().__init__(validate=length, load_only=True, metadata=metadata, **kwargs)


def password_proof(**kwargs) -> StorableText:
    """A password given to prove who one is: checked against the hash, so any length up to
    the longest a password may have."""
    return StorableText(load_only=True, validate=validate.Length(max=passwords.MAX_LENGTH), **kwargs)


def name_field(**kwargs) -> Text:
    return Text(max_length=NAME_MAX_LENGTH, **kwargs)


class SignInSchema(Schema):
    # Any text: an address that is not an account's fails like a wrong password.
    email = Text(required=True, max_length=EMAIL_MAX_LENGTH)
    password = password_proof(required=True)


class SignedInSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = enum_field(Role)
    csrf_token = fields.String(
        allow_none=True,
        metadata={
            "description": "Send it as X-CSRF-Token with every change made with the session"
            " cookie; null for a caller using an API token."
        },
    )


class MeSchema(SignedInSchema):
    notify_by_mail = fields.Boolean(
        metadata={
            "description": "Whether ticketsvc mails you about your tickets (assignments, customers' replies)."
        }
    )


class MeUpdateSchema(Schema):
    class Meta:
        json_schema: ClassVar[dict] = {
            "anyOf": [{"required": ["name"]}, {"required": ["password"]}, {"required": ["notify_by_mail"]}],
            "dependentRequired": {"password": ["current_password"]},
        }

    name = name_field()
    password = Password()
    current_password = password_proof()
    notify_by_mail = StrictBoolean(
        metadata={"description": "false: no mail about your tickets (a password reset's link still comes)."}
    )

    @validates_schema
    def complete(self, data, **kwargs):
        if not data.keys() & {"name", "password", "notify_by_mail"}:
            raise ValidationError("Send a new name, a new password or notify_by_mail.")
        if "password" in data and "current_password" not in data:
            raise ValidationError({"current_password": ["Needed to set a new password."]})


class PasswordResetRequestSchema(Schema):
    # Any text, like sign-in's: an address that is no active account's is answered alike.
    email = Text(required=True, max_length=EMAIL_MAX_LENGTH)


class PasswordResetRequestedSchema(Schema):
    message = fields.String(
        metadata={"description": "The same whatever the address, or whether a mail went."}
    )


class PasswordResetConfirmSchema(Schema):
    # Any string: one that is no live link's is answered "This link is no longer valid."
    token = fields.String(required=True, metadata={"description": "What follows # in the mailed link."})
    password = Password(required=True)


class TokenCreateSchema(Schema):
    name = name_field(required=True)


class TokenSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    created_at = UtcDateTime()
    last_used_at = UtcDateTime(allow_none=True)


class NewTokenSchema(TokenSchema):
    token = fields.String(metadata={"description": "Shown this once; only its digest is stored."})


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = enum_field(Role)
    active = fields.Boolean()
    created_at = UtcDateTime()
    last_login_at = UtcDateTime(allow_none=True)


class UserCreateSchema(Schema):
    email = EmailAddress(required=True)
    name = name_field(required=True)
    role = enum_field(Role, required=True)
    password = Password(required=True)


class UserUpdateSchema(Schema):
    class Meta:
        json_schema: ClassVar[dict] = {"minProperties": 1}

    name = name_field()
    role = enum_field(Role)
    active = StrictBoolean()
    password = Password()

    @validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("Send at least one field to change.")


UserListArgsSchema = page_args_schema("UserListArgs")
UserPageSchema = page_schema(UserSchema)
