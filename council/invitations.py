"""Invitations to a meeting: an email in each member's language with the agenda and a calendar
file (.ics) that phones and mail programs add to the calendar."""

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from accounts.emails import absolute_url, recipient, send_templated

from .models import Meeting

DURATION = timedelta(hours=2)


def ics_text(value):
    """Escape text for an iCalendar property (RFC 5545, 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_time(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_file(meeting, url):
    agenda = "\n".join(f"{number}. {item.title}" for number, item in enumerate(meeting.agenda_items.all(), 1))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Otvoren Grad//Refugee advisory council//BG",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:council-meeting-{meeting.pk}@otvoren-grad",
        f"DTSTAMP:{ics_time(timezone.now())}",
        f"DTSTART:{ics_time(meeting.starts_at)}",
        f"DTEND:{ics_time(meeting.starts_at + DURATION)}",
        f"SUMMARY:{ics_text(meeting.title)}",
        f"LOCATION:{ics_text(meeting.place or meeting.online_link)}",
        f"DESCRIPTION:{ics_text(agenda)}",
        f"URL:{url}",
        "STATUS:CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


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
