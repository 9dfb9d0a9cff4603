"""What the stats endpoint accepts and returns."""

from marshmallow import Schema, fields

from ticketsvc.enums import Category, ClassificationSource, Priority, Status, values


def counts_by(enum_class) -> fields.Nested:
    """An object with one integer per enum value, zeros included."""
    return fields.Nested(
        Schema.from_dict(
            {value: fields.Integer(required=True) for value in values(enum_class)},
            name=f"{enum_class.__name__}Counts",
        ),
        required=True,
    )


class AgreementSchema(Schema):
    tickets = fields.Integer(required=True, metadata={"description": "Tickets carrying a suggestion."})
    category_matches = fields.Integer(required=True)
    priority_matches = fields.Integer(required=True)
    category_agreement = fields.Float(
        required=True, allow_none=True, metadata={"description": "category_matches / tickets"}
    )
    priority_agreement = fields.Float(required=True, allow_none=True)


class ClassificationStatsSchema(AgreementSchema):
    by_source = fields.Nested(
        Schema.from_dict(
            {
                source: fields.Nested(AgreementSchema, required=True)
                for source in values(ClassificationSource)
            },
            name="AgreementBySource",
        ),
        required=True,
    )


class StatsSchema(Schema):
    total_tickets = fields.Integer(required=True)
    open_tickets = fields.Integer(required=True)
    unassigned_open = fields.Integer(required=True, metadata={"description": "Open tickets nobody holds."})
    waiting_on_us = fields.Integer(
        required=True, metadata={"description": "Tickets waiting on us: what the list's waiting=us counts."}
    )
    avg_tickets_per_day = fields.Float(required=True)
    priority_breakdown = counts_by(Priority)
    category_breakdown = counts_by(Category)
    status_breakdown = counts_by(Status)
    classification = fields.Nested(ClassificationStatsSchema, required=True)
