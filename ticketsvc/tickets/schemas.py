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

from ticketsvc.api.fields import (
    EmailAddress,
    EnumList,
    StrictBoolean,
    Text,
    UtcDateTime,
    ZonedDateTime,
    enum_field,
)
from ticketsvc.api.pagination import MAX_PAGE_SIZE, page_args_schema, page_schema
from ticketsvc.api.smorest import BIGINT_MAX
from ticketsvc.enums import (
    ActorKind,
    Category,
    Channel,
    ClassificationSource,
    HistoryAction,
    MailState,
    Priority,
    Role,
    Status,
    WaitingOn,
)
from ticketsvc.models import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from ticketsvc.models.columns import NAME_MAX_LENGTH

SEARCH_MAX_LENGTH = 200
ORDERINGS = [
    "created_at",
    "-created_at",
    "priority",
    "-priority",
    "status",
    "-status",
    "last_activity_at",
    "-last_activity_at",
    "last_customer_message_at",
    "-last_customer_message_at",
]
SUGGESTION_FIELDS = ("suggested_category", "suggested_priority", "classification_source")
# The assignee filter's words: the caller's own tickets, and tickets nobody holds.
MINE_WORD, UNASSIGNED_WORD = "me", "none"


def title_field(**kwargs) -> Text:
    return Text(max_length=TITLE_MAX_LENGTH, **kwargs)


def description_field(**kwargs) -> Text:
    return Text(max_length=DESCRIPTION_MAX_LENGTH, **kwargs)


class AssigneeSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class StaffMemberSchema(AssigneeSchema):
    role = enum_field(Role, required=True)


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
    assignee = fields.Nested(AssigneeSchema, allow_none=True)
    requester_name = fields.String(allow_none=True)
    requester_email = fields.String(allow_none=True)
    last_activity_at = UtcDateTime(
        metadata={"description": "The latest of: created, any change, any comment (internal notes too)."}
    )
    last_customer_message_at = UtcDateTime(
        metadata={"description": "The customer's latest public comment, by web or mail; else created_at."}
    )
    waiting_on = enum_field(
        WaitingOn,
        allow_none=True,
        metadata={
            "description": "open or in_progress: us when the customer's is the latest public comment"
            " (or there is none), customer when an agent's is; null when resolved or closed."
        },
    )


class NewTicketSchema(TicketSchema):
    access_key = fields.String(
        metadata={
            "description": "The customer's secret for this ticket (X-Ticket-Key), in this answer only;"
            " the SPA makes it the private link /follow/<id>#<access_key>."
        }
    )


class CustomerTicketSchema(Schema):
    """What a customer sees of their ticket: no triage, no suggestion, no assignee."""

    id = fields.Integer()
    title = fields.String()
    description = fields.String()
    status = enum_field(Status)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


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
        "assignee_id": "Assign the ticket once it exists.",
    }

    title = title_field(required=True)
    description = description_field(required=True)
    category = enum_field(Category)
    priority = enum_field(Priority)
    suggested_category = enum_field(Category)
    suggested_priority = enum_field(Priority)
    classification_source = enum_field(ClassificationSource)
    requester_name = Text(max_length=NAME_MAX_LENGTH)
    requester_email = EmailAddress()

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
        **{name: "The suggestion a ticket was created with cannot be changed." for name in SUGGESTION_FIELDS},
        "requester_name": "The requester is who submitted the ticket.",
        "requester_email": "The requester is who submitted the ticket.",
    }

    title = title_field()
    description = description_field()
    category = enum_field(Category)
    priority = enum_field(Priority)
    status = enum_field(Status)
    assignee_id = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=1, max=BIGINT_MAX),
        metadata={"description": "An active agent's or admin's id; null: nobody."},
    )

    @validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("Send at least one field to change.")


