"""Browser tests: headless Debian Chromium driven by Playwright's sync API, against
pytest-django's live server.

Never downloads a browser: Chromium comes from Debian (``/usr/bin/chromium``,
``make chromium`` installs it). Every module here is marked ``e2e``; ``make test-e2e``
runs them with ``-m e2e`` and the other suites skip them with ``-m "not e2e"``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread (inside a
# greenlet). Django sees that running loop and refuses ORM calls from this thread with
# SynchronousOnlyOperation, although nothing here is async: the fixtures that load data
# and the assertions that read the database run strictly between browser calls. The
# live server answers the browser from its own thread, which has no loop, so the
# setting only affects this test thread. Set before any test runs.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("XASO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCALE = "vi-VN"
TIMEZONE = "Asia/Ho_Chi_Minh"
TIMEOUT_MS = 10_000  # fail fast: every page here answers in milliseconds


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Factory for extra contexts (e.g. JavaScript off); all closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("locale", LOCALE)
        options.setdefault("timezone_id", TIMEZONE)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A fresh page in a fresh context (no cookies carried between tests)."""
    return new_context().new_page()


@pytest.fixture
def server(live_server) -> str:
    """Base URL of the live server, without the trailing slash. pytest-django serves
    static files through the staticfiles finders here, whatever DEBUG is."""
    return live_server.url


@pytest.fixture
def longhe(transactional_db):
    """Xã Long Hẹ and its demo accounts (password ``DEMO_PASSWORD``)."""
    from xaso.seed.demo import create_demo_accounts
    from xaso.seed.loader import load_org_units

    load_org_units()
    return create_demo_accounts()
