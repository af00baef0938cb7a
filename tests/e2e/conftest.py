"""Browser tests in real Chromium (Debian's, via Playwright): build the site once, serve it over HTTP on
localhost, fail a test on any request that leaves this origin and on any console error."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading

import pytest

from tests.conftest import ROOT
from tests.e2e.driver import BOOT_TIMEOUT_MS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> str:
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return str(site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(_QuietHandler, directory=built_site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM")
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ru-RU", "service_workers": "block"}


class Watch:
    """Every request the page and its workers make, and every console error."""

    def __init__(self, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []

    def route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.origin) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def console(self, message):
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def watch(context, site_url):
    w = Watch(site_url.rstrip("/"))
    context.route("**/*", w.route)
    context.on("console", w.console)
    context.on("weberror", lambda error: w.errors.append(str(error.error)))
    yield w
    assert w.outside == [], f"requests left the site: {w.outside}"
    assert w.errors == [], f"console errors: {w.errors}"


@pytest.fixture
def checker(page, site_url, watch):
    """The checker page, opened, with the engine ready."""
    page.goto(site_url + "checker/")
    page.wait_for_selector("#cs-result[data-boot-ms]", state="attached", timeout=BOOT_TIMEOUT_MS)
    return page
