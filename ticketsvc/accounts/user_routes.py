"""HTTP views for admins managing the accounts. Users are never deleted (DELETE is 405):
their names stay on the history they made; deactivating ends their access."""

from flask import url_for
from flask.views import MethodView

from ticketsvc.accounts import users
from ticketsvc.accounts.schemas import (
    UserCreateSchema,
    UserListArgsSchema,
    UserPageSchema,
    UserSchema,
    UserUpdateSchema,
)
from ticketsvc.api.errors import error_response
from ticketsvc.api.pagination import page_body
from ticketsvc.api.smorest import Blueprint

bp = Blueprint("users", __name__, url_prefix="/api/users", description="Accounts (admins only)")


@bp.route("/")
class Users(MethodView):
    @bp.arguments(UserListArgsSchema, location="query")
    @bp.response(200, UserPageSchema)
    @bp.error_responses(404)
    def get(self, args):
        """Every account, by id."""
        return page_body(users.list_users(args["page"], args["page_size"]))

    @bp.arguments(UserCreateSchema)
    @bp.response(201, UserSchema, headers={"Location": {"schema": {"type": "string"}}})
    @bp.error_responses(409)
    def post(self, data):
        """A new agent or admin."""
        user = users.create_user(**data)
        return user, {"Location": url_for("users.User", user_id=user.id)}


@bp.route("/<id:user_id>/")
class User(MethodView):
    @bp.response(200, UserSchema)
    @bp.error_responses(404)
    def get(self, user_id):
        """One account."""
        return users.get_user(user_id)

    @bp.arguments(UserUpdateSchema)
    @bp.response(200, UserSchema)
    @bp.error_responses(404, 409)
    def patch(self, changes, user_id):
        """Rename, change role, (de)activate or set a new password. Deactivating and a new
        password end the user's sessions and revoke their API tokens at once."""
        return users.update_user(user_id, changes)


@bp.errorhandler(users.UserNotFound)
def user_not_found(error):
    return error_response(404, f"User {error.args[0]} not found.")


@bp.errorhandler(users.EmailTaken)
def email_taken(error):
    return error_response(409, "An account with this email exists already.")


@bp.errorhandler(users.LastAdmin)
def last_admin(error):
    return error_response(409, "This would leave no active admin to manage the accounts.")
