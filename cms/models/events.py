"""The bureau for third-country nationals publishes a monthly calendar of its activities."""

import calendar
from datetime import date, datetime, time

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.formats import format_list
from cms.ical import calendar_event, calendar_text, subscription_links
from cms.privacy import readable
from cms.text import plain_text

from .fields import ChoiceListField
from .pages import SitePage

# The calendar's subscription is at its page's address followed by this (cms/urls.py).
FEED_NAME = "feed.ics"


class ActivityLanguage(models.TextChoices):
    """The languages the bureau works in (settings.LANGUAGES)."""

    BULGARIAN = "bg", _("Bulgarian")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")


class EventIndexPage(SitePage):
    """A month of events at a time, in order; the month is chosen with a shareable GET form."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("calendar of events")

    def events_in_month(self, month, request):
        """The month's events the visitor may open (a private event is not even named)."""
        start = timezone.make_aware(datetime.combine(month, time.min))
        last_day = calendar.monthrange(month.year, month.month)[1]
        end = timezone.make_aware(datetime.combine(month.replace(day=last_day), time.max))
        events = EventPage.objects.child_of(self).live().filter(start__range=(start, end))
        return readable(events, request).order_by("start")

    def feed_path(self, request):
        return f"{self.get_url(request)}{FEED_NAME}"

    def calendar_file(self, request):
        """Every public event as an iCalendar subscription in the page's language: calendar programs
        fetch it without a session, so it shows what any visitor may open (no private event, however
        signed in the fetcher is). Two queries, however many events."""
        events = readable(EventPage.objects.child_of(self).live(), None).order_by("start", "pk")
        return calendar_text(
            (event.calendar_event(request) for event in events), product="Bureau calendar", name=self.title
        )

    def get_context(self, request, *args, **kwargs):
        from cms.forms import MonthForm

        context = super().get_context(request, *args, **kwargs)
        form = MonthForm(request.GET or None)
        today = timezone.localdate()
        month = (
            form.cleaned_data["month"]
            if form.is_valid() and form.cleaned_data["month"]
            else today.replace(day=1)
        )
        context.update(
            month_form=form,
            month=month,
            previous_month=(month.replace(day=1) - date.resolution).replace(day=1),
            next_month=month.replace(day=calendar.monthrange(month.year, month.month)[1]) + date.resolution,
            events=self.events_in_month(month, request),
            feed=subscription_links(request, self.feed_path(request)),
        )
        return context


class EventPage(SitePage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    activity_languages = ChoiceListField(
        _("languages of the activity"),
        choices_enum=ActivityLanguage,
        help_text=_("The languages spoken at the activity, or interpreted into."),
    )
    description = RichTextField(_("description"), blank=True)

    content_panels = SitePage.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_link")]),
        FieldPanel("activity_languages"),
        FieldPanel("description"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("description"), index.SearchField("place")]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @property
    def languages(self):
        return [ActivityLanguage(code) for code in self.activity_languages if code in ActivityLanguage.values]

    def calendar_event(self, request):
        """The UID follows the event across its languages and any change of its address."""
        description = plain_text(self.description)
        if self.languages:
            labels = format_list(language.label for language in self.languages)
            languages = _("Languages: %(languages)s") % {"languages": labels}
            description = f"{description}\n\n{languages}" if description else languages
        return calendar_event(
            uid=f"bureau-event-{self.translation_key}@otvoren-grad",
            start=self.start,
            end=self.end,
            summary=self.title,
            url=request.build_absolute_uri(self.get_url(request)),
            location=self.place or self.online_link,
            description=description,
        )
