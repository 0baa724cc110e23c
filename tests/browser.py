"""A built site served on 127.0.0.1 and Debian's chromium driven by Playwright, for browser tests.

Browser tests skip, loudly, only when there is no `chromium` on the machine;
any other problem (Playwright missing, a browser that does not start) fails
them, so a broken setup never passes for a green run.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_or_skip() -> str:
    path = shutil.which("chromium")
    if not path:
        reason = ("CHROMIUM NOT FOUND: browser tests skipped (Debian: apt-get install chromium); "
                  "the built site's behaviour in a browser is NOT checked")
        warnings.warn(reason, pytest.PytestWarning, stacklevel=2)  # shown in the summary even without -rs
        pytest.skip(reason)
    return path


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) in a thread; yields the base address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a browser that moves on mid-download closes the connection: not news

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_address(base: str, path: str) -> str:
    """The address a reader follows for a built page: ``events/x/index.html`` -> ``<base>/events/x/``."""
    return f"{base}/{path.removesuffix('index.html')}"


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless chromium (Debian's, through Playwright)."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did that it should not: dialogs, requests to other hosts, console errors."""

    base: str
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)  # messages of type error (failed loads too)
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions

    def attach(self, page) -> None:
        host = urlsplit(self.base).netloc

        def on_dialog(dialog):
            self.dialogs.append(f"{page.url}: {dialog.type} {dialog.message!r}")
            dialog.dismiss()

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("data", "blob", "about") or parts.netloc == host:
                return
            self.foreign_requests.append(f"{page.url} -> {request.url}")

        def on_console(message):
            if message.type == "error":
                source = (message.location or {}).get("url") or ""
                where = f" ({source})" if source and source != page.url else ""
                self.console_errors.append(f"{page.url}: {message.text}{where}")

        page.on("dialog", on_dialog)
        page.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
