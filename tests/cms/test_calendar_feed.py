"""The bureau's calendar as an iCalendar subscription: what an anonymous visitor may open, in the
feed's language, whoever fetches it."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from cms.formats import format_list
from cms.models import EventIndexPage, EventPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
FEED = "/{code}/bureau/calendar/feed.ics"
INJECTED = "\rATTENDEE:mailto:evil@example.org\r\nBEGIN:VALARM"


def calendar_page(code="bg"):
    return EventIndexPage.objects.get(locale__language_code=code)


def events_of(response):
    assert response.status_code == 200
    return {str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


def uid(event):
    return f"bureau-event-{event.translation_key}@otvoren-grad"


def add_event(title="Среща", days=20, **fields):
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    event = calendar_page().add_child(
        instance=EventPage(title=title, slug=f"event-{days}-{len(title)}", start=start, **fields)
    )
    event.save_revision().publish()
    return event


def test_the_feed_is_a_calendar_file_cached_briefly(client):
    response = client.get(FEED.format(code="bg"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="calendar-bg.ics"'
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == calendar_page().title


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_feed_has_every_public_event_in_its_language(client, code):
    events = events_of(client.get(FEED.format(code=code)))

    expected = EventPage.objects.live().filter(locale__language_code=code)
    assert set(events) == {uid(event) for event in expected}
    assert len(events) == 4
    legal = expected.get(slug="legal-consultation-2026-12")
    entry = events[uid(legal)]
    assert str(entry["SUMMARY"]) == legal.title
    assert str(entry["LOCATION"]) == legal.place
    assert entry.decoded("DTSTART") == legal.start
    assert entry.decoded("DTEND") == legal.end
    assert entry.decoded("DTSTART").utcoffset() == timedelta(0)
    assert entry.decoded("DTSTAMP")
    assert str(entry["URL"]) == f"http://localhost/{code}/bureau/calendar/legal-consultation-2026-12/"
    assert str(entry["STATUS"]) == "CONFIRMED"
    description = str(entry["DESCRIPTION"])
    assert BeautifulSoup(legal.description, "html.parser").get_text() in description
    with translation.override(code):
        labels = format_list(language.label for language in legal.languages)
        assert description.endswith(gettext("Languages: %(languages)s") % {"languages": labels})


def test_an_event_keeps_its_uid_across_languages(client):
    bulgarian = set(events_of(client.get(FEED.format(code="bg"))))

    assert set(events_of(client.get(FEED.format(code="ar")))) == bulgarian


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_private_event_is_never_in_the_feed_whoever_fetches_it(client, restriction_type):
    private = add_event(title="Закрита среща")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=restriction_type, password="the-page-password"
    )
    public = add_event(title="Открита среща", days=21)
    if restriction_type == PageViewRestriction.PASSWORD:
        client.post(
            f"/bg/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
            {"password": "the-page-password", "return_url": private.url},
        )
    else:
        client.force_login(UserFactory())
    assert client.get(private.url).status_code == 200  # this visitor may open it …

    response = client.get(FEED.format(code="bg"))

    events = events_of(response)  # … but the feed is what anyone may see
    assert uid(public) in events
    assert uid(private) not in events
    assert "Закрита" not in response.content.decode()


def test_a_draft_or_unpublished_event_is_not_in_the_feed(client):
    event = add_event(title="Отменена среща")
    event.unpublish()

    assert uid(event) not in events_of(client.get(FEED.format(code="bg")))


def test_a_private_calendar_has_no_feed(client):
    PageViewRestriction.objects.create(page=calendar_page(), restriction_type=PageViewRestriction.LOGIN)
    client.force_login(UserFactory())

    assert client.get(FEED.format(code="bg")).status_code == 404


@pytest.mark.parametrize("path", ["/bg/bureau/feed.ics", "/bg/no-such-page/feed.ics", "/bg/feed.ics"])
def test_only_a_calendar_page_has_a_feed(client, path):
    assert client.get(path).status_code == 404


def test_the_feed_only_answers_reads(client):
    assert client.post(FEED.format(code="bg")).status_code == 405


def test_a_line_break_in_a_title_cannot_add_lines_to_the_feed(client):
    event = add_event(title=f"Курс{INJECTED}", place=f"Зала{INJECTED}", description=f"<p>Текст{INJECTED}</p>")

    content = client.get(FEED.format(code="bg")).content.decode()

    lines = content.splitlines()  # any line break a calendar program may honour
    assert not any(line.startswith(("ATTENDEE", "BEGIN:VALARM")) for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)  # folded by octets (RFC 5545, 3.1)
    entry = events_of(client.get(FEED.format(code="bg")))[uid(event)]
    assert entry.walk() == [entry]  # no alarm inside the event
    assert str(entry["SUMMARY"]).startswith("Курс\nATTENDEE:mailto:evil@example.org")
    assert str(entry["LOCATION"]).startswith("Зала\nATTENDEE")


def test_the_calendar_page_links_to_its_feed(client):
    page = BeautifulSoup(client.get("/fr/bureau/calendar/").content, "html.parser")

    links = {a["href"] for a in page.select(".calendar-subscription a")}
    assert links == {
        "webcal://localhost/fr/bureau/calendar/feed.ics",
        "http://localhost/fr/bureau/calendar/feed.ics",
    }
    with translation.override("fr"):
        assert page.select_one(".calendar-subscription h2").get_text(strip=True) == gettext(
            "Subscribe to this calendar"
        )
        assert page.select_one("a[href^=webcal]").get_text(strip=True) == gettext(
            "Subscribe in your calendar program"
        )


def test_the_feed_runs_the_same_queries_however_many_events(client):
    client.get(FEED.format(code="bg"))  # warm the per-process caches (site root paths)
    with CaptureQueriesContext(connection) as few:
        client.get(FEED.format(code="bg"))
    for day in range(30, 40):
        add_event(title=f"Курс {day}", days=day, place="Бюрото", description="<p>Текст</p>")
    with CaptureQueriesContext(connection) as many:
        assert len(events_of(client.get(FEED.format(code="bg")))) == 14

    assert len(many) == len(few)
