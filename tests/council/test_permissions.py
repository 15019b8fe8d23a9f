"""Council permissions in one place (issue #15, item 5): who may enter, run meetings and vote is
worked out once per request (council/permissions.py), and every refusal gives its reason under a
heading that fits it: "Members only" is for people who are not members, and only for them."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import roles
from council.models import Membership, Minutes, MinutesComment, Motion, NamedVote
from tests.factories import MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# The meeting page of a member, measured when the permissions came to one place (issue #15).
BUDGET = 22

NOT_A_MEMBER = (
    "This area is for the members of the refugee advisory council. If you are a member and cannot get "
    "in, please contact the council's secretariat."
)
OFFICERS_ONLY = "Only the chair and the secretary of the council can do this."


def refusal(response):
    """The heading and the reason of a refusal page (403.html), as a reader sees them."""
    assert response.status_code == 403
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return main.h1.get_text(strip=True), main.p.get_text(strip=True)


def in_bulgarian(text):
    with translation.override("bg"):
        return gettext(text)


@pytest.mark.parametrize(
    "who",
    [
        lambda: UserFactory(),
        lambda: UserFactory(roles=[roles.MODERATORS]),
        lambda: MembershipFactory(ends_on=timezone.localdate() - timedelta(days=1)).user,
    ],
    ids=["participant", "moderator", "former member"],
)
def test_people_who_are_not_members_are_refused_under_members_only(client, who):
    meeting = MeetingFactory()
    client.force_login(who())

    for url in ["/bg/council/", f"/bg/council/meetings/{meeting.pk}/", "/bg/council/audit/"]:
        assert refusal(client.get(url)) == (in_bulgarian("Members only"), in_bulgarian(NOT_A_MEMBER)), url


def test_a_member_at_an_officers_door_is_refused_for_the_officers_not_as_an_outsider(client):
    meeting = MeetingFactory()
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    client.force_login(MembershipFactory().user)
    base = f"/bg/council/meetings/{meeting.pk}"

    responses = [
        client.get("/bg/council/audit/"),
        client.get("/bg/council/meetings/new/"),
        client.get(f"{base}/edit/"),
        client.post(f"{base}/motions/", {"text": "Typed motion", "method": "named", "majority": "simple"}),
        client.post(f"{base}/invite/"),
        client.post(f"{base}/minutes/", {"action": "circulate"}),
    ]

    for response in responses:
        assert refusal(response) == (in_bulgarian("For the council's officers"), in_bulgarian(OFFICERS_ONLY))
        assert in_bulgarian("Members only") not in response.content.decode()
    assert not meeting.motions.exists()


@pytest.mark.parametrize(
    ("role", "data"),
    [("secretary", {"action": "save"}), ("member", {"action": "comment", "text": "A late remark"})],
)
def test_changing_approved_minutes_is_refused_as_a_record_that_cannot_change(client, role, data):
    meeting = MeetingFactory()
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED)
    client.force_login(MembershipFactory(role=role).user)

    response = client.post(f"/bg/council/meetings/{meeting.pk}/minutes/", data)

    assert refusal(response) == (
        in_bulgarian("This cannot be changed"),
        in_bulgarian("Approved minutes cannot be changed."),
    )
    assert in_bulgarian("Members only") not in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED and not MinutesComment.objects.exists()


def test_a_member_without_a_seat_on_the_day_cannot_vote_and_is_told_why(client):
    meeting = MeetingFactory()
    motion = Motion.objects.create(meeting=meeting, text="A motion", opened_at=timezone.now())
    client.force_login(MembershipFactory(starts_on=timezone.localdate()).user)  # joined after the meeting

    response = client.post(f"/bg/council/motions/{motion.pk}/vote/", {"option": "for"})

    assert refusal(response) == (
        in_bulgarian("Not allowed"),
        in_bulgarian("Only those who had a seat on the council on the day of the meeting vote."),
    )
    assert not NamedVote.objects.filter(motion=motion).exists()


# What the permissions cost ------------------------------------------------------------------


def access_queries(queries):
    """How many queries read who the person is to the council: their seats, groups, permissions."""
    counts = {"seats": 0, "groups": 0, "perms": 0}
    for query in queries:
        sql = query["sql"]
        if "auth_permission" in sql:
            counts["perms"] += 1
        elif re.search(r'_groups"\."user_id" = \d', sql):
            counts["groups"] += 1
        elif re.search(
            r'"council_membership"\."user_id" = \d|FROM council_membership WHERE user_id = \d', sql
        ):
            counts["seats"] += 1
    return counts


def council_pages(meeting):
    return [
        "/bg/council/",
        f"/bg/council/meetings/{meeting.pk}/",
        f"/bg/council/meetings/{meeting.pk}/minutes/",
        "/bg/council/decisions/",
    ]


def with_past_seats_and_groups(user):
    """The same person with more of everything the permissions read."""
    today = timezone.localdate()
    for years in (3, 5, 7):
        start = today - timedelta(days=365 * years)
        Membership.objects.create(user=user, starts_on=start, ends_on=start + timedelta(days=300))
    user.groups.add(*Group.objects.filter(name__in=[roles.EDITORS, roles.MODERATORS, roles.COUNCIL_MEMBERS]))
    return user


@pytest.mark.parametrize(
    "who",
    [
        lambda: MembershipFactory().user,
        lambda: with_past_seats_and_groups(MembershipFactory().user),
        lambda: MembershipFactory(role=Membership.Role.CHAIR).user,
        lambda: UserFactory(roles=[roles.COUNCIL_SECRETARIAT]),
    ],
    ids=["member", "member with past seats and groups", "chair", "secretariat"],
)
def test_each_council_page_reads_the_persons_seats_groups_and_permissions_once(client, who):
    meeting = MeetingFactory()
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    client.force_login(who())

    for url in council_pages(meeting):
        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        counts = access_queries(page.captured_queries)
        # Django reads a person's permissions in two queries (their own, their groups'), once.
        assert counts["seats"] <= 1 and counts["groups"] <= 1 and counts["perms"] <= 2, (url, counts)


def test_a_refused_officer_form_reads_the_permissions_once_too(client):
    """The meeting page comes back with the refused form: the access decided at the door is reused."""
    meeting = MeetingFactory()
    client.force_login(MembershipFactory(role=Membership.Role.SECRETARY).user)

    with CaptureQueriesContext(connection) as page:
        response = client.post(f"/bg/council/meetings/{meeting.pk}/motions/", {"text": "", "method": "named"})

    assert response.status_code == 200
    assert access_queries(page.captured_queries)["seats"] == 1


def test_the_meeting_page_keeps_its_query_budget_for_a_member(client, django_assert_max_num_queries):
    meeting = MeetingFactory()
    client.force_login(with_past_seats_and_groups(MembershipFactory().user))
    client.get(f"/bg/council/meetings/{meeting.pk}/")  # the site, the locale and the like, cached

    with django_assert_max_num_queries(BUDGET):
        assert client.get(f"/bg/council/meetings/{meeting.pk}/").status_code == 200
