"""SQL queries per page with 10 and with 10,000 items: the count must not grow with the items.

    .venv/bin/python benchmarks/queries.py              # 10 and 10,000 items
    .venv/bin/python benchmarks/queries.py 10 1000      # chosen sizes

In the PostgreSQL database otvoren_grad_bench_queries (made for the run and dropped after it) it
migrates and seeds the demo, then, for each size in turn, brings the items of each page up to that
size and requests the page through django.test.Client (signed in where the page needs it),
counting the queries of the second request (the first fills the per-process caches) with
CaptureQueriesContext. The anonymous page cache is off (PAGE_CACHE_SECONDS=0), so every request
renders its page. The pages and their items:

- the open consultation: contributions as `seed_demo --scale` makes them (comments, replies,
  proposals with supports, poll answers), read anonymously and signed in;
- the published report of the closed consultation: the same, every contribution answered;
- a council meeting with that many members present, agenda items and motions (named and secret;
  closed, open and not yet opened, with votes), read by a member and by an officer;
- the council's register of decisions, with the passed motions of that meeting;
- the action plan with that many measures.

Prints a table and exits with 1 if any page makes more queries with more items, printing the
queries that were added.
"""

import os
import re
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from load import scratch_database, stop_on_sigterm  # noqa: E402 -- benchmarks/load.py, beside this file

DATABASE = "otvoren_grad_bench_queries"
BENCH_EMAIL = "council-{n}@bench.example.org"


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def demo_spec():
    from django.conf import settings

    from cms.management.commands.seed_demo import load_demo_content

    return load_demo_content()[settings.LANGUAGE_CODE]["consultations"]


def fill_consultations(size, spec):
    """`size` generated contributions on the open consultation and on the closed one."""
    from consultation.demo import add_contributions, scale_consultation
    from consultation.models import ConsultationPage

    add_contributions(scale_consultation(spec), size, spec)
    closed = ConsultationPage.objects.get(slug=closed_slug(spec), locale__language_code="bg")
    add_contributions(closed, size, spec, answered=True)


def closed_slug(spec):
    return next(item["slug"] for item in spec["items"] if item.get("report_published"))


