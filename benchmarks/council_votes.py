"""50 council members vote at the same moment, over HTTP, on a named and on a secret motion.

    .venv/bin/python benchmarks/council_votes.py
    .venv/bin/python benchmarks/council_votes.py --members 100

It makes the database otvoren_grad_bench_votes, migrates it and collects the static files, then
creates a held meeting with the members present and two open motions, one named and one secret,
and a signed-in session for each member (written straight into the sessions table). It serves the
site with gunicorn under the production settings, as benchmarks/load.py does. Each member opens the
meeting page (which gives the CSRF token); then all of them at once (one thread each, released
together) post their vote on both motions as the page does (a secret vote is asked to be confirmed,
then cast), and then post it again: a named vote may be cast again, a secret one is refused the
second time. At the end it closes both votes (a secret vote has no
count before it closes: its sealed ballots are opened then) and reads the stored counts: votes
lost (a member's vote not counted as cast) and votes counted twice must both be 0. It prints
p50/p95 of the vote requests and exits with 1 on any lost or double vote or failed request.
It also prints the CPU time the server (gunicorn's processes), PostgreSQL (this database's
backends) and the voters (this process) spent while the votes ran, read from /proc: the
latencies move with whatever else runs on the machine, the CPU a vote request costs much less.
Locking design: council/models.py, Motion.cast.
"""

import argparse
import http.client
import os
import re
import resource
import secrets
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import load  # noqa: E402 -- benchmarks/load.py, beside this file

DATABASE = "otvoren_grad_bench_votes"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["SECRET_KEY"] = load.SECRET_KEY  # the server's: sessions are signed with it
    import django

    django.setup()


def create_meeting(members):
    """A held meeting, its members present, a named and a secret motion open; each member's
    session key and the option they will choose."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from council.models import Attendance, Meeting, Membership, Motion, Option

    User = get_user_model()
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"voter-{n}@bench.example.org", display_name=f"Член {n}", password=password)
        for n in range(members)
    )
    start = timezone.localdate() - timedelta(days=30)
    memberships = Membership.objects.bulk_create(Membership(user=user, starts_on=start) for user in users)
    meeting = Meeting.objects.create(
        title="Едновременно гласуване", starts_at=timezone.now() - timedelta(hours=1), status="held"
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
        for membership in memberships
    )
    motions = {}
    for method in (Motion.Method.NAMED, Motion.Method.SECRET):
        motion = Motion.objects.create(meeting=meeting, text=f"Гласуване ({method})", method=method)
        motion.open_vote()
        motions[method] = motion
    voters = []
    choices = [Option.FOR, Option.AGAINST, Option.ABSTAIN, Option.FOR]
    for n, (user, membership) in enumerate(zip(users, memberships, strict=True)):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        voters.append({"membership": membership.pk, "session": session.session_key, "option": choices[n % 4]})
    return meeting, motions, voters


# The requests a member sends, and what each must answer. A named vote is one POST, sent again
# the second time (a change of mind, counted once). A secret vote is a POST that comes back asking
# to confirm (the meeting page, 200) and the confirming POST (302); the second time the member
# replays the confirming POST, which is refused (200, "you have already voted").
ASK, CAST, AGAIN = "asked to confirm", "cast", "cast again (secret: refused)"
EXPECTED = {ASK: 200, CAST: 302, AGAIN: 200}


def steps(motion, attempt):
    from council.models import Motion

    if motion.method == Motion.Method.NAMED:
        return [CAST]
    return [ASK, CAST] if attempt == 1 else [AGAIN]


def cpu_seconds(matches):
    """User and system CPU seconds of the machine's processes whose command line `matches`, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for process in Path("/proc").iterdir():
        try:
            command = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if process.name.isdigit() and matches(command):
                fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
                seconds[process.name] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        except OSError:  # the process ended meanwhile
            continue
    return seconds


