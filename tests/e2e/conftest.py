"""A real Chromium driving the demo site served by a live server thread.

The journeys commit what they do (the server runs in another thread, outside any test
transaction), so `tests/conftest.py` orders them after the tests that expect the untouched demo.
Each journey works with accounts and content of its own.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import translation

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTEFACTS = Path(settings.BASE_DIR) / "test-artefacts"
# The flags this machine's closed network needs: no background connections to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def t(language, message, plural=None, **values):
    """The interface text a reader of `language` sees, so the journeys read the page as they do."""
    with translation.override(language):
        if plural:
            text = translation.ngettext(message, plural, values["counter"])
        else:
            text = translation.gettext(message)
    return text % values if values else text


def label(language, message):
    """The whole text of a form label in `language`, with or without Django's label suffix."""
    return re.compile(rf"^\s*{re.escape(t(language, message))}[\s:：]*$", re.IGNORECASE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def _page_cache(settings):
    """The browser sees the site as visitors do, with the anonymous page cache."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        yield server.url
        server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop in this thread; the ORM calls the tests make
    # between two browser steps are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def open_browser(request, browser, site_url):
    """Opens a tab (its own cookies), signed in as `user` if given; on failure each tab leaves a
    screenshot in test-artefacts/. Anything the Content-Security-Policy blocked fails the test."""
    contexts = []
    blocked = []

    def watch(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            blocked.append(f"{message.page.url}: {message.text}")

    def open_tab(user=None, width=1024):
        context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        if user is not None:
            context.add_cookies([session_cookie(user, site_url)])
        contexts.append(context)
        context.on("console", watch)
        return context.new_page()

    yield open_tab
    if getattr(request.node, "journey_failed", False):
        ARTEFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        for number, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=ARTEFACTS / f"{name}-{number}.png", full_page=True)
    for context in contexts:
        context.close()
    assert not blocked, blocked


def session_cookie(user, site_url):
    """A signed-in session made on the server side: journeys other than signup skip the login form."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": site_url}


@pytest.fixture
def consultation():
    from consultation.models import ConsultationPage

    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="en")
