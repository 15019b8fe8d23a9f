"""Dates and numbers as each language writes them (CLDR, through Babel), on pages and in emails."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from cms.formats import format_list, format_moment, format_number
from consultation.models import ConsultationPage

NEW_YEARS_EVE = timezone.make_aware(datetime(2026, 12, 31, 14, 5))


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("bg", "date", "31 декември 2026\u202fг."),  # lower-case month, "г."
        ("bg", "datetime", "31 декември 2026\u202fг., 14:05 ч."),
        ("en", "datetime", "December 31, 2026, 14:05"),
        ("fr", "weekday", "jeudi 31 décembre 2026, 14:05"),
        ("ar", "datetime", "31 ديسمبر 2026، 14:05"),  # the Arabic comma
        ("fa", "datetime", "۳۱ دسامبر ۲۰۲۶، ساعت ۱۴:۰۵"),  # Persian digits throughout
        ("fa", "month", "دسامبر ۲۰۲۶"),
        ("bg", "time", "14:05 ч."),
    ],
)
def test_a_moment_in_each_language(language, style, expected):
    with translation.override(language):
        assert format_moment(NEW_YEARS_EVE, style) == expected


@pytest.mark.parametrize(
    ("language", "figure", "listed"),
    [("bg", "1\u00a0234", "a, b и c"), ("fa", "۱٬۲۳۴", "a،\u200f b، و c"), ("ar", "1,234", "a وb وc")],
)
def test_numbers_and_lists_in_each_language(language, figure, listed):
    with translation.override(language):
        assert format_number(1234) == figure
        assert format_list(["a", "b", "c"]) == listed


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en", "fr", "ar", "fa"])
def test_the_consultation_page_gives_its_deadline_as_its_language_writes_it(client, language):
    page = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code=language)

    phase = BeautifulSoup(client.get(page.get_url()).content, "html.parser").select_one(".phase bdi")

    with translation.override(language):
        assert phase.get_text() == format_moment(page.closes_at)
    if language == "fa":
        assert not any(character.isascii() and character.isdigit() for character in phase.get_text())