class CpuMeter:
    """The CPU time the server, the database and the voters spend between `start` and `stop`."""

    def __init__(self, base):
        bind = f"127.0.0.1:{urlsplit(base).port}"
        self.parts = {
            "gunicorn": lambda command: "gunicorn" in command and bind in command,
            "PostgreSQL": lambda command: command.startswith("postgres: ") and f" {DATABASE} " in command,
        }
        self.started, self.spent = None, {}

    def sample(self):
        own = resource.getrusage(resource.RUSAGE_SELF)
        return {
            **{part: cpu_seconds(matches) for part, matches in self.parts.items()},
            "voters": {"self": own.ru_utime + own.ru_stime},
        }

    def start(self):
        self.started = self.sample()

    def stop(self):
        if self.started is None:  # the voters never got going
            return
        stopped = self.sample()
        self.spent = {
            part: sum(seconds - self.started[part].get(pid, 0) for pid, seconds in stopped[part].items())
            for part in stopped
        }


def send(base, method, path, headers, data=None):
    """One request on a connection of its own (the sync workers close each), with http.client:
    requests took four times its CPU, on the two cores the server shares. Returns the status,
    the body and the headers; a redirect is not followed."""
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=60)
    try:
        body = urlencode(data).encode() if data is not None else None
        if body is not None:
            headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode(), response.headers
    finally:
        connection.close()


def csrf_cookie(headers):
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    return cookies["csrftoken"].value if "csrftoken" in cookies else None


