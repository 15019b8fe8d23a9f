"""Dates and lists as each language writes them (CLDR, through Babel), on pages and in emails."""

import re
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import timezone, translation

from cms.formats import format_list, format_moment, format_time_left
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
    ("language", "listed"), [("bg", "a, b и c"), ("fa", "a،\u200f b، و c"), ("ar", "a وb وc")]
)
def test_lists_in_each_language(language, listed):
    with translation.override(language):
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


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "separator"), [("bg", "; "), ("fa", "؛ "), ("ar", "؛ ")])
def test_target_groups_are_separated_as_the_language_writes_it(client, language, separator):
    from cms.models import Measure

    measure = next(
        m for m in Measure.objects.filter(locale__language_code=language) if len(m.target_groups) > 1
    )
    page = BeautifulSoup(client.get(f"/{language}/action-plan/").content, "html.parser")

    with translation.override(language):
        expected = separator.join(str(group.label) for group in measure.target_group_list)
    assert expected in page.get_text()


@pytest.mark.django_db
def test_the_languages_of_an_event_are_listed_as_farsi_lists_them(client):
    from cms.models import EventPage

    event = next(
        e for e in EventPage.objects.live().filter(locale__language_code="fa") if len(e.languages) > 2
    )

    text = BeautifulSoup(client.get(event.get_url()).content, "html.parser").get_text()

    with translation.override("fa"):
        assert format_list(language.label for language in event.languages) in text
        assert " و " in format_list(language.label for language in event.languages)


@pytest.mark.parametrize(
    ("language", "expected"), [("bg", "3 дни"), ("en", "3 days"), ("fa", "۳ روز"), ("ar", "3 أيام")]
)
def test_time_left_is_said_as_each_language_says_it(language, expected):
    with translation.override(language):
        assert format_time_left(timezone.now() + timedelta(days=2, hours=20)) == expected


@pytest.mark.django_db
def test_counts_on_a_farsi_page_are_written_in_persian_digits(client):
    """Beside Persian dates, a count in Latin digits reads as a mistake: the counted strings print
    their number as Farsi writes it, and still pick their plural form by it."""
    page = BeautifulSoup(client.get("/fa/consultations/action-plan-2026/").content, "html.parser")

    counts = [node.get_text(strip=True) for node in page.select(".proposal .support-count")]
    assert counts and all(re.search("[۰-۹]", text) and not re.search("[0-9]", text) for text in counts)


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [("fa", 12, "۱۲"), ("ar", 2, "تعليقان"), ("bg", 1234, "1\xa0234 коментара")],
)
def test_a_figure_counts_as_itself_and_prints_as_the_language_writes_it(language, count, expected):
    template = Template(
        "{% load i18n otvoren_grad %}{% blocktranslate count counter=n|figure %}{{ counter }} comment"
        "{% plural %}{{ counter }} comments{% endblocktranslate %}"
    )
    with translation.override(language):
        assert expected in template.render(Context({"n": count}))