def fill_meeting(size):
    """A held meeting with `size` members present, agenda items and motions; returns it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from council.models import (
        AgendaItem,
        Attendance,
        Meeting,
        Membership,
        Motion,
        NamedVote,
        Option,
        SecretParticipation,
    )

    now = timezone.now()
    meeting, _created = Meeting.objects.get_or_create(
        title="Заседание за измерване", defaults={"starts_at": now - timedelta(hours=1), "status": "held"}
    )
    User = get_user_model()
    emails = [BENCH_EMAIL.format(n=n) for n in range(size)]
    made = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    password = make_password(None)
    User.objects.bulk_create(
        (
            User(email=email, display_name=f"Член {n}", password=password)
            for n, email in enumerate(emails)
            if email not in made
        ),
        batch_size=1000,
    )
    users = User.objects.filter(email__in=emails).exclude(council_memberships__isnull=False)
    Membership.objects.bulk_create(
        (Membership(user=user, starts_on=timezone.localdate() - timedelta(days=30)) for user in users),
        batch_size=1000,
    )
    members = list(Membership.objects.filter(user__email__in=emails).order_by("pk"))
    recorded = set(meeting.attendances.values_list("membership_id", flat=True))
    Attendance.objects.bulk_create(
        (
            Attendance(
                meeting=meeting,
                membership=member,
                status=Attendance.Status.EXCUSED if n % 10 == 9 else Attendance.Status.PRESENT,
            )
            for n, member in enumerate(members)
            if member.pk not in recorded
        ),
        batch_size=1000,
    )
    items = AgendaItem.objects.filter(meeting=meeting).count()
    AgendaItem.objects.bulk_create(
        (AgendaItem(meeting=meeting, title=f"Точка {n + 1}", sort_order=n) for n in range(items, size)),
        batch_size=1000,
    )
    agenda = list(meeting.agenda_items.order_by("sort_order"))
    motions = Motion.objects.filter(meeting=meeting).count()
    new = []
    for n in range(motions, size):
        state = n % 3  # closed, open, not opened yet
        new.append(
            Motion(
                meeting=meeting,
                agenda_item=agenda[n],
                text=f"Предложение за решение {n + 1}",
                method=Motion.Method.NAMED if n % 2 else Motion.Method.SECRET,
                opened_at=now - timedelta(minutes=30) if state < 2 else None,
                closed_at=now - timedelta(minutes=10) if state == 0 else None,
                decision_number=f"Р-ИЗМ-{meeting.pk}-{n + 1}" if state == 0 else None,
                # A closed vote keeps what decided it (council/models.py, Motion.close_vote).
                **(closed_result(size) if state == 0 else {}),
            )
        )
    new = Motion.objects.bulk_create(new, batch_size=1000)
    voters = members[:5]
    options = [Option.FOR, Option.FOR, Option.FOR, Option.AGAINST, Option.ABSTAIN]
    opened = [motion for motion in new if motion.opened_at]
    NamedVote.objects.bulk_create(
        (
            NamedVote(motion=motion, membership=voter, option=option)
            for motion in opened
            if motion.method == Motion.Method.NAMED
            for voter, option in zip(voters, options, strict=False)
        ),
        batch_size=1000,
    )
    secret = [motion for motion in opened if motion.method == Motion.Method.SECRET]
    SecretParticipation.objects.bulk_create(
        (SecretParticipation(motion=motion, membership=voter) for motion in secret for voter in voters),
        batch_size=1000,
    )
    return meeting


def closed_result(size):
    """The stored figures of a closed vote: five voters, three for, of `size` members."""
    present = size - size // 10
    return {
        "votes_for": 3,
        "votes_against": 1,
        "votes_abstain": 1,
        "votes_cast": 5,
        "voting_members": size,
        "present": present,
        "quorum_required": size // 2 + 1,
        "passed": True,
        "outcome_only_below": 0,
    }


def fill_plan(size):
    """Exactly `size` measures on the Bulgarian action plan; returns the plan."""
    from cms.models import ActionPlanPage, Measure

    plan = ActionPlanPage.objects.get(locale__language_code="bg")
    Measure.objects.filter(page=plan, sort_order__gte=size).delete()
    count = Measure.objects.filter(page=plan).count()
    spheres = ["leadership", "integration", "internationalisation"]
    groups = ["highly_qualified", "entrepreneurs", "young_newcomers", "second_generation", "refugees"]
    Measure.objects.bulk_create(
        (
            Measure(
                page=plan,
                locale=plan.locale,
                sort_order=n,
                title=f"Мярка {n + 1}",
                description="<p>Информация за услугите на общината на арабски и фарси.</p>",
                spheres=[spheres[n % 3]],
                target_groups=[groups[n % 5], groups[(n + 2) % 5]],
                responsible="Столична община",
                timeline="2026–2027",
                status=["planned", "in_progress", "done"][n % 3],
            )
            for n in range(count, size)
        ),
        batch_size=1000,
    )
    return plan


def pages(spec, meeting, plan):
    """(name, address, email of the reader or None)."""
    member = BENCH_EMAIL.format(n=0)
    consultation = f"/bg/consultations/{next(i['slug'] for i in spec['items'] if i['phase'] == 'open')}/"
    return [
        ("consultation page, anonymous", consultation, None),
        ("consultation page, signed in", consultation, "participant@example.org"),
        ("report page, anonymous", f"/bg/consultations/{closed_slug(spec)}/report/", None),
        ("council meeting page, member", f"/bg/council/meetings/{meeting.pk}/", member),
        ("council meeting page, officer", f"/bg/council/meetings/{meeting.pk}/", "chair@example.org"),
        ("council decisions register, member", "/bg/council/decisions/", member),
        ("action plan page, anonymous", plan.get_url(), None),
    ]


def queries_of(url, email):
    """The SQL of the second request of `url` (the first fills per-process caches) and its time."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    for attempt in range(2):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code} (attempt {attempt + 1}).")
    return [query["sql"] for query in queries.captured_queries], seconds


def shape(sql):
    """A query with its values taken out, to compare queries across sizes."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\((?:\?, )+\?\)", "(?…)", sql)


def main(sizes):
    stop_on_sigterm()
    with scratch_database(DATABASE) as database_url:
        setup_django(database_url)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        spec = demo_spec()
        counts = {}
        sqls = {}
        for size in sizes:
            start = time.perf_counter()
            fill_consultations(size, spec)
            meeting = fill_meeting(size)
            plan = fill_plan(size)
            print(f"{size:,} items made in {time.perf_counter() - start:.0f} s", flush=True)
            for name, url, email in pages(spec, meeting, plan):
                sql, seconds = queries_of(url, email)
                counts[name, size] = len(sql)
                sqls[name, size] = sql
                print(f"  {name}: {len(sql)} queries, {seconds * 1000:.0f} ms", flush=True)
        connections.close_all()

    names = [name for name, _url, _email in pages(spec, meeting, plan)]
    print()
    print("| page | " + " | ".join(f"queries at {size:,}" for size in sizes) + " |")
    print("| --- | " + " | ".join("---:" for _size in sizes) + " |")
    grown = []
    for name in names:
        print(f"| {name} | " + " | ".join(str(counts[name, size]) for size in sizes) + " |")
        if any(counts[name, size] > counts[name, sizes[0]] for size in sizes):
            grown.append(name)
    for name in grown:
        added = Counter(map(shape, sqls[name, sizes[-1]])) - Counter(map(shape, sqls[name, sizes[0]]))
        print(f"\n{name}: {counts[name, sizes[-1]] - counts[name, sizes[0]]} more queries with more items:")
        for sql, times in added.most_common():
            print(f"  {times} × {sql[:300]}")
    return 1 if grown else 0


if __name__ == "__main__":
    sys.exit(main(sorted(int(size) for size in sys.argv[1:]) or [10, 10_000]))
