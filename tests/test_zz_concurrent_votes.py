"""50 members voting at the same moment lose no vote and count none twice (PostgreSQL).

Real threads need committed data, so this test is transactional: Django empties the database
after it. The file's name makes it the last one pytest runs, after every test that uses the demo.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from council.models import Attendance, Meeting, Membership, Motion, Option, VoteRefused
from tests.factories import UserFactory

MEMBERS = 50

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def vote_all_at_once(motion, memberships, options):
    barrier = threading.Barrier(len(memberships))
    refused = []

    def vote(membership, option):
        try:
            barrier.wait()
            for _attempt in range(2):  # everyone also tries to vote twice
                try:
                    motion.cast(membership, option)
                except VoteRefused:
                    refused.append(membership.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=pair) for pair in zip(memberships, options, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused


@pytest.mark.parametrize("method", [Motion.Method.SECRET, Motion.Method.NAMED])
def test_fifty_members_vote_at_once(method):
    meeting = Meeting.objects.create(
        title="Заседание", starts_at=timezone.now() - timedelta(hours=1), status="held"
    )
    start = timezone.localdate() - timedelta(days=30)
    memberships = [Membership.objects.create(user=UserFactory(), starts_on=start) for _n in range(MEMBERS)]
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
        for membership in memberships
    )
    motion = Motion.objects.create(meeting=meeting, text="Едновременно", method=method)
    motion.open_vote()
    options = [Option.FOR if n % 3 else Option.AGAINST for n in range(MEMBERS)]

    refused = vote_all_at_once(motion, memberships, options)

    counts = motion.counts()
    assert sum(counts.values()) == MEMBERS
    assert counts[Option.AGAINST] == sum(1 for option in options if option == Option.AGAINST)
    if method == Motion.Method.SECRET:
        assert sorted(refused) == sorted(membership.pk for membership in memberships)
        assert motion.secret_participations.count() == MEMBERS
    else:
        assert refused == []  # a named vote may be cast again (the same choice here)
