"""Anonymous visitors get cached pages per language; signed-in pages are never shared; publishing
and moderation show at once."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from cms import page_cache
from consultation.models import Comment, ConsultationPage, ModerationStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/en/consultations/action-plan-2026/"


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_a_second_anonymous_visit_runs_no_query(client, django_assert_num_queries):
    first = client.get(OPEN)

    with django_assert_num_queries(0):
        second = client.get(OPEN)

    assert second.content == first.content


def test_each_language_has_its_own_copy(client):
    english = client.get("/en/consultations/")
    arabic = client.get("/ar/consultations/")

    assert b'lang="en"' in english.content and b'lang="ar"' in arabic.content
    assert client.get("/en/consultations/").content == english.content


def test_a_signed_in_page_is_never_shared(client):
    client.get(OPEN)
    user = UserFactory(display_name="Private Person")
    client.force_login(user)
    signed_in = client.get(OPEN)
    client.logout()
    anonymous = client.get(OPEN)

    assert b"Private Person" in signed_in.content
    assert b"Private Person" not in anonymous.content
    assert b"Sign in" in anonymous.content


def test_signed_in_visitors_never_get_the_anonymous_copy(client):
    client.get(OPEN)
    client.force_login(UserFactory(display_name="Nadia"))

    assert b"Nadia" in client.get(OPEN).content


def test_publishing_a_page_shows_at_once(client):
    client.get(OPEN)
    page = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="en")
    page.title = "A new title for the draft plan"
    page.save_revision().publish()

    assert b"A new title for the draft plan" in client.get(OPEN).content


def test_hiding_a_comment_shows_at_once(client):
    comment = Comment.objects.filter(status=ModerationStatus.PUBLISHED, parent__isnull=True).first()
    assert b"Off topic" not in client.get("/bg/consultations/action-plan-2026/").content
    comment.status = ModerationStatus.HIDDEN
    comment.moderation_reason = "Off topic"
    comment.save()

    assert b"Off topic" in client.get("/bg/consultations/action-plan-2026/").content


def test_the_login_page_sets_its_own_token_for_everyone(client):
    first = client.get("/en/accounts/login/")
    client.cookies.clear()
    second = client.get("/en/accounts/login/")

    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_addresses_with_a_query_string_are_never_stored(client, django_assert_max_num_queries):
    """Otherwise `?x=<random>` would fill the cache and push out the rate-limit counters."""
    client.get(OPEN, {"x": "1"})

    with django_assert_max_num_queries(50) as captured:
        client.get(OPEN, {"x": "1"})
    assert len(captured) > 0


@pytest.mark.parametrize("door", ["", "report/", "report.csv"])
def test_a_page_made_private_leaves_the_cache_at_once(client, door):
    from wagtail.models import PageViewRestriction

    url = f"/en/consultations/bureau-services-2026/{door}"
    assert client.get(url).status_code == 200  # the public copy, now cached
    page = ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="en")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="pw-1")

    response = client.get(url)
    assert b'name="password"' in response.content
    assert b'name="password"' in client.get(url).content  # and the password form is not stored either

    restriction.delete()
    assert b'name="password"' not in client.get(url).content


def test_the_port_makes_no_new_copy(client, django_assert_num_queries):
    client.get(OPEN, HTTP_HOST="localhost:8000")

    with django_assert_num_queries(0):
        client.get(OPEN, HTTP_HOST="localhost:8001")
    with django_assert_num_queries(0):
        client.get(OPEN, HTTP_HOST="LOCALHOST")


@pytest.mark.parametrize("seconds", [60, 0])
def test_an_unknown_host_is_refused_before_the_cache(client, settings, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    client.get(OPEN)

    response = client.get(OPEN, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert b"Sign in" not in response.content


def test_a_signed_in_page_asks_the_cache_for_the_pages_state_once(client, monkeypatch):
    """The routes, the menu and the footer share one reading of the generation: each was a round
    trip to Redis on every signed-in page and council vote (benchmarks/council_votes.py)."""
    reads = Counter()
    get_or_set = cache.get_or_set

    def counted(key, *args, **kwargs):
        reads[key] += 1
        return get_or_set(key, *args, **kwargs)

    client.force_login(UserFactory())
    monkeypatch.setattr(cache, "get_or_set", counted)
    page = client.get(OPEN)

    assert page.status_code == 200
    assert b'<footer class="site-footer">' in page.content  # the menu and the footer, both shared
    assert reads[page_cache.GENERATION_KEY] == 1


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_it():
    """A request reads the state once, but what it changes itself it then sees: what it works out
    afterwards is filed under the new state."""
    # As the test client does, so that the test's transaction stays open.
    request_started.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        before = page_cache.generation()
        assert page_cache.generation() == before  # read once
        ConsultationPage.objects.get(
            slug="action-plan-2026", locale__language_code="en"
        ).save_revision().publish()
        assert page_cache.generation() > before
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
