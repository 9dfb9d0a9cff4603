"""ticketsvc: support tickets with AI triage."""

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

from ticketsvc import cli, response_headers, spa
from ticketsvc import db as database
from ticketsvc.accounts import access, auth_routes, sessions, sign_in_limits, user_routes
from ticketsvc.api import docs, errors, health
from ticketsvc.config import PROJECT_ROOT, Config
from ticketsvc.events import routes as events_routes
from ticketsvc.extensions import api, db, migrate, rate_limits
from ticketsvc.mail import routes as mail_routes
from ticketsvc.mail import settings as mail_settings
from ticketsvc.replies.routes import bp as replies_bp
from ticketsvc.stats.routes import bp as stats_bp
from ticketsvc.tickets.routes import bp as tickets_bp


class SchemaOrderJSON(DefaultJSONProvider):
    # Fields in the order the schemas declare them (id, title, …), as the contract shows.
    sort_keys = False


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app from the environment (or test_config); opens no connection."""
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"))
    app.config.from_mapping(Config().as_dict())
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["SECRET_KEY"]:
        raise RuntimeError(
            "SECRET_KEY is not set: it signs the session cookies. Generate one with"
            " `python -c 'import secrets; print(secrets.token_urlsafe(32))'` and export it"
            " (compose reads it from .env); `make run` makes one of its own under instance/."
        )
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        raise RuntimeError(
            "DATABASE_URL is not set. `make run` starts the embedded PostgreSQL and sets it; "
            "elsewhere export DATABASE_URL=postgresql://user:password@host/dbname."
        )
    # /api/tickets and /api/tickets/ reach the same view, with no redirect that drops a body.
    app.url_map.strict_slashes = False
    app.json = SchemaOrderJSON(app)
    app.session_interface = sessions.NoCookieSession()

    register_extensions(app)
    register_blueprints(app)
    errors.register_error_handlers(app)
    cli.register_commands(app)
    spa.register_spa(app, app.config.get("SPA_DIST", PROJECT_ROOT / "frontend" / "dist"))
    response_headers.init_app(app)
    trust_proxies(app)
    return app


def register_extensions(app: Flask) -> None:
    # Who is calling is known before the limits count a request (rate_limits.py).
    access.init_app(app)
    # Then, so that malformed limits stop the app before anything else is bound.
    rate_limits.init_app(app)
    sign_in_limits.init_app(app)
    mail_settings.check(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    api.init_app(app)


def register_blueprints(app: Flask) -> None:
    blueprints = (
        tickets_bp,
        stats_bp,
        replies_bp,
        health.bp,
        auth_routes.bp,
        user_routes.bp,
        mail_routes.bp,
        events_routes.bp,
    )
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    # The reference page is not an operation of the API: a plain blueprint, outside the spec.
    app.register_blueprint(docs.bp)


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For, -Proto and -Host only from the configured number of proxies
    in front: those nginx sets. It sets no X-Forwarded-Port (its Host has the port), so
    one arriving came from the client, who would choose the port of every link."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops > 0:
        # Flask's documented way to wrap the app in WSGI middleware; to mypy, wsgi_app is a method.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
