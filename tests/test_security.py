"""Security headers, no inline script or style (so the strict policy holds), and the limit on every
writing request."""

import pytest
from bs4 import BeautifulSoup

from cms import ratelimit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/bg/",
    "/en/action-plan/",
    "/ar/consultations/action-plan-2026/",
    "/fa/consultations/bureau-services-2026/report/",
    "/fr/bureau/calendar/",
    "/en/accounts/signup/",
    "/en/decisions/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_carry_a_strict_policy_and_refuse_framing(client, url):
    response = client.get(url)

    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_have_no_inline_script_or_style(client, url):
    client.force_login(UserFactory())  # the signed-in page has the most forms
    soup = BeautifulSoup(client.get(url).content, "html.parser")

    assert all(script.get("src") for script in soup.find_all("script"))
    assert not soup.find_all("style")
    assert not soup.select("[style]")
    assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)]


def test_every_writing_request_counts_against_a_budget_per_person(client, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, ("write", "user"), (3, 600))
    client.force_login(UserFactory())

    answers = [client.post("/en/council/meetings/1/motions/").status_code for _request in range(4)]

    assert answers[:3] == [403, 403, 403]  # refused by the view: not a council member
    assert answers[3] == 429


def test_addresses_behind_the_proxy_have_their_own_budget(client, monkeypatch, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    monkeypatch.setitem(ratelimit.LIMITS, ("write", "ip"), (2, 600))

    def login_from(address):
        return client.post(
            "/en/accounts/login/", {"login": "x@example.org", "password": "x"}, HTTP_X_FORWARDED_FOR=address
        ).status_code

    assert [login_from("203.0.113.7") for _request in range(3)] == [200, 200, 429]
    assert login_from("198.51.100.20") == 200


def test_the_limit_page_is_translated(client, monkeypatch):
    monkeypatch.setitem(ratelimit.LIMITS, ("write", "ip"), (0, 600))

    response = client.post("/fr/accounts/login/", {"login": "x@example.org", "password": "x"})

    assert response.status_code == 429
    assert 'lang="fr"' in response.content.decode()


def test_the_admin_has_a_larger_budget_of_its_own(client, monkeypatch):
    """Wagtail's editor pings and autosaves by POST every few seconds: the participants' budget
    would stop an editor at work, a budget of its own still stops a script."""
    monkeypatch.setitem(ratelimit.LIMITS, ("write", "user"), (1, 600))
    monkeypatch.setitem(ratelimit.LIMITS, ("admin-write", "user"), (3, 600))
    client.force_login(UserFactory(roles=["Editors"]))

    answers = [client.post("/admin/pages/search/").status_code for _request in range(4)]

    assert 429 not in answers[:3] and answers[3] == 429


def test_an_expired_form_says_so_in_the_readers_language(client):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")

    response = browser.post("/ar/accounts/login/", {"login": "x@example.org", "password": "x"})

    assert response.status_code == 403
    page = response.content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    assert "<h1>" in page and "CSRF" not in page