class AssigneeFilter(fields.List):
    """The assignee filter: user ids, "me" and "none", any of them, repeatable."""

    def __init__(self, **kwargs):
        item = fields.String(metadata={"pattern": rf"^([1-9][0-9]*|{MINE_WORD}|{UNASSIGNED_WORD})$"})
        super().__init__(item, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        chosen = value if isinstance(value, list) else [value]
        for item in chosen:
            is_id = item.isascii() and item.isdigit() and 0 < int(item) <= BIGINT_MAX
            if item not in (MINE_WORD, UNASSIGNED_WORD) and not is_id:
                allowed = f"a user id, {MINE_WORD}, {UNASSIGNED_WORD}"
                raise ValidationError(f"Unknown value {item!r}. Allowed values: {allowed}.")
        return [item if item in (MINE_WORD, UNASSIGNED_WORD) else int(item) for item in dict.fromkeys(chosen)]


class TicketFilterSchema(Schema):
    class Meta:
        # Unrelated query parameters (cache busters, tracking) are ignored.
        unknown = EXCLUDE

    category = EnumList(Category)
    priority = EnumList(Priority)
    status = EnumList(Status)


class TicketQueryArgsSchema(TicketFilterSchema):
    """Which tickets, in which order: the list's query without its paging, and the
    export's whole query."""

    assignee = AssigneeFilter()
    waiting = EnumList(WaitingOn, metadata={"description": "Whom open tickets wait on."})
    search = Text(
        max_length=SEARCH_MAX_LENGTH,
        allow_blank=True,
        metadata={
            "description": "Every word, each by its beginning, anywhere in the ticket: title, description,"
            " the requester's name or whole address, any comment or internal note. One number also finds"
            " the ticket of that number; #301 finds ticket 301 only. Its count is bounded"
            f" (SEARCH_COUNT_LIMIT). At most {SEARCH_MAX_LENGTH} characters once trimmed; blank: no search."
        },
    )
    updated_since = ZonedDateTime(
        metadata={
            "description": "Only tickets whose last_activity_at is later. Poll with an overlap (the newest"
            " last_activity_at held, minus a few seconds) and merge by id: a change commits with its"
            " transaction's start time. Its count is bounded like a search's."
        }
    )
    ordering = fields.String(
        validate=validate.OneOf(ORDERINGS, error="Must be one of: {choices}."),
        load_default="-created_at",
    )


class TicketListArgsSchema(TicketQueryArgsSchema):
    page = fields.Integer(validate=validate.Range(min=1), load_default=1)
    page_size = fields.Integer(validate=validate.Range(min=1, max=MAX_PAGE_SIZE), load_default=20)


TicketPageSchema = page_schema(TicketSchema)


class ClassifyRequestSchema(Schema):
    title = Text(max_length=TITLE_MAX_LENGTH, allow_blank=True, load_default="")
    description = description_field(required=True)


class SuggestionSchema(Schema):
    suggested_category = enum_field(Category, required=True)
    suggested_priority = enum_field(Priority, required=True)
    source = enum_field(ClassificationSource, required=True)


class CommentAuthorSchema(Schema):
    kind = enum_field(ActorKind, required=True)
    id = fields.Integer(metadata={"description": "Agents only."})
    name = fields.String(
        allow_none=True, metadata={"description": "A customer's: the requester's name, if given."}
    )


class CommentMailSchema(Schema):
    status = enum_field(MailState, required=True)
    to = fields.List(fields.String(), required=True)
    error = fields.String(allow_none=True, metadata={"description": "The server's reason, when it failed."})
    updated_at = UtcDateTime(required=True)


class CommentSchema(Schema):
    id = fields.Integer()
    author = fields.Nested(CommentAuthorSchema)
    body = fields.String()
    internal = fields.Boolean()
    created_at = UtcDateTime()
    channel = enum_field(Channel, metadata={"description": "Agents only: written in the browser, or mailed."})
    mail = fields.Nested(
        CommentMailSchema,
        allow_none=True,
        metadata={"description": "Agents only: the delivery of an agent's reply mailed to the customer."},
    )


class CommentCreateSchema(Schema):
    class Meta:
        # one_text(), for the OpenAPI description.
        json_schema: ClassVar[dict] = {"oneOf": [{"required": ["body"]}, {"required": ["reply_id"]}]}

    body = Text(max_length=COMMENT_MAX_LENGTH)
    reply_id = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=BIGINT_MAX),
        metadata={
            "description": "Agents, instead of a body: a canned reply you can see (GET /api/replies/),"
            " filled in for this ticket; its uses go up by one."
        },
    )
    internal = StrictBoolean(
        load_default=False, metadata={"description": "An internal note: only agents see it."}
    )

    @validates_schema
    def one_text(self, data, **kwargs):
        if "body" in data and "reply_id" in data:
            raise ValidationError({"body": ["Send either body or reply_id, not both."]})
        if "body" not in data and "reply_id" not in data:
            raise ValidationError({"body": ["Missing data for required field."]})


CommentListArgsSchema = page_args_schema("CommentListArgs", default_page_size=50)
CommentPageSchema = page_schema(CommentSchema)


class HistoryActorSchema(Schema):
    kind = enum_field(ActorKind, required=True)
    id = fields.Integer(metadata={"description": "Agents only."})
    name = fields.String(metadata={"description": "An agent's name, or what ran for the system."})


class HistoryEntrySchema(Schema):
    id = fields.Integer()
    at = UtcDateTime()
    actor = fields.Nested(HistoryActorSchema)
    action = enum_field(HistoryAction)
    changes = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Raw(allow_none=True)),
        metadata={"description": "field → [from, to]; assignee as user ids."},
    )


HistoryListArgsSchema = page_args_schema("HistoryListArgs", default_page_size=50)
HistoryPageSchema = page_schema(HistoryEntrySchema)
