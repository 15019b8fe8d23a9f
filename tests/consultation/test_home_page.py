"""The home page leads to the consultations open now, with their deadline and the time left, in
the reader's language."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from cms.formats import format_moment, format_time_left
from consultation.models import ConsultationPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["bg", "en", "fr", "ar", "fa"]


def open_consultations(response):
    return BeautifulSoup(response.content, "html.parser").select(".open-consultations .consultation-card")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_lists_the_open_consultation_with_its_deadline_and_time_left(client, language):
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code=language)

    cards = open_consultations(client.get(f"/{language}/"))

    assert [card.h3.get_text(strip=True) for card in cards] == [consultation.title]
    (card,) = cards
    assert card.find("a")["href"] == consultation.url
    with translation.override(language):
        deadline = format_moment(consultation.closes_at)
        left = translation.gettext("Closes in <bdi>%(left)s</bdi>") % {
            "left": format_time_left(consultation.closes_at)
        }
    assert card.select_one(".phase bdi").get_text() == deadline
    assert card.select_one(".time-left").decode_contents().strip() == left


def test_a_month_away_is_said_in_days():
    with translation.override("bg"):
        assert format_time_left(timezone.now() + timedelta(days=30, minutes=1)) == "30 дни"


def test_the_home_page_lists_only_open_consultations_the_first_to_close_first_in_the_same_queries(
    client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/bg/")
    with CaptureQueriesContext(connection) as with_one:
        client.get("/bg/")
    now = timezone.now()
    ConsultationPage.objects.filter(slug="intercultural-festival-2027", locale__language_code="bg").update(
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=20)
    )

    with django_assert_num_queries(len(with_one)):
        response = client.get("/bg/")

    slugs = [card.find("a")["href"].rstrip("/").rsplit("/", 1)[1] for card in open_consultations(response)]
    assert slugs == ["intercultural-festival-2027", "action-plan-2026"]


def test_a_private_consultation_is_not_listed(client):
    from wagtail.models import PageViewRestriction

    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="en")
    PageViewRestriction.objects.create(page=consultation, restriction_type=PageViewRestriction.LOGIN)

    assert open_consultations(client.get("/en/")) == []
