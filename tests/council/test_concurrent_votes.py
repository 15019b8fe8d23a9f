"""What PostgreSQL keeps of the council's votes, with real commits (PostgreSQL only).

50 members voting at the same moment lose no vote and count none twice; two votes closed at the
same moment get two decision numbers; and a database administrator reading every council table,
its system columns and its old row versions (pageinspect) cannot tell what anyone chose in a
secret vote.

Real threads and real transaction ids need committed data, so these tests are transactional:
Django empties the database after them. tests/conftest.py runs them last, after every test that
uses the demo (they make their own members and meetings).
"""

import fcntl
import threading
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, connections
from django.utils import timezone, translation
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, SealedBox

from council.models import Attendance, Meeting, Motion, Option, VoteRefused
from tests.factories import MembershipFactory

MEMBERS = 50

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks, system columns and old row versions are PostgreSQL's (CI runs these on it)",
    ),
]


@pytest.fixture(autouse=True)
def one_worker_at_a_time(tmp_path_factory):
    """Fifty connections at once: two test workers doing it together would pass PostgreSQL's
    default limit of 100, so they take turns (a lock file shared by the workers of one run)."""
    lock = tmp_path_factory.getbasetemp().parent / "fifty-connections.lock"
    with lock.open("w") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        yield


def meeting_with(members, starts_at=None):
    """A held meeting with `members` new members, all present; returns it and their seats."""
    meeting = Meeting.objects.create(
        title="Заседание", starts_at=starts_at or timezone.now() - timedelta(hours=1), status="held"
    )
    memberships = MembershipFactory.create_batch(members, starts_on=timezone.localdate() - timedelta(days=30))
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
        for membership in memberships
    )
    return meeting, memberships


