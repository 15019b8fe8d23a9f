"""The calendar file of an invitation: what officers type stays text, whatever it contains."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from council.models import AgendaItem, Meeting, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def next_week():
    return (timezone.now() + timedelta(days=7)).replace(microsecond=0)  # iCalendar has whole seconds


INJECTED = "\rATTENDEE:mailto:evil@example.org\r\nBEGIN:VALARM"


def test_a_line_break_in_a_title_cannot_add_lines_to_the_calendar_file(client):
    meeting = Meeting.objects.create(
        title=f"Заседание{INJECTED}", starts_at=next_week(), place=f"Зала{INJECTED}"
    )
    AgendaItem.objects.create(meeting=meeting, title=f"Точка{INJECTED}", sort_order=0)
    secretary = UserFactory()
    Membership.objects.create(user=secretary, role=Membership.Role.SECRETARY)
    client.force_login(secretary)

    client.post(f"/bg/council/meetings/{meeting.pk}/invite/")

    name, content, mimetype = next(m for m in mail.outbox if m.to == [secretary.email]).attachments[0]
    assert mimetype == "text/calendar"
    lines = content.splitlines()  # any line break a calendar program may honour
    assert not any(line.startswith(("ATTENDEE", "BEGIN:VALARM")) for line in lines)
    assert all(len(line.encode()) <= 75 for line in lines)  # folded by octets (RFC 5545, 3.1)
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert sorted(event) == [
        "DESCRIPTION",
        "DTEND",
        "DTSTAMP",
        "DTSTART",
        "LOCATION",
        "STATUS",
        "SUMMARY",
        "UID",
        "URL",
    ]
    assert event.walk() == [event]  # no component (an alarm) inside the event
    assert (
        str(event["SUMMARY"]) == "Заседание\nATTENDEE:mailto:evil@example.org\nBEGIN:VALARM"
    )  # CR: a line break
    assert str(event["LOCATION"]).startswith("Зала\nATTENDEE")
    assert "1. Точка\nATTENDEE:mailto:evil@example.org" in str(event["DESCRIPTION"])


def test_the_calendar_file_has_the_meeting_in_utc_and_its_address(client):
    meeting = Meeting.objects.create(title="Заседание", starts_at=next_week())
    secretary = UserFactory()
    Membership.objects.create(user=secretary, role=Membership.Role.SECRETARY)
    client.force_login(secretary)

    client.post(f"/bg/council/meetings/{meeting.pk}/invite/")

    content = next(m for m in mail.outbox if m.to == [secretary.email]).attachments[0][1]
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    assert str(event["URL"]).endswith(f"/bg/council/meetings/{meeting.pk}/")
    assert "LOCATION" not in event  # neither a place nor a link: no empty property
