"""What POST /api/tickets/bulk/ accepts and what it and a job's progress return."""

from typing import ClassVar
from urllib.parse import parse_qsl

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import MultiDict

from ticketsvc.api.fields import UtcDateTime, enum_field
from ticketsvc.api.smorest import BIGINT_MAX
from ticketsvc.enums import JobState
from ticketsvc.tickets.bulk import SKIP_REASONS
from ticketsvc.tickets.filters import FILTER_NAMES
from ticketsvc.tickets.schemas import TicketQueryArgsSchema, TicketUpdateSchema

MAX_BULK_IDS = 1000
# Longer than any query string the SPA or a person writes; a search is at most 200.
FILTER_MAX_LENGTH = 2000
# What of the list's query says which tickets, and what only how to show them. updated_since
# is neither: a client's window for what moved lately, not a choice of tickets to change.
LIST_FILTERS = TicketQueryArgsSchema(exclude=("ordering", "updated_since"))
PRESENTATION_ARGS = frozenset({"ordering", "page", "page_size"})
# The list's filters a job applies (jobs/bulk_changes.py).
JOB_FILTERS = frozenset({*FILTER_NAMES, "search"})
# Inputs holding fields of their own, whose errors those fields name, as PATCH's and the
# list's errors do.
NESTED_FIELDS = ("set", "filter")


class BulkSetSchema(TicketUpdateSchema):
    """What a bulk change sets: PATCH's triage fields, validated as PATCH validates them."""

    class Meta:
        exclude = ("title", "description")
        json_schema: ClassVar[dict] = {"minProperties": 1}  # not_empty(), for OpenAPI

    READ_ONLY_FIELDS: ClassVar[dict[str, str]] = {
        **TicketUpdateSchema.READ_ONLY_FIELDS,
        **{
            name: "A bulk change sets status, priority, category and assignee_id."
            for name in ("title", "description")
        },
    }


class ListFilter(fields.String):
    """The list's query string ("status=open&search=refund"), read by the list's own
    argument schema: the same filters, the same errors. What orders or pages the list is
    ignored; assignee=me is still a word here (the view makes it the caller's id).

    Unlike the list, which ignores what it does not know (cache busters), a parameter that
    is no filter of a job is refused: ignored, a misspelt filter would widen the change to
    tickets nobody selected."""

    def __init__(self, **kwargs):
        super().__init__(metadata={"maxLength": FILTER_MAX_LENGTH, **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        query = super()._deserialize(value, attr, data, **kwargs)
        if len(query) > FILTER_MAX_LENGTH:
            raise ValidationError(f"Longer than maximum length {FILTER_MAX_LENGTH}.")
        arguments = MultiDict(parse_qsl(query.removeprefix("?"), keep_blank_values=True))
        unknown = set(arguments) - JOB_FILTERS - PRESENTATION_ARGS
        if unknown:
            message = f"Not a filter of bulk changes; they select by {', '.join(sorted(JOB_FILTERS))}."
            raise ValidationError({name: [message] for name in sorted(unknown)})
        return LIST_FILTERS.load(MultiDictProxy(arguments, LIST_FILTERS))


class BulkChangeSchema(Schema):
    class Meta:
        # ids_or_filter(), for OpenAPI.
        json_schema: ClassVar[dict] = {"oneOf": [{"required": ["ids"]}, {"required": ["filter"]}]}

    ids = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=BIGINT_MAX)),
        validate=validate.Length(min=1, max=MAX_BULK_IDS),
        metadata={"description": f"Up to {MAX_BULK_IDS:,} ticket ids (each counted once): changed at once."},
    )
    filter = ListFilter(
        metadata={
            "description": "The list's query string (status=open&search=refund; ordering and paging"
            " are ignored, other parameters refused): every ticket it selects now is changed in"
            " the background, by a job."
        }
    )
    changes = fields.Nested(
        BulkSetSchema,
        required=True,
        data_key="set",
        metadata={"description": "Any of status, priority, category, assignee_id, validated as for PATCH."},
    )

    @validates_schema
    def ids_or_filter(self, data, **kwargs):
        if ("ids" in data) == ("filter" in data):
            raise ValidationError({name: ["Send either ids or filter."] for name in ("ids", "filter")})

    @post_load
    def each_id_once(self, data, **kwargs):
        if "ids" in data:
            data["ids"] = list(dict.fromkeys(data["ids"]))
        return data

    def handle_error(self, error, data, **kwargs):
        """Name the fields of set and filter as PATCH and the list name them ({"status":
        […]}), rather than nested under set or filter."""
        raise ValidationError(_lifted(error.messages)) from error


def _lifted(messages: dict) -> dict:
    lifted = {field: problems for field, problems in messages.items() if field not in NESTED_FIELDS}
    for field in NESTED_FIELDS:
        problems = messages.get(field, {})
        if not isinstance(problems, dict):  # set is not an object, filter not a string
            lifted[field] = problems
            continue
        for inner, inner_problems in problems.items():
            name = field if inner == "_schema" else inner
            lifted[name] = [*lifted.get(name, []), *inner_problems]
    return lifted


class BulkSkipSchema(Schema):
    id = fields.Integer(required=True)
    reason = fields.String(required=True, metadata={"enum": list(SKIP_REASONS)})


class BulkResultSchema(Schema):
    matched = fields.Integer(required=True, metadata={"description": "The ids that name a ticket."})
    changed = fields.Integer(required=True)
    skipped = fields.List(fields.Nested(BulkSkipSchema), required=True)


class BulkJobAcceptedSchema(Schema):
    job = fields.Integer(required=True, metadata={"description": "GET /api/tickets/bulk/<job>/ follows it."})
    matched = fields.Integer(required=True, metadata={"description": "The tickets the filter selects now."})


class BulkJobSchema(Schema):
    state = enum_field(JobState, required=True)
    matched = fields.Integer(required=True)
    changed = fields.Integer(required=True)
    started_at = UtcDateTime(required=True)
    finished_at = UtcDateTime(required=True, allow_none=True)
