"""The deadline of the report: the consultation's page says by when the report is published
(CONSULTATION_REPORT_DAYS after closing) until it is, then links to it; staff who prepare or
publish reports see those that are late, in the admin and on its dashboard; nobody else does."""

from datetime import datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import roles
from cms.formats import format_moment
from consultation.models import ConsultationPage, ConsultationReport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "action-plan-2026"
CLOSED = "bureau-services-2026"
OVERDUE_URL = "/admin/overdue-reports/"
WILL_BE = "The report of this consultation will be published by <bdi>%(date)s</bdi>."
WAS_DUE = "The report of this consultation was due by <bdi>%(date)s</bdi> and is not published yet."


def consultation(slug, language="bg"):
    return ConsultationPage.objects.get(slug=slug, locale__language_code=language)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def close_days_ago(slug, days):
    """The consultation (every language) closed at noon `days` days ago, its report unpublished."""
    closes = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days), time(12)))
    ConsultationPage.objects.filter(translation_key=consultation(slug).translation_key).update(
        opens_at=closes - timedelta(days=30), closes_at=closes
    )
    ConsultationReport.objects.filter(consultation=consultation(slug)).update(published_at=None, figures=None)
    return consultation(slug)


def said(code, message, date):
    with translation.override(code):
        return gettext(message) % {"date": format_moment(date, "date")}


@pytest.mark.parametrize("code", ["bg", "fa"])
def test_the_open_consultation_says_by_when_its_report_is_published(client, settings, code):
    page = consultation(OPEN, code)
    due = timezone.localdate(page.closes_at) + timedelta(days=30)

    response = client.get(page.get_url())

    assert page.report_due_on == due
    assert said(code, WILL_BE, due) in response.content.decode()


def test_the_number_of_days_is_a_setting(client, settings):
    settings.CONSULTATION_REPORT_DAYS = 14
    page = consultation(OPEN, "en")
    due = timezone.localdate(page.closes_at) + timedelta(days=14)

    assert said("en", WILL_BE, due) in client.get(page.get_url()).content.decode()


def test_once_published_the_page_links_to_the_report_instead(client):
    response = client.get(consultation(CLOSED, "ar").get_url())

    assert soup(response).select_one(".report-links a[href$='/report/']")
    assert not soup(response).select(".report-due")


def test_a_late_report_is_said_to_be_late(client):
    page = close_days_ago(CLOSED, 45)

    response = client.get(consultation(CLOSED, "fr").get_url())

    assert said("fr", WAS_DUE, page.report_due_on) in response.content.decode()
    assert not soup(response).select(".report-links")


def test_a_report_is_late_from_the_day_after_its_due_date():
    on_time = close_days_ago(CLOSED, 30)
    assert on_time.report_due_on == timezone.localdate() and on_time.report_days_overdue == 0
    assert on_time not in ConsultationPage.with_overdue_reports()

    late = close_days_ago(CLOSED, 31)
    assert list(ConsultationPage.with_overdue_reports()) == [late]
    assert late.report_days_overdue == 1


def test_a_published_report_is_never_late():
    close_days_ago(CLOSED, 90)
    ConsultationReport.objects.filter(consultation=consultation(CLOSED)).update(published_at=timezone.now())

    assert not ConsultationPage.with_overdue_reports().exists()


@pytest.fixture
def publisher(client):
    user = UserFactory(roles=[roles.PUBLISHERS])
    client.force_login(user)
    return user


def rows(response):
    return [
        [" ".join(cell.get_text().split()) for cell in row.select("td")]
        for row in soup(response).select("table.listing tbody tr")
    ]


def test_publishers_see_the_late_reports_with_how_late_and_a_link_to_edit(client, publisher):
    page = close_days_ago(CLOSED, 45)
    report = ConsultationReport.objects.get(consultation=page)

    response = client.get(OVERDUE_URL)

    assert response.status_code == 200
    [row] = rows(response)
    assert row[0] == page.title and "15" in row[3]
    assert soup(response).select_one(f"a[href='/admin/consultation_reports/edit/{report.pk}/']")


def test_a_late_consultation_without_a_report_links_to_preparing_it(client, publisher):
    page = close_days_ago(CLOSED, 40)
    ConsultationReport.objects.filter(consultation=page).delete()

    response = client.get(OVERDUE_URL)

    assert [row[0] for row in rows(response)] == [page.title]
    assert soup(response).select_one("a[href='/admin/consultation_reports/new/']")


def test_moderators_see_them_with_a_link_to_answer_what_is_left(client):
    page = close_days_ago(CLOSED, 45)
    client.force_login(UserFactory(roles=[roles.MODERATORS]))

    response = client.get(OVERDUE_URL)

    assert [row[0] for row in rows(response)] == [page.title]
    assert soup(response).select_one(f"a[href='/admin/answer-contributions/?consultation={page.pk}']")
    assert not soup(response).select("a[href^='/admin/consultation_reports/']")


def test_the_dashboard_shows_late_reports_only_when_there_are(client, publisher):
    assert not soup(client.get("/admin/")).select("[id^='overdue-reports']")
    assert not rows(client.get(OVERDUE_URL))

    page = close_days_ago(CLOSED, 45)
    dashboard = client.get("/admin/")

    assert page.title in soup(dashboard).select_one("#overdue-reports-content, #overdue-reports").get_text()
    assert f'"url": "{OVERDUE_URL}"' in dashboard.content.decode()  # the menu item


def test_participants_cannot_see_the_late_reports(client, participant):
    close_days_ago(CLOSED, 45)

    response = client.get(OVERDUE_URL)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_editors_without_the_permission_cannot_see_them(client):
    page = close_days_ago(CLOSED, 45)
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    response = client.get(OVERDUE_URL)
    dashboard = client.get("/admin/")

    assert response.status_code == 302 and response["Location"] == "/admin/"  # "no permission"
    assert dashboard.status_code == 200
    assert not soup(dashboard).select("[id^='overdue-reports']")
    assert OVERDUE_URL not in dashboard.content.decode() and page.title not in dashboard.content.decode()
