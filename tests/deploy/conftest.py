"""The compose stack without Docker, built from the very files compose uses.

- backend: docker-compose.yml's own backend command (migrate, then gunicorn with
  gunicorn.conf.py), run in a directory holding exactly what the Dockerfile's backend stage
  copies into /app, against a fresh database of its own; beside it compose's worker
  command, with mail written as files (MAIL_URL=file://…) where the journeys read it, and
  its events command (the streams of changes).
- nginx: nginx/nginx.conf with only the five strings its header names replaced, so it
  listens on loopback, proxies to that backend and its events server and serves a given
  SPA build.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
import yaml

from tests.conftest import empty_database
from tests.deploy.deploy_stack import (
    REAL_SPA_BUILD,
    Site,
    compose_environment,
    dockerfile_stages,
    healthcheck_command,
    render_nginx_conf,
    skip_or_fail,
    stop,
    wait_for_port,
    wait_until_healthy,
)
from tests.staff import insert_staff
from tests.system_tools import require_binary
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.devtools.local_gunicorn import free_port

# Where compose's events command listens, and nginx.conf's events upstream points.
EVENTS_PORT = 8001


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


# ---- backend ----


@pytest.fixture(scope="session")
def deploy_database_url(database_url):
    """An empty database beside the suite's: the backend's own command must migrate it."""
    with empty_database(database_url, urlsplit(database_url).path.lstrip("/") + "_deploy") as url:
        yield url


@pytest.fixture(scope="session")
def image_app_dir(tmp_path_factory) -> Path:
    """/app as the Dockerfile's backend stage fills it: only what its COPY lines name."""
    app_dir = tmp_path_factory.mktemp("app")
    for instruction, arguments in dockerfile_stages()["backend"]:
        if instruction != "COPY" or arguments.startswith("--"):
            continue
        *sources, destination = arguments.split()
        target = app_dir / destination
        for source in (PROJECT_ROOT / name for name in sources):
            if source.is_dir():
                shutil.copytree(
                    source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / source.name)
    return app_dir


@dataclass
class Backend:
    port: int
    database_url: str
    pid: int  # gunicorn's master: the command's shell execs it
    log: Path
    mail_directory: Path  # where the worker delivers the mail, as .eml files
    public_port: int  # PUBLIC_URL's: the links in its mail lead to the real SPA build's nginx
    events_port: int  # where compose's events command serves the streams of changes


@pytest.fixture(scope="session")
def backend(compose, image_app_dir, deploy_database_url, tmp_path_factory):
    """Compose's backend command, with compose's literal settings (TRUSTED_PROXIES=1)."""
    service = compose["services"]["backend"]
    port = free_port()
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GEMINI_", "GUNICORN_", "DATABASE_URL"))
    }
    environment.update(
        {
            name: value
            for name, value in compose_environment(service).items()
            if value is not None and "$" not in value
        }
    )
    environment.update(
        {
            # The venv stands in for the image's site-packages, PYTHONPATH for its ENV.
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}",
            "PYTHONPATH": str(image_app_dir),
            "DATABASE_URL": deploy_database_url,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            # What an operator's .env holds; the tests reach nginx over plain http.
            "SECRET_KEY": "a-secret-key-of-this-deployment",
            "SESSION_COOKIE_SECURE": "false",
        }
    )
    directory = tmp_path_factory.mktemp("backend")
    mail_directory = directory / "mail"
    mail_directory.mkdir()  # the journeys look in it before the first mail is written
    public_port = free_port()
    environment.update(
        {
            "MAIL_URL": mail_directory.as_uri(),
            "MAIL_FROM": "Support <support@ticketsvc.test>",
            "PUBLIC_URL": f"http://127.0.0.1:{public_port}",
        }
    )
    log = directory / "backend.log"
    process = _start(service["command"], image_app_dir, environment, log)
    worker = events = None
    try:
        wait_until_healthy(healthcheck_command(compose, port), process, log)
        # As compose starts it: once the backend is healthy (migrated).
        worker_command = compose["services"]["worker"]["command"]
        worker = _start(worker_command, image_app_dir, environment, directory / "worker.log")
        events_port = free_port()
        events_command = [
            _on_loopback(part, events_port) for part in compose["services"]["events"]["command"]
        ]
        events = _start(events_command, image_app_dir, environment, directory / "events.log")
        wait_for_port(events_port, events, directory / "events.log")
        # The accounts an operator would make with `flask users create` after the first start.
        engine = sa.create_engine(deploy_database_url)
        with engine.begin() as connection:
            insert_staff(connection)
        engine.dispose()
        yield Backend(port, deploy_database_url, process.pid, log, mail_directory, public_port, events_port)
    finally:
        for helper in (worker, events):
            if helper is not None:
                stop(helper)
        stop(process)


