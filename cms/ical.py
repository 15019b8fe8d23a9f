"""iCalendar (RFC 5545): the bureau's calendar and the council's public meetings as subscriptions,
and a meeting's invitation as a file. icalendar escapes and folds every value, so a line break in a
title stays text and never starts a property of its own. Times are in UTC, which every calendar
program reads without a time-zone definition."""

from datetime import UTC, timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from icalendar import Calendar, Event

# Calendar programs fetch a subscription again by themselves; a cancellation reaches them within
# this time (the response's cache) plus their own refresh interval.
FEED_SECONDS = 5 * 60
REFRESH_INTERVAL = timedelta(hours=1)


def calendar_event(*, uid, start, end, summary, url, location="", description="", cancelled=False):
    """One event; `uid` stays the same for as long as the event exists, so calendar programs update
    it instead of adding it twice."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", start.astimezone(UTC))
    if end:
        event.add("dtend", end.astimezone(UTC))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_text(events, product, name=None):
    """The events as an iCalendar file; with a `name`, as a subscription calendar programs name and
    fetch again every REFRESH_INTERVAL."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Otvoren Grad//{product}//BG")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode()


def calendar_response(text, filename):
    """A subscription feed: public, cached briefly by browsers, proxies and the page cache."""
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=FEED_SECONDS)
    return response


def subscription_links(request, path):
    """The feed's address for the page's "Subscribe" links: webcal:// opens a calendar program
    that subscribes; https:// is the address to paste where a program asks for one."""
    url = request.build_absolute_uri(path)
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}
