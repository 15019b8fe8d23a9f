"""Invitations to a meeting: an email in each member's language with the agenda and a calendar
file (.ics) that phones and mail programs add to the calendar."""

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from icalendar import Calendar, Event

from accounts.emails import absolute_url, recipient, send_templated

from .models import Meeting

DURATION = timedelta(hours=2)


def calendar_file(meeting, url):
    """The meeting as an iCalendar file. icalendar escapes and folds every value (RFC 5545), so a
    line break in a title stays text and never starts a property of its own."""
    agenda = "\n".join(f"{number}. {item.title}" for number, item in enumerate(meeting.agenda_items.all(), 1))
    event = Event()
    event.add("uid", f"council-meeting-{meeting.pk}@otvoren-grad")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", (meeting.starts_at + DURATION).astimezone(UTC))
    event.add("summary", meeting.title)
    if meeting.place or meeting.online_link:
        event.add("location", meeting.place or meeting.online_link)
    if agenda:
        event.add("description", agenda)
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    calendar = Calendar()
    calendar.add("prodid", "-//Otvoren Grad//Refugee advisory council//BG")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode()


@task()
def send_invitation(user_id, meeting_id):
    user = recipient(user_id)
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if user is None or meeting is None:
        return
    with translation.override(user.preferred_language):
        url = absolute_url(reverse("council:meeting", args=[meeting.pk]))
        context = {"user": user, "meeting": meeting, "url": url, "agenda": meeting.agenda_items.all()}
        calendar = (f"meeting-{meeting.pk}.ics", calendar_file(meeting, url), "text/calendar")
        send_templated("council/email/invitation", context, user, attachments=[calendar])