def _on_loopback(argument: str, port: int) -> str:
    """An argument of compose's events command, listening on loopback at port instead."""
    return {"0.0.0.0": "127.0.0.1", str(EVENTS_PORT): str(port)}.get(argument, argument)


def _start(command: list[str], app_dir: Path, environment: dict, log: Path) -> subprocess.Popen:
    """One of compose's commands in a process group of its own, its output in log."""
    with log.open("wb") as output:
        return subprocess.Popen(
            command,
            cwd=app_dir,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


# ---- nginx ----


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    return require_binary("nginx", "nginx")


@pytest.fixture(scope="session")
def nginx_prefix():
    """A fresh directory per nginx: its config, pid file, temp files, log and SPA copy."""
    prefixes = []

    def make() -> Path:
        # Started as root, nginx runs its workers as an unprivileged user, to whom pytest's
        # own temp directories (mode 700) are closed.
        prefix = Path(tempfile.mkdtemp(prefix="ticketsvc-nginx-"))
        prefix.chmod(0o755)
        prefixes.append(prefix)
        return prefix

    yield make
    for prefix in prefixes:
        shutil.rmtree(prefix, ignore_errors=True)


@pytest.fixture(scope="session")
def start_nginx(nginx_binary, nginx_prefix):
    """Start nginx.conf, rendered for loopback, in front of `upstream_port` with `spa_build`,
    listening on `port` (a free one if not given)."""
    processes = []

    def start(
        spa_build: Path, upstream_port: int, port: int | None = None, events_port: int | None = None
    ) -> Site:
        prefix, port = nginx_prefix(), port or free_port()
        # A copy, readable by nginx's workers, which the SPA helper's rebuilds cannot touch.
        shutil.copytree(spa_build, prefix / "html")
        for directory in (prefix / "html", *(prefix / "html").rglob("*/")):
            directory.chmod(0o755)
        conf, log = prefix / "nginx.conf", prefix / "nginx.log"
        conf.write_text(
            render_nginx_conf(
                upstream_port=upstream_port,
                # Nothing listening there (a 502) unless a test starts the events server.
                events_port=events_port or free_port(),
                static_root=prefix / "html",
                listen_port=port,
                prefix=prefix,
            )
        )
        with log.open("wb") as output:
            # The nginx image's CMD, `nginx -g 'daemon off;'`, on this prefix and config.
            process = subprocess.Popen(
                [nginx_binary, "-p", str(prefix), "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        processes.append(process)
        wait_for_port(port, process, log)
        return Site(port)

    yield start
    for process in processes:
        stop(process)


@pytest.fixture(scope="session")
def fake_spa_build(tmp_path_factory) -> Path:
    """A stand-in for `npm run build`: index.html and hashed assets, laid out as Vite does."""
    build = tmp_path_factory.mktemp("fake-dist")
    (build / "assets").mkdir()
    (build / "index.html").write_text(
        '<!doctype html><html><head><script type="module" crossorigin '
        'src="/assets/index-Ab12Cd34.js"></script><link rel="stylesheet" crossorigin '
        'href="/assets/index-Ef56Gh78.css"></head><body><div id="root"></div></body></html>'
    )
    # Above gzip_min_length, as any real bundle is.
    (build / "assets" / "index-Ab12Cd34.js").write_text("console.log('ticketsvc');\n" * 200)
    (build / "assets" / "index-Ef56Gh78.css").write_text("body { margin: 0; }\n" * 100)
    return build


@pytest.fixture(scope="session")
def site(start_nginx, backend, fake_spa_build) -> Site:
    """nginx with the fake SPA build, in front of the live backend."""
    return start_nginx(fake_spa_build, backend.port, events_port=backend.events_port)


@pytest.fixture(scope="session")
def real_build_site(start_nginx, backend) -> Site:
    """nginx with the SPA's real build (frontend/dist), in front of the live backend."""
    if not (REAL_SPA_BUILD / "index.html").is_file():
        skip_or_fail("frontend/dist/index.html does not exist yet: build the SPA (make spa)")
    return start_nginx(REAL_SPA_BUILD, backend.port, backend.public_port, backend.events_port)


@pytest.fixture(scope="session")
def dead_backend_site(start_nginx, fake_spa_build) -> Site:
    """nginx whose upstream port has nothing listening, as when every backend is down."""
    return start_nginx(fake_spa_build, free_port())
