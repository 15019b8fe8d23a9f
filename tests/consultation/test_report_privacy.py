"""A consultation made private (password, login, groups) keeps its report private through every
door: the page, report/, report.csv and report.pdf ask what the page asks."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from accounts import roles
from cms.models import EventPage
from consultation.models import ConsultationPage, Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CLOSED = "/en/consultations/bureau-services-2026/"
DOORS = ["", "report/", "report.csv", "report.pdf"]


@pytest.fixture
def english():
    return ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="en")


@pytest.fixture
def proposal(english):
    return Proposal.objects.filter(consultation=english.original, status="published").first()


def url(door):
    return f"{CLOSED}{door}" if door.endswith("/") or not door else f"{CLOSED.rstrip('/')}/{door}"


@pytest.mark.parametrize("door", DOORS)
def test_a_password_protected_consultation_asks_for_the_password_at_every_door(
    client, english, proposal, door
):
    PageViewRestriction.objects.create(page=english, restriction_type="password", password="s3cret-word")

    response = client.get(url(door))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert b'name="password"' in response.content
    assert proposal.title.encode() not in response.content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("door", ["report.csv", "report.pdf"])
def test_the_right_password_opens_the_file_it_was_asked_for(client, english, door):
    restriction = PageViewRestriction.objects.create(
        page=english, restriction_type="password", password="s3cret-word"
    )
    form = client.get(url(door))
    action = f"/en/_util/authenticate_with_password/{restriction.pk}/{english.pk}/"
    assert action.encode() in form.content

    response = client.post(action, {"password": "s3cret-word", "return_url": url(door)}, follow=True)

    assert response.status_code == 200
    assert (
        response["Content-Type"].split(";")[0]
        == {"report.csv": "text/csv", "report.pdf": "application/pdf"}[door]
    )


@pytest.mark.parametrize("door", DOORS)
def test_a_login_restriction_sends_visitors_where_the_page_does(client, english, door):
    PageViewRestriction.objects.create(page=english, restriction_type="login")
    page = client.get(CLOSED)

    response = client.get(url(door))

    assert response.status_code == 302
    assert response["Location"].split("?")[0] == page["Location"].split("?")[0]
    client.force_login(UserFactory())
    assert client.get(url(door)).status_code in (200, 202)


@pytest.mark.parametrize("door", DOORS)
def test_a_groups_restriction_refuses_others_signed_in(client, english, door):
    restriction = PageViewRestriction.objects.create(page=english, restriction_type="groups")
    restriction.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(UserFactory())

    assert client.get(url(door)).status_code == 302
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get(url(door)).status_code in (200, 202)


def test_a_private_parent_makes_the_report_private_too(client, english):
    PageViewRestriction.objects.create(page=english.get_parent(), restriction_type="login")

    assert client.get(url("report.csv")).status_code == 302


def test_other_languages_stay_public(client, english):
    PageViewRestriction.objects.create(page=english, restriction_type="login")

    assert client.get("/bg/consultations/bureau-services-2026/report.csv").status_code == 200


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_private_consultations_and_events_are_not_named_in_their_lists(client, kind):
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="en")
    event = EventPage.objects.filter(locale__language_code="en", start__year=2026, start__month=12).first()
    for page in (consultation, event):
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret-words")

    consultations = client.get("/en/consultations/").content.decode()
    calendar = client.get("/en/bureau/calendar/?month=2026-12").content.decode()

    assert consultation.title not in consultations and consultation.url not in consultations
    assert event.title not in calendar
    assert (
        ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="en").title
        in consultations
    )
