"""Extensions, created unbound; create_app() binds them to an app."""

from typing import TYPE_CHECKING, ClassVar

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, Table
from sqlalchemy.orm import DeclarativeBase

from ticketsvc.api.rate_limits import RateLimits
from ticketsvc.api.smorest import Api

# Named constraints, so migrations can refer to them and errors name them.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate()
api = Api()
rate_limits = RateLimits()

# The models' base class. mypy takes no attribute of an instance (db.Model) as a base
# class (python/mypy#8603), so it is shown SQLAlchemy's typed declarative base, which is
# what db.Model is to the models: their columns, a constructor of keywords, and a table
# (every model maps one Table, which Core's insert() and update() take).
if TYPE_CHECKING:

    class Model(DeclarativeBase):
        __table__: ClassVar[Table]

else:
    Model = db.Model
