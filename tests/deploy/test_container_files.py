"""What can be checked of the Dockerfile and docker-compose.yml without a Docker engine;
the rest of this directory runs their commands and nginx.conf for real."""

import os
import re
import runpy

import pytest

from tests.deploy.deploy_stack import NGINX_CONF, compose_environment, dockerfile_stages
from ticketsvc.config import PROJECT_ROOT, Config

SECRET_NAME = re.compile(r"KEY|PASSWORD|SECRET|TOKEN", re.IGNORECASE)


@pytest.fixture(scope="module")
def stages():
    return dockerfile_stages()


def instructions(stage: list[tuple[str, str]], name: str) -> list[str]:
    return [arguments for instruction, arguments in stage if instruction == name]


# ---- docker-compose.yml ----


def test_compose_runs_db_backend_worker_events_and_nginx_from_this_dockerfile(compose, stages):
    services = compose["services"]
    assert set(services) == {"db", "redis", "backend", "worker", "events", "nginx"}
    for name in ("worker", "events"):
        assert services[name]["build"] == {"context": ".", "target": "backend"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:")
    for name in ("backend", "nginx"):
        assert services[name]["build"] == {"context": ".", "target": name}
        assert name in stages


def test_the_database_lives_in_a_named_volume(compose):
    volume = compose["services"]["db"]["volumes"][0]
    assert volume.endswith(":/var/lib/postgresql/data")
    assert volume.split(":")[0] in compose["volumes"]


def test_each_service_starts_only_when_the_one_it_needs_is_healthy(compose):
    services = compose["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "ping" in services["redis"]["healthcheck"]["test"]
    assert "/api/health/" in " ".join(services["backend"]["healthcheck"]["test"])
    assert services["backend"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    assert services["nginx"]["depends_on"] == {
        "backend": {"condition": "service_healthy"},
        "events": {"condition": "service_started"},
    }
    # The backend applies the migrations the worker's and the events server's statements need.
    for name in ("worker", "events"):
        assert services[name]["depends_on"] == {"backend": {"condition": "service_healthy"}}


def test_the_worker_runs_flask_worker_with_the_backends_settings(compose):
    worker, backend = compose["services"]["worker"], compose["services"]["backend"]
    assert worker["command"] == ["flask", "--app", "wsgi", "worker"]
    assert compose_environment(worker) == compose_environment(backend)


def test_the_events_server_runs_flask_events_where_nginx_looks_for_it(compose):
    events, backend = compose["services"]["events"], compose["services"]["backend"]
    assert events["command"] == ["flask", "--app", "wsgi", "events", "--host", "0.0.0.0", "--port", "8001"]
    assert compose_environment(events) == compose_environment(backend)
    assert "server events:8001 resolve;" in NGINX_CONF.read_text()


def test_the_backend_migrates_then_becomes_gunicorn_with_the_project_config(compose):
    script = compose["services"]["backend"]["command"][-1]
    migrate = script.index("flask --app wsgi db upgrade")
    assert script.index("exec gunicorn -c gunicorn.conf.py wsgi:app") > migrate


def test_the_backend_can_be_scaled_behind_nginx(compose):
    backend = compose["services"]["backend"]
    assert "container_name" not in backend and "ports" not in backend
    assert "server backend:8000 resolve;" in NGINX_CONF.read_text()


def test_only_nginx_is_published_on_port_3000(compose):
    published = {name: service.get("ports") for name, service in compose["services"].items()}
    assert published == {
        "db": None,
        "redis": None,
        "backend": None,
        "worker": None,
        "events": None,
        "nginx": ["3000:3000"],
    }
    assert "listen 3000;" in NGINX_CONF.read_text()


def test_the_app_trusts_exactly_the_one_proxy_in_front(compose):
    assert compose_environment(compose["services"]["backend"])["TRUSTED_PROXIES"] == "1"


def test_rate_limits_are_counted_in_the_shared_redis_unless_configured_otherwise(compose):
    storage = compose_environment(compose["services"]["backend"])["RATELIMIT_STORAGE_URI"]
    assert storage == "${RATELIMIT_STORAGE_URI:-redis://redis:6379/0}"


def test_every_setting_the_app_and_gunicorn_read_is_passed_on_and_in_env_example(compose, monkeypatch):
    read = _names_read_from_the_environment(monkeypatch)
    environment = compose_environment(compose["services"]["backend"])
    # Passed on as they are, with a compose default that the shell or .env overrides, or
    # required from them.
    passed_on = {
        name
        for name, value in environment.items()
        if value is None or value.startswith((f"${{{name}:-", f"${{{name}:?"))
    }
    # Compose sets these itself; the bind must stay where the healthcheck and nginx look.
    assert read - passed_on == {"DATABASE_URL", "TRUSTED_PROXIES", "GUNICORN_BIND"}
    assert passed_on <= read
    example = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", (PROJECT_ROOT / ".env.example").read_text(), re.M))
    assert example == passed_on | {"POSTGRES_PASSWORD"}


def test_no_secret_has_a_value_in_compose(compose):
    for name, service in compose["services"].items():
        for variable, value in compose_environment(service).items():
            if SECRET_NAME.search(variable) and value is not None:
                assert value.startswith("${"), f"{name}: {variable} has a literal value"
    database_url = compose_environment(compose["services"]["backend"])["DATABASE_URL"]
    assert "${POSTGRES_PASSWORD" in database_url


# ---- Dockerfile ----


def test_the_dockerfile_builds_the_spa_with_node_and_runs_slim_python_and_nginx(stages):
    bases = {name: instructions(stage, "FROM")[0].split()[0] for name, stage in stages.items()}
    assert bases["spa"].startswith("node:20")
    assert bases["backend"] == bases["wheels"] == "python:3.11-slim"
    # `server … resolve` (re-resolved names, which kept-alive upstream connections need to
    # follow scaled or recreated backends) came to open-source nginx in 1.27.3.
    assert bases["nginx"] == "nginx:1.28-alpine"
    assert "npm ci --no-audit --no-fund" in instructions(stages["spa"], "RUN")
    assert "npm run build" in instructions(stages["spa"], "RUN")


def test_the_backend_installs_prebuilt_wheels_before_copying_the_source(stages):
    backend = stages["backend"]
    install = next(
        i for i, (name, arguments) in enumerate(backend) if name == "RUN" and "pip install" in arguments
    )
    assert "from=wheels" in backend[install][1] and "--no-index" in backend[install][1]
    assert not any("apt-get" in arguments for arguments in instructions(backend, "RUN"))
    first_copy = next(i for i, (name, _) in enumerate(backend) if name == "COPY")
    assert install < first_copy


def test_the_backend_image_holds_the_package_beside_its_migrations(stages):
    backend = stages["backend"]
    copied = {source for arguments in instructions(backend, "COPY") for source in arguments.split()[:-1]}
    assert copied == {"ticketsvc/", "migrations/", "wsgi.py", "gunicorn.conf.py"}
    assert instructions(backend, "WORKDIR") == ["/app"]
    assert "PYTHONPATH=/app" in instructions(backend, "ENV")[0].split()


@pytest.mark.parametrize("stage", ["backend", "nginx"])
def test_the_images_run_as_a_non_root_user(stages, stage):
    user = instructions(stages[stage], "USER")[-1]
    assert user not in {"root", "0"} and not user.startswith("0:")


def test_the_nginx_image_carries_the_spa_build_and_nginx_conf(stages):
    copies = instructions(stages["nginx"], "COPY")
    assert "nginx/nginx.conf /etc/nginx/nginx.conf" in copies
    assert "--from=spa /frontend/dist /usr/share/nginx/html" in copies


def test_no_secret_is_baked_into_an_image(stages):
    for stage in stages.values():
        for instruction, arguments in stage:
            if instruction in {"ENV", "ARG"}:
                assert not SECRET_NAME.search(arguments), arguments
            if instruction in {"COPY", "ADD"}:
                assert ".env" not in arguments, arguments
    ignored = (PROJECT_ROOT / ".dockerignore").read_text().split()
    assert {".env", ".git", ".venv", "instance", "**/node_modules", "frontend/dist"} <= set(ignored)


def _names_read_from_the_environment(monkeypatch) -> set[str]:
    """Every variable ticketsvc's Config and gunicorn.conf.py look up."""
    names: set[str] = set()

    class RecordingEnvironment(dict):
        def get(self, name, default=None):
            names.add(name)
            return super().get(name, default)

    monkeypatch.setattr(os, "environ", RecordingEnvironment())
    Config()
    runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    return names


def test_compose_refuses_to_start_without_a_secret_key(compose):
    secret_key = compose_environment(compose["services"]["backend"])["SECRET_KEY"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", secret_key), secret_key
    example = (PROJECT_ROOT / ".env.example").read_text()
    assert re.search(r"^SECRET_KEY=$", example, re.M), ".env.example must leave SECRET_KEY to fill in"
