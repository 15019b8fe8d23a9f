"""The period rule of the Law on Normative Acts, art. 26(4), in the admin: at least 30 days; 14 to
29 only with a stated reason; under 14 refused. The refusal names the rule in the editor's
language and loses nothing typed."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from accounts import roles
from consultation.models import ConsultationIndexPage, ConsultationPage, ConsultationReport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UNDER_14 = (
    "A public consultation runs at least 14 days, and at least 30 unless a reason is given "
    "(Law on Normative Acts, art. 26(4))."
)
NO_REASON = (
    "This consultation runs less than 30 days: give the reason, which its page and the report show "
    "(Law on Normative Acts, art. 26(4))."
)


@pytest.fixture
def publisher(client):
    user = UserFactory(roles=[roles.PUBLISHERS])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"  # the admin's language
    profile.save()
    client.force_login(user)
    return user


def add(client, days, reason="", opens=None):
    index = ConsultationIndexPage.objects.get(locale__language_code="bg")
    opens = opens or timezone.localtime() + timedelta(days=1)
    data = nested_form_data(
        {
            "title": "Транспорт",
            "slug": "transport-2027",
            "summary": rich_text("<p>Проект.</p>"),
            "opens_at": opens.strftime("%Y-%m-%d %H:%M"),
            "closes_at": (opens + timedelta(days=days)).strftime("%Y-%m-%d %H:%M"),
            "short_period_reason": reason,
            "moderation": "after",
            "announcement": rich_text(""),
            "sections": inline_formset([]),
            "documents": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return client.post(f"/admin/pages/add/consultation/consultationpage/{index.pk}/", data)


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in page.select(".error-message"))


@pytest.mark.parametrize(
    ("days", "reason", "message"), [(13, "Спешно.", UNDER_14), (20, "", NO_REASON), (29, "  ", NO_REASON)]
)
def test_a_period_against_the_rule_is_refused_with_the_rule(client, publisher, days, reason, message):
    response = add(client, days, reason)

    assert response.status_code == 200
    with translation.override("fr"):
        assert gettext(message) in errors(response)
    assert not ConsultationPage.objects.filter(slug="transport-2027").exists()
    field = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "title"})
    assert field["value"] == "Транспорт"  # nothing typed is lost


@pytest.mark.parametrize(
    ("days", "reason"), [(30, ""), (14, "Бюджетът се приема след три седмици."), (20, "Спешно.")]
)
def test_a_period_within_the_rule_is_published(client, publisher, days, reason):
    add(client, days, reason)

    page = ConsultationPage.objects.get(slug="transport-2027", locale__language_code="bg")
    assert page.live and page.is_shortened == (days < 30)


def test_the_demo_has_a_consultation_shortened_to_20_days_with_its_reason():
    page = ConsultationPage.objects.get(slug="intercultural-festival-2027", locale__language_code="fa")

    assert page.closes_at - page.opens_at == timedelta(days=20)
    assert "۲۰ روز" in page.short_period_reason  # in the reader's language


@pytest.mark.parametrize("address", ["", "report/"])
def test_the_page_and_the_report_give_the_reason_in_the_readers_language(client, address):
    page = ConsultationPage.objects.get(slug="intercultural-festival-2027", locale__language_code="fa")
    if address:
        ConsultationReport.objects.create(consultation=page.original, published_at=timezone.now())

    text = BeautifulSoup(client.get(page.get_url() + address).content, "html.parser").get_text(" ")

    with translation.override("fa"):
        assert gettext("Why shorter than 30 days:") in text
    assert page.short_period_reason in text


def test_thirty_days_across_the_change_to_summer_time_are_thirty_days(client, publisher):
    """Sofia's clocks move on an hour on 28 March 2027: 10 March 10:00 to 9 April 10:00 is still 30
    days on the calendar, and is published without a reason."""
    add(client, 30, opens=datetime(2027, 3, 10, 10, 0))

    page = ConsultationPage.objects.get(slug="transport-2027", locale__language_code="bg")
    assert page.live and not page.is_shortened
