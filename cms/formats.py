"""Dates, lists and file sizes as each language writes them, from CLDR (Babel): "31 декември 2026 г.",
"31 ديسمبر 2026، 14:05", "۳۱ دسامبر ۲۰۲۶، ساعت ۱۴:۰۵". Never a hand-written pattern such as
"j F Y", which capitalises Bulgarian months, puts a Latin comma in Arabic and Farsi and writes
Farsi dates in Latin digits. Figures likewise (`format_number`, and `Figure` for counted text)."""

from datetime import datetime, timedelta

from babel import Locale, dates, lists, numbers, units
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, to_locale

# The digits of CLDR's numbering systems that the site's languages use by default.
DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


def active_locale():
    return Locale.parse(to_locale(get_language() or settings.LANGUAGE_CODE))


def native_digits(text, locale):
    """Babel formats with Latin digits; CLDR says which digits the language writes (Farsi: ۰–۹)."""
    digits = DIGITS.get(locale.default_numbering_system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def format_moment(value, style="datetime"):
    """A date or time in the active language: `date` (31 декември 2026 г.), `datetime` (with the
    time), `weekday` (the day's name, date and time), `month` (декември 2026 г.), `time` (14:05)."""
    locale = active_locale()
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if style == "month":
        text = dates.format_skeleton("yMMMM", value, locale=locale)
    elif style == "time":
        text = dates.format_skeleton("Hm", value, locale=locale)
    elif style == "date":
        text = dates.format_date(value, "long", locale=locale)
    else:
        width = "full" if style == "weekday" else "long"
        day = dates.format_date(value, width, locale=locale)
        time = dates.format_skeleton("Hm", value, locale=locale)
        text = dates.get_datetime_format(width, locale=locale).replace("{1}", day).replace("{0}", time)
    return native_digits(text, locale)


def format_number(value, grouping=True):
    """A figure as the language writes it: "1 234,5", "1,234.5", "۱٬۲۳۴٫۵" (its separators and
    digits); a year without grouping: "2026", "۲۰۲۶"."""
    locale = active_locale()
    text = numbers.format_decimal(value, locale=locale, group_separator=grouping, numbering_system="default")
    return native_digits(text, locale)


def format_percent(value):
    """A share in per cent (42 for 42 %) as the language writes it: "42%", "42 %", "۴۲%"."""
    locale = active_locale()
    text = numbers.format_percent(
        value / 100, locale=locale, numbering_system=locale.default_numbering_system
    )
    return native_digits(text, locale)


class Figure(int):
    """A whole number that counts as itself and prints as the active language writes it ("۱۲" in
    Farsi): `{% blocktranslate count counter=n|figure %}` picks the plural form by the number and
    shows the figure, and so does `ngettext(...) % {"count": Figure(n)}`."""

    def __str__(self):
        return format_number(int(self))

    def __format__(self, spec):
        return format(str(self), spec)


def format_time_left(value):
    """How long until `value`, rounded as people say it: "3 дни", "٣ أيام", "۳ روز"; in days, or
    hours under a day, never in weeks or months, which would hide how many days a deadline leaves
    ("30 дни", not "1 месец")."""
    locale = active_locale()
    left = max(value - timezone.now(), timedelta(0))
    unit = "day" if left >= timedelta(days=1) else "hour"
    text = dates.format_timedelta(left, granularity=unit, threshold=float("inf"), locale=locale)
    return native_digits(text, locale)


def format_list(items):
    """ "a, b и c", "a، b و c": the language's own separators and last conjunction."""
    return lists.format_list([str(item) for item in items], locale=active_locale())


def format_file_size(size):
    """A file's size as the language writes it, in CLDR's units of 1,000 bytes: "340 kB",
    "1,2 MB", "۱٫۲ MB" (the language's decimal sign and digits)."""
    locale = active_locale()
    if size < 1_000_000:
        value, unit = max(1, round(size / 1000)), "digital-kilobyte"
    else:
        value, unit = size / 1_000_000, "digital-megabyte"
    text = units.format_unit(
        value, unit, length="short", format="#,##0.#", locale=locale, numbering_system="default"
    )
    return native_digits(text, locale)


def list_separator():
    """Between items that have commas of their own (the plan's target groups): a semicolon, which
    Arabic and Farsi write "؛"."""
    return "؛ " if active_locale().language in ("ar", "fa") else "; "
