"""The council's meetings as iCalendar events: in the file an invitation carries, and in the public
calendar of the meetings the officers made public."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cms.ical import calendar_event, calendar_text
from cms.models.translations import attach_translations, in_language

from .models import AgendaItem, Meeting

DURATION = timedelta(hours=2)


def meeting_event(meeting, url, agenda_items, location):
    """The same UID in an invitation and in the public calendar: a member who has both sees one.
    Its title and agenda in the calendar's language where the secretariat translated them."""
    return calendar_event(
        uid=f"council-meeting-{meeting.pk}@otvoren-grad",
        start=meeting.starts_at,
        end=meeting.starts_at + DURATION,
        summary=str(in_language(meeting, "title")),
        url=url,
        location=location,
        description="\n".join(
            f"{number}. {in_language(item, 'title')}" for number, item in enumerate(agenda_items, 1)
        ),
        cancelled=meeting.status == Meeting.Status.CANCELLED,
    )


def public_meetings_calendar(url):
    """Only the public meetings (cancelled ones too, marked so), each with its place and its public
    agenda items; the online link stays private. `url` is the public page the events link to.
    Four queries, however many meetings."""
    meetings = attach_translations(
        Meeting.objects.public()
        .order_by("starts_at", "pk")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.public(), to_attr="public_agenda")
        ),
        "title",
        "place",
    )
    attach_translations([item for meeting in meetings for item in meeting.public_agenda], "title")
    return calendar_text(
        (
            meeting_event(meeting, url, meeting.public_agenda, str(in_language(meeting, "place")))
            for meeting in meetings
        ),
        product="Refugee advisory council",
        name=_("Public meetings of the refugee advisory council"),
    )
