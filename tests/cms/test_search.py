"""Search finds pages, events and plan measures in the reader's language."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def links(response):
    return [
        link["href"] for link in BeautifulSoup(response.content, "html.parser").select(".search-results a")
    ]


@pytest.fixture
def measure():
    """A measure of the test's own, added at the end of the Bulgarian plan; returns its address."""
    from cms.models import ActionPlanPage, Measure

    plan = ActionPlanPage.objects.get(locale__language_code="bg")
    last = plan.measures.count()
    plan.measures.add(
        Measure(locale=plan.locale, title="Велопоходи из квартала", spheres=["integration"], sort_order=last)
    )
    plan.save_revision().publish()
    return f"/bg/action-plan/#measure-{last + 1}"


def test_search_finds_a_measure_and_links_to_it(client, measure):
    response = client.get("/bg/search/", {"q": "велопоходи"})

    assert response.status_code == 200
    assert measure in links(response)


def test_search_finds_events_and_pages_in_the_readers_language(client):
    found = links(client.get("/en/search/", {"q": "Bulgarian"}))

    assert "/en/bureau/calendar/bulgarian-course-2026-11/" in found
    assert all(link.startswith("/en/") for link in found)


def test_search_in_arabic(client):
    found = links(client.get("/ar/search/", {"q": "الخصوصية"}))

    assert "/ar/privacy/" in found


def test_an_empty_search_asks_for_words(client):
    response = client.get("/fr/search/", {"q": ""})

    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("form .errorlist")


def test_the_menu_links_to_search_and_the_plan(client):
    nav = BeautifulSoup(client.get("/fa/").content, "html.parser").select_one("nav.main-nav")

    hrefs = [link["href"] for link in nav.find_all("a")]
    assert "/fa/action-plan/" in hrefs and "/fa/search/" in hrefs and "/fa/bureau/" in hrefs


def test_result_pages_keep_the_search(client, monkeypatch):
    monkeypatch.setattr("cms.views.RESULTS_PER_PAGE", 1)
    first = BeautifulSoup(client.get("/en/search/", {"q": "plan"}).content, "html.parser")

    next_page = first.select_one(".pagination a[rel=next]")["href"]

    assert next_page.startswith("?q=plan&page=2")
    second = client.get(f"/en/search/{next_page.split('#')[0]}")
    assert "Page 2 of" in second.content.decode()


@pytest.mark.parametrize("kind", ["password", "login"])
def test_a_private_page_is_not_found(client, kind):
    from wagtail.models import Page, PageViewRestriction

    privacy = Page.objects.get(url_path__endswith="/privacy/", locale__language_code="en")
    assert "/en/privacy/" in links(client.get("/en/search/", {"q": "privacy"}))
    PageViewRestriction.objects.create(page=privacy, restriction_type=kind, password="pw-1")

    assert "/en/privacy/" not in links(client.get("/en/search/", {"q": "privacy"}))


def test_a_private_plan_hides_its_measures(client, measure):
    from wagtail.models import PageViewRestriction

    from cms.models import ActionPlanPage

    plan = ActionPlanPage.objects.get(locale__language_code="bg")
    PageViewRestriction.objects.create(page=plan, restriction_type="login")

    assert measure not in links(client.get("/bg/search/", {"q": "велопоходи"}))
    client.force_login(UserFactory())
    assert measure in links(client.get("/bg/search/", {"q": "велопоходи"}))
