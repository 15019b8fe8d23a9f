"""What the council's tests share: members, officers and meetings made for a test, the council's
addresses."""

from datetime import timedelta

from django.utils import timezone

from council.models import Attendance, Membership, Motion, Option
from tests.factories import MeetingFactory, MembershipFactory, UserFactory


def urls(meeting):
    """Every council address: pages and PDFs."""
    motion = meeting.motions.first()
    return [
        "/bg/council/",
        f"/bg/council/meetings/{meeting.pk}/",
        f"/ar/council/meetings/{meeting.pk}/",
        f"/bg/council/meetings/{meeting.pk}/minutes/",
        f"/fa/council/meetings/{meeting.pk}/minutes.pdf",
        f"/bg/council/motions/{motion.pk}/result.pdf",
        "/bg/council/decisions/",
        "/fr/council/decisions.pdf",
    ]


def member(role=Membership.Role.MEMBER, **dates):
    user = UserFactory()
    Membership.objects.create(user=user, role=role, **dates)
    return user


def officer():
    return Membership.objects.get(role=Membership.Role.SECRETARY).user


def attendance_data(meeting, status):
    day = timezone.localdate(meeting.starts_at)
    data = {}
    for membership in Membership.objects.current(day):
        data[f"status_{membership.pk}"] = status
        data[f"mode_{membership.pk}"] = "in_person"
    return data


def present_members(meeting):
    return [
        a.membership
        for a in meeting.attendances.filter(status=Attendance.Status.PRESENT).select_related("membership")
    ]


def a_meeting_of_its_own(*names):
    """A held meeting of two years ago, before the demo's council sat: its members (one per name,
    all present) are the only members on its day, so they alone make its quorum."""
    day = timezone.now() - timedelta(days=730)
    meeting = MeetingFactory(starts_at=day)
    for name in names:
        membership = MembershipFactory(
            user=UserFactory(display_name=name), starts_on=timezone.localdate(day) - timedelta(days=30)
        )
        Attendance.objects.create(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
    return meeting


def a_passed_vote(meeting, method, **fields):
    """A vote at `meeting` that every member present voted for; closed, so it has its number."""
    motion = Motion.objects.create(meeting=meeting, method=method, **fields)
    motion.open_vote()
    for membership in present_members(meeting):
        motion.cast(membership, Option.FOR)
    return motion.close_vote()
