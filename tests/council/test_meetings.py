"""Who gets into the council area, meetings, attendance and quorum."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import roles
from council.models import Attendance, Meeting, Membership, Quorum
from tests.council.helpers import attendance_data, member, urls
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client, held):
    for url in urls(held):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "who",
    [
        lambda: UserFactory(),
        lambda: UserFactory(roles=[roles.EDITORS]),
        lambda: UserFactory(roles=[roles.MODERATORS]),
        lambda: member(
            starts_on=timezone.localdate() - timedelta(days=400),
            ends_on=timezone.localdate() - timedelta(days=1),
        ),
    ],
    ids=["participant", "editor", "moderator", "former member"],
)
def test_everyone_else_gets_a_members_only_page(client, held, who):
    client.force_login(who())

    for url in urls(held):
        response = client.get(url)
        assert response.status_code == 403
        assert BeautifulSoup(response.content, "html.parser").h1


@pytest.mark.parametrize(
    "who",
    [
        lambda: member(),
        lambda: member(Membership.Role.OBSERVER),
        lambda: member(Membership.Role.CHAIR),
        lambda: UserFactory(roles=[roles.COUNCIL_SECRETARIAT]),
    ],
    ids=["member", "observer", "chair", "secretariat"],
)
def test_members_and_the_secretariat_get_in(client, held, who):
    client.force_login(who())

    for url in urls(held):
        assert client.get(url).status_code == 200


def test_staff_with_the_permission_get_in(client, held):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(user)

    assert client.get(urls(held)[1]).status_code == 200


def test_the_seeded_meeting_has_a_quorum(client, held):
    client.force_login(member())

    page = BeautifulSoup(client.get(urls(held)[1]).content, "html.parser")

    assert "quorum-reached" in page.select_one(".quorum")["class"]


@pytest.mark.parametrize(
    ("voting", "present", "reached"),
    [(9, 5, True), (9, 4, False), (10, 5, False), (10, 6, True), (0, 0, False)],
)
def test_quorum_is_more_than_half_of_the_voting_members(voting, present, reached):
    assert Quorum(voting, present).reached is reached


def test_the_quorum_share_is_configurable(settings):
    settings.COUNCIL_QUORUM = "2/3"

    assert Quorum(9, 6).reached is False
    assert Quorum(9, 7).reached is True


def test_observers_do_not_count_for_the_quorum(held):
    before = held.quorum()
    observer = Membership.objects.create(
        user=UserFactory(),
        role=Membership.Role.OBSERVER,
        starts_on=timezone.localdate() - timedelta(days=400),
    )
    Attendance.objects.create(meeting=held, membership=observer, status=Attendance.Status.PRESENT)

    after = held.quorum()
    assert (after.voting_members, after.present) == (before.voting_members, before.present)


def test_the_secretary_records_attendance(client, followup):
    client.force_login(member(Membership.Role.SECRETARY))

    client.post(urls(followup)[1], attendance_data(followup, "absent"))

    assert not followup.quorum().reached
    assert not followup.attendances.filter(status=Attendance.Status.PRESENT).exists()


def test_a_member_cannot_record_attendance(client, held):
    client.force_login(member())
    present_before = held.attendances.filter(status=Attendance.Status.PRESENT).count()

    response = client.post(urls(held)[1], attendance_data(held, "absent"))

    assert response.status_code == 403
    assert held.attendances.filter(status=Attendance.Status.PRESENT).count() == present_before


def test_the_meeting_page_runs_the_same_queries_with_more_members(client, held, django_assert_num_queries):
    secretary = member(Membership.Role.SECRETARY)
    client.force_login(secretary)
    client.get(urls(held)[1])
    with CaptureQueriesContext(connection) as before:
        client.get(urls(held)[1])
    for _n in range(20):
        Attendance.objects.create(
            meeting=held,
            membership=Membership.objects.create(
                user=UserFactory(), starts_on=timezone.localdate() - timedelta(days=400)
            ),
            status=Attendance.Status.PRESENT,
        )

    with django_assert_num_queries(len(before)):
        client.get(urls(held)[1])


def test_the_planned_meeting_shows_its_agenda(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(member())

    page = BeautifulSoup(client.get(f"/fr/council/meetings/{planned.pk}/").content, "html.parser")

    assert [item.strong.get_text() for item in page.select("#agenda-heading + ol li")] == list(
        planned.agenda_items.values_list("title", flat=True)
    )


def test_the_secretariat_keeps_meetings_in_the_admin_and_members_cannot(client):
    client.force_login(UserFactory(roles=[roles.COUNCIL_SECRETARIAT]))
    assert client.get("/admin/council_meetings/").status_code == 200
    assert client.get("/admin/council_members/").status_code == 200

    client.force_login(member())
    assert client.get("/admin/council_meetings/").status_code == 302
