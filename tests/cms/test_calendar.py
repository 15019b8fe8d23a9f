"""The bureau's monthly calendar of activities."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from cms.models import EventPage
from cms.models.events import ActivityLanguage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def event_titles(response):
    return [item.h3.get_text(strip=True) for item in soup(response).select(".event-list .event") if item.h3]


def test_a_month_lists_its_events_in_order(client):
    response = client.get("/bg/bureau/calendar/?month=2026-12")

    assert response.status_code == 200
    titles = event_titles(response)
    december = EventPage.objects.filter(locale__language_code="bg", start__month=12).order_by("start")
    assert titles == [event.title for event in december]
    assert len(titles) == 3


def test_month_links_move_through_the_calendar(client):
    page = soup(client.get("/en/bureau/calendar/?month=2026-12"))

    assert page.select_one("a[rel=prev]")["href"] == "?month=2026-11"
    assert page.select_one("a[rel=next]")["href"] == "?month=2027-01"
    assert event_titles(client.get("/en/bureau/calendar/?month=2027-01")) == []


def test_each_event_says_when_where_and_in_which_languages(client):
    response = client.get("/ar/bureau/calendar/?month=2026-12")

    assert soup(response).html["dir"] == "rtl"
    legal = next(
        item for item in soup(response).select(".event-list .event") if "legal-consultation" in item.a["href"]
    )
    facts = legal.select_one(".event-facts").get_text(" ", strip=True)
    assert "10:00" in facts and "13:00" in facts
    assert "العربية" in facts and "الفارسية" in facts


def test_an_invalid_month_is_explained_and_shows_this_month(client):
    response = client.get("/fr/bureau/calendar/?month=december")

    assert response.status_code == 200
    assert soup(response).select_one("form .errorlist")


@pytest.mark.parametrize("code", ["bg", "en", "fr", "ar", "fa"])
def test_events_are_translated(client, code):
    response = client.get(f"/{code}/bureau/calendar/legal-consultation-2026-12/")

    assert response.status_code == 200
    event = EventPage.objects.get(slug="legal-consultation-2026-12", locale__language_code=code)
    assert soup(response).h1.get_text() == event.title


def test_activity_languages_are_the_sites_languages():
    assert ActivityLanguage.values == [code for code, _name in settings.LANGUAGES]


def test_the_calendar_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get("/bg/bureau/calendar/?month=2026-12")
    with django_assert_max_num_queries(15):
        client.get("/bg/bureau/calendar/?month=2026-12")
