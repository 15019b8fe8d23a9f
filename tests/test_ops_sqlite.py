"""The default set-up (SQLite) under load: members who vote at the same moment all get their answer.

Threads need a database file of their own (the test database is in memory, one connection), so
the votes run in a second process with the project's own settings and DATABASE_URL pointing at a
copy of the test database: the SQLite options it gets are the ones a development server gets.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = 30

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite options only")


def vote_at_once(members):
    """In the second process: `members` present members vote through the HTTP view at once."""
    from django.db import connections
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from council.models import Attendance, Meeting, Membership, Motion, NamedVote, Option
    from tests.factories import UserFactory

    meeting = Meeting.objects.create(title="Под натоварване", starts_at=timezone.now(), status="held")
    start = timezone.localdate() - timedelta(days=1)
    # No password to hash (they sign in with force_login): the second process has the dev hashers.
    memberships = [
        Membership.objects.create(user=UserFactory(password=None), starts_on=start) for _n in range(members)
    ]
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
        for membership in memberships
    )
    motion = Motion.objects.create(meeting=meeting, text="Едновременно", method=Motion.Method.NAMED)
    motion.open_vote()
    clients = []
    for membership in memberships:
        client = Client(raise_request_exception=False, HTTP_HOST="localhost")
        client.force_login(membership.user)
        clients.append(client)
    url = reverse("council:vote", args=[motion.pk])
    barrier = threading.Barrier(members)
    answers = []

    def vote(client):
        try:
            barrier.wait()
            answers.append(client.post(url, {"option": Option.FOR}).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"answers": answers, "for": NamedVote.objects.filter(motion=motion, option=Option.FOR).count()}


def test_members_voting_at_once_on_sqlite_all_get_their_answer(django_db_setup, django_db_blocker, tmp_path):
    database = tmp_path / "db.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)  # the migrated, seeded test database
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    script = (
        "import django, json; django.setup();"
        f"from tests.test_ops_sqlite import vote_at_once; print(json.dumps(vote_at_once({MEMBERS})))"
    )

    result = subprocess.run(  # noqa: S603 -- this interpreter with the test's own script
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )

    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(outcome["answers"]) == [302] * MEMBERS, result.stderr[-3000:]
    assert outcome["for"] == MEMBERS
