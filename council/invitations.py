"""Invitations to a meeting: an email in each member's language with the agenda and a calendar
file (.ics) that phones and mail programs add to the calendar."""

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from accounts.emails import absolute_url, recipient, send_templated
from cms.ical import calendar_text
from cms.models.translations import attach_translations, in_language

from .ical import meeting_event
from .models import Meeting


def calendar_file(meeting, url, agenda):
    """The meeting with its whole agenda and its place or link, for the members invited."""
    event = meeting_event(meeting, url, agenda, str(in_language(meeting, "place")) or meeting.online_link)
    return calendar_text([event], product="Refugee advisory council")


@task()
def send_invitation(user_id, meeting_id):
    user = recipient(user_id)
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if user is None or meeting is None:
        return
    with translation.override(user.preferred_language):
        url = absolute_url(reverse("council:meeting", args=[meeting.pk]))
        # In the member's language where the secretariat translated the meeting's texts.
        agenda = attach_translations(meeting.agenda_items.all(), "title")
        context = {"user": user, "meeting": meeting, "url": url, "agenda": agenda}
        calendar = (f"meeting-{meeting.pk}.ics", calendar_file(meeting, url, agenda), "text/calendar")
        send_templated("council/email/invitation", context, user, attachments=[calendar])
