"""Motions and votes: named and secret votes, majorities, numbered decisions, voting from the page."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from accounts import roles
from council.models import (
    Attendance,
    Membership,
    Motion,
    NamedVote,
    Option,
    SecretBallot,
    SecretParticipation,
    VoteRefused,
)
from tests.council.helpers import present_members, urls
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(followup):
    motion = Motion.objects.create(
        meeting=followup, text="Съветът подкрепя плана.", method=Motion.Method.NAMED
    )
    motion.open_vote()
    return motion


@pytest.fixture
def secret(followup):
    motion = Motion.objects.create(
        meeting=followup, text="Избор на заместник-председател.", method=Motion.Method.SECRET
    )
    motion.open_vote()
    return motion


def test_a_named_vote_can_be_changed_until_it_closes(named, followup):
    voter = present_members(followup)[0]
    named.cast(voter, Option.AGAINST)
    named.cast(voter, Option.FOR)

    assert named.close_vote().result().counts == {"for": 1, "against": 0, "abstain": 0}
    with pytest.raises(VoteRefused):
        named.cast(voter, Option.AGAINST)


def test_a_secret_vote_is_final_and_cannot_be_joined_to_the_voter(secret, followup):
    voters = present_members(followup)
    for voter, option in zip(voters[:3], [Option.FOR, Option.AGAINST, Option.FOR], strict=True):
        secret.cast(voter, option)
    with pytest.raises(VoteRefused):
        secret.cast(voters[0], Option.AGAINST)

    # The rows: who voted (no option, no time), and sealed ballots (random id, no member, no time).
    participation_columns = {field.column for field in SecretParticipation._meta.fields}
    ballot_columns = {field.column for field in SecretBallot._meta.fields}
    assert participation_columns == {"id", "motion_id", "membership_id"}
    assert ballot_columns == {"id", "motion_id", "sealed"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM council_secretparticipation WHERE motion_id = %s", [secret.pk])
        assert len(cursor.fetchall()) == 3
    assert not NamedVote.objects.filter(motion=secret).exists()
    assert secret.close_vote().result().counts == {"for": 2, "against": 1, "abstain": 0}


def test_absent_members_observers_and_closed_votes_are_refused(named, followup):
    absent = followup.attendances.exclude(status=Attendance.Status.PRESENT).first().membership
    with pytest.raises(VoteRefused):
        named.cast(absent, Option.FOR)
    observer = Membership.objects.create(
        user=UserFactory(), role=Membership.Role.OBSERVER, starts_on=followup.starts_at.date()
    )
    Attendance.objects.create(meeting=followup, membership=observer, status=Attendance.Status.PRESENT)
    with pytest.raises(VoteRefused):
        named.cast(observer, Option.FOR)
    unopened = Motion.objects.create(meeting=followup, text="Неоткрито")
    with pytest.raises(VoteRefused):
        unopened.cast(present_members(followup)[0], Option.FOR)


def vote(motion, followup, fors, againsts, abstains):
    voters = iter(present_members(followup))
    for option, count in [(Option.FOR, fors), (Option.AGAINST, againsts), (Option.ABSTAIN, abstains)]:
        for _n in range(count):
            motion.cast(next(voters), option)
    return motion.close_vote()


@pytest.mark.parametrize(
    ("majority", "votes", "passed"),
    [
        ("simple", (3, 2, 2), True),
        ("simple", (3, 3, 1), False),  # a tie does not pass
        ("simple", (1, 0, 6), True),  # abstentions count for neither side
        ("absolute", (4, 0, 3), True),  # 4 of 7 present
        ("absolute", (3, 0, 4), False),
        ("two_thirds", (6, 1, 0), True),  # 6 of 9 voting members
        ("two_thirds", (5, 0, 2), False),
    ],
)
def test_majority_rules(followup, majority, votes, passed):
    motion = Motion.objects.create(meeting=followup, text="Решение", majority=majority)
    motion.open_vote()

    closed = vote(motion, followup, *votes)

    assert closed.result().passed is passed
    assert bool(closed.decision_number) is passed


def test_passed_motions_become_numbered_decisions(followup):
    year = followup.starts_at.year
    before = Motion.objects.filter(decision_number__startswith=f"R-{year}-").count()
    numbers = []
    for _n in range(2):
        motion = Motion.objects.create(meeting=followup, text="Решение")
        motion.open_vote()
        numbers.append(vote(motion, followup, 5, 0, 0).decision_number)

    assert numbers == [f"R-{year}-{before + 1:02d}", f"R-{year}-{before + 2:02d}"]


def test_no_quorum_no_decision(followup):
    followup.attendances.update(status=Attendance.Status.ABSENT)
    voter = Membership.objects.current().first()
    Attendance.objects.filter(meeting=followup, membership=voter).update(status=Attendance.Status.PRESENT)
    motion = Motion.objects.create(meeting=followup, text="Без кворум")
    motion.open_vote()
    motion.cast(voter, Option.FOR)

    assert not motion.close_vote().result().passed


def test_members_vote_from_the_meeting_page(client, followup):
    motion = Motion.objects.create(meeting=followup, text="Подкрепа", method=Motion.Method.NAMED)
    chair = Membership.objects.get(role=Membership.Role.CHAIR)
    client.force_login(chair.user)
    client.post(f"/bg/council/motions/{motion.pk}/open/")
    voter = next(m for m in present_members(followup) if m.role == Membership.Role.MEMBER)
    client.force_login(voter.user)

    client.post(f"/ar/council/motions/{motion.pk}/vote/", {"option": "for"})
    page = BeautifulSoup(client.get(urls(followup)[2]).content, "html.parser")

    assert NamedVote.objects.get(motion=motion, membership=voter).option == "for"
    assert page.select_one(f"#motion-{motion.pk} button[aria-pressed=true]")["value"] == "for"
    assert client.post(f"/bg/council/motions/{motion.pk}/close/").status_code == 403
    client.force_login(chair.user)
    client.post(f"/bg/council/motions/{motion.pk}/close/")
    motion.refresh_from_db()
    assert motion.closed_at and motion.decision_number


def test_outsiders_cannot_vote_or_run_votes(client, followup):
    motion = Motion.objects.create(meeting=followup, text="Подкрепа")
    motion.open_vote()
    for user in [UserFactory(), UserFactory(roles=[roles.MODERATORS])]:
        client.force_login(user)
        assert client.post(f"/bg/council/motions/{motion.pk}/vote/", {"option": "for"}).status_code == 403
        assert client.post(f"/bg/council/motions/{motion.pk}/close/").status_code == 403
        assert client.post(f"/bg/council/meetings/{followup.pk}/motions/", {"text": "x"}).status_code == 403
    client.logout()
    assert client.post(f"/bg/council/motions/{motion.pk}/vote/", {"option": "for"}).status_code == 302
    assert not motion.named_votes.exists()
