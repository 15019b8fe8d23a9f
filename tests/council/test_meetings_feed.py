"""The council's public meetings as an iCalendar subscription: open to everyone, in every language,
and never a meeting, an agenda item or an online link the officers did not make public."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar

from council.models import Meeting
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

FEED = "/{code}/council/meetings.ics"
INJECTED = "\rATTENDEE:mailto:evil@example.org\r\nBEGIN:VALARM"


def next_week():
    return (timezone.now() + timedelta(days=7)).replace(microsecond=0)  # iCalendar has whole seconds


def uid(meeting):
    return f"council-meeting-{meeting.pk}@otvoren-grad"


def events_of(response):
    assert response.status_code == 200
    return {str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.fixture
def meetings():
    """A public meeting with a public and a closed agenda item, and a meeting that is not public."""
    public = MeetingFactory(
        title="Открито заседание",
        starts_at=next_week(),
        status="planned",
        place="Зала 1, Столична община",
        online_link="https://meet.example.org/secret-room",
        is_public=True,
    )
    AgendaItemFactory(meeting=public, title="Открита точка", is_public=True)
    AgendaItemFactory(meeting=public, title="Закрита точка", is_public=False)
    closed = MeetingFactory(
        title="Закрито заседание", starts_at=next_week(), status="planned", is_public=False
    )
    AgendaItemFactory(meeting=closed, title="Точка на закритото заседание", is_public=True)
    return public, closed


@pytest.mark.parametrize("code", ["bg", "en", "fr", "ar", "fa"])
def test_anyone_gets_exactly_the_public_meetings(client, meetings, code):
    response = client.get(FEED.format(code=code))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="council-meetings-{code}.ics"'
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    events = events_of(response)
    assert set(events) == {uid(meeting) for meeting in Meeting.objects.public()}
    calendar = Calendar.from_ical(response.content)
    with translation.override(code):
        assert str(calendar["X-WR-CALNAME"]) == gettext("Public meetings of the refugee advisory council")


def test_a_public_meeting_shows_its_place_and_public_items_only(client, meetings):
    public, closed = meetings

    response = client.get(FEED.format(code="en"))

    entry = events_of(response)[uid(public)]
    assert str(entry["SUMMARY"]) == public.title
    assert str(entry["LOCATION"]) == public.place
    assert entry.decoded("DTSTART") == public.starts_at
    assert entry.decoded("DTEND") - entry.decoded("DTSTART") == timedelta(hours=2)
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["DESCRIPTION"]) == "1. Открита точка"
    assert str(entry["URL"]) == "http://localhost/en/decisions/"
    content = response.content.decode()
    for secret in ("Закрита точка", "secret-room", closed.title, "Точка на закритото"):
        assert secret not in content


def test_a_meeting_that_is_not_public_stays_out_even_for_members(client, meetings):
    public, closed = meetings
    member = MembershipFactory(role="chair")
    client.force_login(member.user)

    events = events_of(client.get(FEED.format(code="bg")))

    assert uid(public) in events
    assert uid(closed) not in events


def test_the_feed_opens_nothing_else_of_the_council_area(client, meetings):
    public, _closed = meetings

    assert client.get(f"/en/council/meetings/{public.pk}/").status_code == 302  # to the login page
    assert client.post(FEED.format(code="en")).status_code == 405


def test_a_meeting_made_private_leaves_the_cached_feed_at_once(client, meetings, settings):
    settings.PAGE_CACHE_SECONDS = 60  # anonymous visitors share cached responses
    public, _closed = meetings
    assert uid(public) in events_of(client.get(FEED.format(code="en")))

    public.is_public = False
    public.save()

    assert uid(public) not in events_of(client.get(FEED.format(code="en")))


def test_a_cancelled_public_meeting_is_marked_cancelled(client, meetings):
    public, _closed = meetings
    public.status = Meeting.Status.CANCELLED
    public.save()

    entry = events_of(client.get(FEED.format(code="fr")))[uid(public)]

    assert str(entry["STATUS"]) == "CANCELLED"


def test_a_line_break_in_a_title_cannot_add_lines_to_the_feed(client):
    meeting = MeetingFactory(title="Заседание", starts_at=next_week(), place="Зала", is_public=True)
    # Saved past the model's own clean-up, as a script or an import could.
    Meeting.objects.filter(pk=meeting.pk).update(title=f"Заседание{INJECTED}", place=f"Зала{INJECTED}")
    AgendaItemFactory(meeting=meeting, title=f"Точка{INJECTED}", is_public=True)

    content = client.get(FEED.format(code="bg")).content.decode()

    lines = content.splitlines()
    assert not any(line.startswith(("ATTENDEE", "BEGIN:VALARM")) for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)
    entry = events_of(client.get(FEED.format(code="bg")))[uid(meeting)]
    assert entry.walk() == [entry]
    assert str(entry["SUMMARY"]) == "Заседание\nATTENDEE:mailto:evil@example.org\nBEGIN:VALARM"
    assert "1. Точка\nATTENDEE:mailto:evil@example.org" in str(entry["DESCRIPTION"])


def test_the_public_decisions_page_links_to_the_feed(client):
    page = BeautifulSoup(client.get("/ar/decisions/").content, "html.parser")

    links = {a["href"] for a in page.select(".calendar-subscription a")}
    assert links == {"webcal://localhost/ar/council/meetings.ics", "http://localhost/ar/council/meetings.ics"}
    with translation.override("ar"):
        assert page.select_one("a[href^=webcal]").get_text(strip=True) == gettext(
            "Subscribe in your calendar program"
        )


def test_the_feed_runs_the_same_queries_however_many_meetings(client, meetings):
    client.get(FEED.format(code="bg"))
    with CaptureQueriesContext(connection) as few:
        client.get(FEED.format(code="bg"))
    for day in range(10):
        meeting = MeetingFactory(starts_at=next_week() + timedelta(days=day), is_public=True)
        AgendaItemFactory(meeting=meeting, is_public=True)
        AgendaItemFactory(meeting=meeting, is_public=True)
    with CaptureQueriesContext(connection) as many:
        client.get(FEED.format(code="bg"))

    assert len(many) == len(few)