def all_at_once(calls):
    """Run the calls in threads released together; returns what each raised (None if nothing)."""
    barrier = threading.Barrier(len(calls))
    raised = [None] * len(calls)

    def run(n, call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # reported to the test
            raised[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised


@pytest.mark.parametrize("method", [Motion.Method.SECRET, Motion.Method.NAMED])
def test_fifty_members_vote_at_once(method):
    meeting, memberships = meeting_with(MEMBERS)
    motion = Motion.objects.create(meeting=meeting, text="Едновременно", method=method)
    motion.open_vote()
    options = [Option.FOR if n % 3 else Option.AGAINST for n in range(MEMBERS)]
    refused = []

    def vote(membership, option):
        for _attempt in range(2):  # everyone also tries to vote twice
            try:
                motion.cast(membership, option)
            except VoteRefused:
                refused.append(membership.pk)

    raised = all_at_once([lambda pair=pair: vote(*pair) for pair in zip(memberships, options, strict=True)])

    assert raised == [None] * MEMBERS
    counts = motion.close_vote().result().counts
    assert sum(counts.values()) == MEMBERS
    assert counts[Option.AGAINST] == sum(1 for option in options if option == Option.AGAINST)
    if method == Motion.Method.SECRET:
        assert sorted(refused) == sorted(membership.pk for membership in memberships)
        assert motion.secret_participations.count() == MEMBERS
    else:
        assert refused == []  # a named vote may be cast again (the same choice here)


def test_one_member_sending_a_secret_vote_ten_times_at_once_is_counted_once():
    """Requests of the same member at the same moment may all pass the check before any is
    committed: the unique participation refuses all but one, and a refused one leaves no ballot."""
    meeting, (membership,) = meeting_with(1)
    motion = Motion.objects.create(meeting=meeting, text="Десет пъти", method=Motion.Method.SECRET)
    motion.open_vote()

    raised = all_at_once([lambda: motion.cast(membership, Option.FOR)] * 10)

    assert raised.count(None) == 1
    refusals = [error for error in raised if error is not None]
    assert all(isinstance(error, VoteRefused) for error in refusals)
    with translation.override("en"):
        assert {str(error) for error in refusals} == {
            "You have already voted: a secret vote cannot be changed."
        }
    assert motion.secret_participations.count() == 1
    assert motion.close_vote().result().counts[Option.FOR] == 1  # one ballot, opened at the close


@pytest.mark.parametrize("method", [Motion.Method.SECRET, Motion.Method.NAMED])
def test_a_vote_closed_while_members_vote_counts_every_vote_it_accepted(method):
    """Votes are cast side by side (a share lock), and closing waits for those being cast: each
    member's vote is either counted or refused as too late, never accepted and then lost."""
    meeting, memberships = meeting_with(MEMBERS)
    motion = Motion.objects.create(meeting=meeting, text="Закрито по време на гласуването", method=method)
    motion.open_vote()
    accepted, too_late = [], []

    def vote(membership):
        try:
            motion.cast(membership, Option.FOR)
            accepted.append(membership.pk)
        except VoteRefused:
            too_late.append(membership.pk)

    calls = [lambda membership=membership: vote(membership) for membership in memberships]
    calls.insert(MEMBERS // 2, motion.close_vote)
    raised = all_at_once(calls)

    assert raised == [None] * (MEMBERS + 1)
    assert len(accepted) + len(too_late) == MEMBERS
    motion.refresh_from_db()
    assert motion.closed_at is not None
    assert motion.votes_cast == len(accepted)  # the stored result counts exactly the accepted votes
    if method == Motion.Method.NAMED:
        assert set(motion.named_votes.values_list("membership_id", flat=True)) == set(accepted)
    else:
        assert set(motion.secret_participations.values_list("membership_id", flat=True)) == set(accepted)
        assert not motion.secret_ballots.exists()  # opened and deleted at closing, none left behind


@pytest.mark.parametrize("years_ahead", [0, 3], ids=["year with decisions", "first decisions of a year"])
def test_two_passing_votes_closed_at_the_same_moment_get_two_numbers(years_ahead):
    starts_at = timezone.now() - timedelta(hours=1) + timedelta(days=366 * years_ahead)
    # More new members present than the demo has members: a quorum on any day.
    meeting, memberships = meeting_with(12, starts_at)
    motions = [Motion.objects.create(meeting=meeting, text=f"Решение {n}") for n in range(2)]
    for motion in motions:
        motion.open_vote()
        motion.cast(memberships[0], Option.FOR)

    raised = all_at_once([motion.close_vote for motion in motions])

    assert raised == [None, None]
    numbers = [Motion.objects.get(pk=motion.pk).decision_number for motion in motions]
    year = timezone.localdate(starts_at).year
    assert None not in numbers and len(set(numbers)) == 2
    assert all(number.startswith(f"R-{year}-") for number in numbers)


# What a database administrator sees of a secret vote --------------------------------------------

COUNCIL_TABLES = sorted(model._meta.db_table for model in apps.get_app_config("council").get_models())
# A choice as it would sit in a page: padded as it is before sealing, or as a short text column.
PLAINTEXTS = [
    form
    for option in Option.values
    for form in (option.encode() + b"\0", bytes([(len(option) + 1) << 1 | 1]) + option.encode())
]


def row_versions():
    """Every row version of every council table, live and dead, as pageinspect reads the pages:
    {(table, page, line): (xmin, xmax, raw bytes)}."""
    versions = {}
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        for table in COUNCIL_TABLES:
            cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
            for page in range(cursor.fetchone()[0]):
                cursor.execute(
                    "SELECT lp, t_xmin, t_xmax, t_data FROM heap_page_items(get_raw_page(%s, %s))"
                    " WHERE t_data IS NOT NULL",
                    [table, page],
                )
                for line, xmin, xmax, data in cursor.fetchall():
                    versions[(table, page, line)] = (int(xmin), int(xmax), bytes(data))
    return versions


def new_versions(before, after):
    """Row versions written in between (a row lock alone changes only xmax: not a new version)."""
    return {
        place: version
        for place, version in after.items()
        if place not in before or before[place][0::2] != version[0::2]
    }


def live_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text::bigint, ctid::text, * FROM {table}")  # noqa: S608 -- our own table names
        columns = [column.name for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def test_a_database_administrator_cannot_tell_what_anyone_chose_in_a_secret_vote():
    meeting, memberships = meeting_with(12)
    motion = Motion.objects.create(meeting=meeting, text="Тайно гласуване", method=Motion.Method.SECRET)
    motion.open_vote()
    choices = [Option.FOR, Option.AGAINST, Option.ABSTAIN] * 4
    before = row_versions()

    for membership, option in zip(memberships, choices, strict=True):
        motion.cast(membership, option)  # each vote is its own committed transaction

    written = new_versions(before, row_versions())
    # A vote writes a participation (no option) and a sealed ballot, and nothing else: no counter.
    assert {table for table, _page, _line in written} == {
        "council_secretparticipation",
        "council_secretballot",
    }
    assert not any(plaintext in data for _xmin, _xmax, data in written.values() for plaintext in PLAINTEXTS)
    ballots = [row for row in live_rows("council_secretballot") if row["motion_id"] == motion.pk]
    assert set(ballots[0]) == {"xmin", "ctid", "id", "motion_id", "sealed"}  # no member, no time
    assert len(ballots) == len(choices) and {len(row["sealed"]) for row in ballots} == {64}
    assert all(row["id"].version == 4 for row in ballots)
    in_voting_order = [row["id"] for row in sorted(ballots, key=lambda row: row["xmin"])]
    assert sorted(in_voting_order) != in_voting_order  # 1 chance in 479 million of a false alarm
    # No bytes on the motion open a ballot: neither the wrapped key nor any 32 bytes of it.
    wrapped = bytes(Motion.objects.get(pk=motion.pk).ballot_key)
    for start in range(len(wrapped) - 31):
        with pytest.raises(CryptoError):
            SealedBox(PrivateKey(wrapped[start : start + 32])).decrypt(bytes(ballots[0]["sealed"]))

    closed = motion.close_vote()

    after = row_versions()
    closing = next(row["xmin"] for row in live_rows("council_motion") if row["id"] == motion.pk)
    # Closing wrote the totals on the motion (and the decision counter); no ballot was rewritten.
    assert {table for (table, _page, _line), version in after.items() if version[0] == closing} <= {
        "council_motion",
        "council_decisioncounter",
    }
    voting = {xmin for xmin, _xmax, _data in written.values()}
    left = [
        version
        for (table, *_place), version in after.items()
        if table == "council_secretballot" and version[0] in voting
    ]
    assert all(xmax == closing for _xmin, xmax, _data in left)  # old versions until vacuum: deleted, sealed
    assert not any(plaintext in data for _xmin, _xmax, data in left for plaintext in PLAINTEXTS)
    assert not [row for row in live_rows("council_secretballot") if row["motion_id"] == motion.pk]
    assert closed.ballot_key is None and closed.result().counts == {"for": 4, "against": 4, "abstain": 4}