def vote_all_at_once(base, meeting, motions, voters, meter):
    """One thread per member: open the meeting page, wait for all, then vote on both motions twice."""
    barrier = threading.Barrier(len(voters), action=meter.start)
    timings = []  # (motion method, step, seconds, status)
    failures = []
    released = []  # when each member started voting and when they finished

    def member(n, voter):
        cookie = f"sessionid={voter['session']}"
        # Each member's own address, as the proxy in front reports it (TRUSTED_PROXY_COUNT=1): one
        # address has a budget of 300 writing requests per 10 minutes (cms/ratelimit.py), which
        # 100 members voting twice would spend, as they would behind one meeting room's network.
        address = {"X-Forwarded-For": f"10.20.{n // 250}.{n % 250 + 1}"}
        try:
            status, page, page_headers = send(
                base, "GET", f"/bg/council/meetings/{meeting.pk}/", {"Cookie": cookie, **address}
            )
            token, csrf = TOKEN.search(page), csrf_cookie(page_headers)
            if status != 200 or token is None or csrf is None:
                raise RuntimeError(f"meeting page: {status}, no vote form")
            # The CSRF cookie is marked Secure (production settings), so it is sent by hand over plain HTTP.
            headers = {"Cookie": f"{cookie}; csrftoken={csrf}", **address}
            order = list(motions.values()) if n % 2 else list(motions.values())[::-1]
            barrier.wait(timeout=120)
            began = time.perf_counter()
            for attempt in (1, 2):
                for motion in order:
                    for step in steps(motion, attempt):
                        start = time.perf_counter()
                        status, _body, _headers = send(
                            base,
                            "POST",
                            f"/bg/council/motions/{motion.pk}/vote/",
                            headers,
                            data={
                                "option": voter["option"],
                                "confirmed": "True" if step in (CAST, AGAIN) else "",
                                "csrfmiddlewaretoken": token.group(1),
                            },
                        )
                        seconds = time.perf_counter() - start
                        timings.append((motion.method, step, seconds, status))
                        if status != EXPECTED[step]:
                            failures.append(f"member {n}, {step}: answered {status}")
            released.append((began, time.perf_counter()))
        except Exception as error:  # reported below: every thread must end
            failures.append(f"member {n}: {error!r}")
            barrier.abort()

    threads = [threading.Thread(target=member, args=pair) for pair in enumerate(voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    meter.stop()
    if not released:
        return timings, failures, 0
    return timings, failures, max(end for _began, end in released) - min(began for began, _end in released)


def count(motions, voters):
    """Lost and double-counted votes of each motion, from the database, once both are closed."""
    from council.models import Motion, NamedVote, SecretParticipation

    expected = Counter(voter["option"] for voter in voters)
    rows = {}
    named = motions[Motion.Method.NAMED]
    cast = set(NamedVote.objects.filter(motion=named).values_list("membership_id", "option"))
    per_member = Counter(membership for membership, _option in cast)
    wanted = {voter["membership"]: voter["option"] for voter in voters}
    rows["named"] = {
        "counted": len(cast),
        "lost": sum(1 for membership, option in wanted.items() if (membership, option) not in cast),
        "double": sum(times - 1 for times in per_member.values()) + len(set(per_member) - set(wanted)),
    }
    secret = motions[Motion.Method.SECRET]
    tally = secret.close_vote().result().counts
    participations = SecretParticipation.objects.filter(motion=secret).count()
    rows["secret"] = {
        "counted": sum(tally.values()),
        "lost": sum(max(0, n - tally.get(option, 0)) for option, n in expected.items())
        + max(0, len(voters) - participations),
        "double": sum(max(0, n - expected.get(option, 0)) for option, n in tally.items())
        + max(0, participations - len(voters)),
    }
    return rows


def percentile(values, share):
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1] * 1000


def main(args):
    load.stop_on_sigterm()
    load_before = os.getloadavg()
    # One ballot secret for the server (production settings require it) and for this process,
    # which opens the secret vote and closes it.
    os.environ["BALLOT_SECRET"] = secrets.token_urlsafe(32)
    with load.scratch_database(DATABASE) as database_url:
        load.prepare(database_url)
        setup_django(database_url)
        from django.db import connections

        meeting, motions, voters = create_meeting(args.members)
        connections.close_all()
        try:
            load.empty_redis()
            with load.serve(database_url) as base:
                meter = CpuMeter(base)
                timings, failures, seconds = vote_all_at_once(base, meeting, motions, voters, meter)
        finally:
            load.empty_redis()
        rows = count(motions, voters)
        connections.close_all()

    statuses = Counter(status for _method, _step, _seconds, status in timings)
    print(
        f"{args.members} members, each voting twice on a named and a secret motion at once: "
        f"{len(timings)} vote requests in {seconds:.1f} s, answers {dict(statuses)}, {load.describe_workers()}"
    )
    print(
        f"load average of the machine (1, 5, 15 min): {' '.join(f'{n:.1f}' for n in load_before)} "
        f"at the start, {' '.join(f'{n:.1f}' for n in os.getloadavg())} at the end ({os.cpu_count()} cores)"
    )
    if meter.spent:
        spent = ", ".join(f"{part} {cpu:.2f} s" for part, cpu in meter.spent.items())
        print(
            f"CPU while the votes ran: {spent}; the server's per vote request: "
            f"{meter.spent['gunicorn'] / len(timings) * 1000:.1f} ms"
        )
    for failure in failures[:20]:
        print(f"  failed: {failure}")
    print()
    print("| motion | votes expected | counted | lost | double counted |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for method, row in rows.items():
        print(f"| {method} | {args.members} | {row['counted']} | {row['lost']} | {row['double']} |")
    print()
    print("| request | answer | requests | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    kinds = sorted({(method, step) for method, step, _seconds, _status in timings}, reverse=True)
    for method, step in kinds:
        times = [seconds for kind, done, seconds, _status in timings if (kind, done) == (method, step)]
        print(
            f"| {method}: {step} | {EXPECTED[step]} | {len(times)} | {percentile(times, 50):.0f} "
            f"| {percentile(times, 95):.0f} | {max(times) * 1000:.0f} |"
        )
    everything = [seconds for _method, _step, seconds, _status in timings]
    print(
        f"| all vote requests | | {len(everything)} | {percentile(everything, 50):.0f} "
        f"| {percentile(everything, 95):.0f} | {max(everything) * 1000:.0f} |"
    )
    bad = failures or any(row["lost"] or row["double"] for row in rows.values())
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=50, help="members voting at once (default 50)")
    sys.exit(main(parser.parse_args()))
