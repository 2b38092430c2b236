"""Shared fixtures: the app on the committed bundle, a Flask test client, and a live gunicorn server."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from babel.messages.frontend import CommandLineInterface

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = Path(os.environ.get("RAW_DIR") or REPO.parent / "shared" / "data" / "raw")
VENV_BIN = Path(sys.executable).parent
# the app builds each page's default view before serving (factory.prime) unless told not to: tests that want it
# ask for it (tests/test_prime.py), every other app and server of the suite starts without it
os.environ.setdefault("PRIME", "off")


def pytest_configure(config):
    """The app reads compiled catalogues (.mo files, built, not committed): compile any that is missing or older
    than its .po before the test modules import the app, as `make test` does through `make mo`, so that
    `python -m pytest` works on a fresh checkout too. Under pytest-xdist only the controller compiles."""
    if hasattr(config, "workerinput"):
        return
    for po in sorted((REPO / "translations").glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            CommandLineInterface().run(["pybabel", "compile", "-d", str(REPO / "translations"),
                                        "-l", po.parents[1].name])


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Items that share one node id get their parameters back in it: schemathesis names each API operation's test
    ``test_...[GET /api/v1/...]`` but pytest 9 builds the id without the bracket, so the ids of tests/test_openapi.py
    repeat, and pytest-xdist (`make test`) keeps one item per id: ten operations would go unchecked."""
    counts = Counter(item.nodeid for item in items)
    for item in items:
        if counts[item.nodeid] > 1 and "[" in item.name and hasattr(item, "_id"):
            item._id = item._id.with_params(item.name.partition("[")[2].removesuffix("]"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs `-n 2 --dist loadfile`: each test file runs on one worker (its module fixtures are built
    once), and the tests of the source ingests (tests/ingest/, but the geography) run on one worker together, so
    each source is ingested from the staged raw files once and the bundle rebuild reuses it (``real_ingest``)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "tests/ingest" if path.startswith("tests/ingest/") and not path.endswith("geography.py") else path

    return FileScheduling(config, log)


def router_body(pathname: str, search: str = "") -> dict:
    """The body Dash posts to ask the router (dashboard/factory.py render_page) for the page at a URL, as after a
    link inside the app (Dash's layout did not bring that page)."""
    return {"output": "..page.children...page-title.data...page-shown.data..",
            "outputs": [{"id": "page", "property": "children"}, {"id": "page-title", "property": "data"},
                        {"id": "page-shown", "property": "data"}],
            "inputs": [{"id": "url", "property": "pathname", "value": pathname},
                       {"id": "url-popstate", "property": "data", "value": None}],
            "changedPropIds": ["url.pathname"],
            "state": [{"id": "url", "property": "search", "value": search},
                      {"id": "page-shown", "property": "data", "value": None}]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app():
    from dashboard.factory import create_app
    from dashboard.settings import Settings

    # rate limits off for the shared test app (the suite sends hundreds of API requests a minute from one
    # address); tests/test_hardening.py checks the limits on an app of its own
    # and no background chart snapshots (tests/test_snapshots.py draws them on an app of its own)
    return create_app(Settings.from_env({"RATE_LIMITS": "off", "SNAPSHOTS": "off", "PRIME": "off"}))


@pytest.fixture()
def client(app):
    return app.server.test_client()


def start_gunicorn(port: int, env: dict | None = None, workers: int = 2, threads: int = 2,
                   cwd: Path | None = None) -> subprocess.Popen:
    """gunicorn serving ``app:server`` of this checkout (or of ``cwd``, another checkout: bench/first_view_ab.py)
    on loopback, once it answers /healthz."""
    gunicorn = shutil.which("gunicorn", path=str(VENV_BIN)) or "gunicorn"
    proc = subprocess.Popen(
        [gunicorn, "app:server", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
         "--timeout", "60", "--no-control-socket", "--preload"],
        cwd=cwd or REPO, env={**os.environ, "RATE_LIMITS": "off", "SNAPSHOTS": "off", "PUBLIC_URL": f"http://127.0.0.1:{port}",
                       **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )
    return wait_until_up(proc, f"http://127.0.0.1:{port}/healthz")


def wait_until_up(proc: subprocess.Popen, url: str, timeout: float = 60) -> subprocess.Popen:
    """``proc`` once ``url`` answers 200; it is stopped and an error raised if it exits or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited early:\n{proc.stdout.read() if proc.stdout else ''}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out or ""


def start_redis(tmp_path: Path) -> tuple[int, Path]:
    """A throwaway redis-server on a free loopback port (no persistence): (port, pidfile); stop with stop_redis."""
    import redis

    exe = shutil.which("redis-server")
    assert exe, "redis-server is required (make test installs it)"
    port = free_port()
    pidfile = tmp_path / "redis.pid"
    subprocess.run([exe, "--port", str(port), "--bind", "127.0.0.1", "--daemonize", "yes", "--save", "",
                    "--appendonly", "no", "--pidfile", str(pidfile)], check=True)
    client = redis.Redis(port=port)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    return port, pidfile


def stop_redis(pidfile: Path) -> None:
    if pidfile.exists():
        subprocess.run(["kill", pidfile.read_text().strip()], check=False)


@pytest.fixture(scope="session")
def live_server():
    port = free_port()
    proc = start_gunicorn(port)
    yield f"http://127.0.0.1:{port}"
    stop(proc)
