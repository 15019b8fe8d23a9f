"""The consultation page as a signed-in participant reads it, against the bare view, in one process.

    .venv/bin/python benchmarks/signed_in_pages.py                 # seed_demo --scale 1000
    .venv/bin/python benchmarks/signed_in_pages.py --scale 10000

It migrates a throw-away SQLite database and runs `seed_demo --scale N` (development settings with
DEBUG off, so templates are cached; the local-memory cache; sessions as in production, cached_db),
signs the demo's participant in with force_login, then requests /healthz/, the terms of use (a
plain page: what the layout alone costs) and the open consultation's page with django.test.Client,
taking turns: a few times to warm up, then REQUESTS times each, printing the median and slowest in
milliseconds, the median CPU time of the process (less disturbed by other work on a shared
machine), the ratio of the medians to the bare view's and the SQL queries of one request.
Signed-in pages never come from the anonymous page cache; what every reader shares of them is kept
in the local-memory cache, as in Redis in production (PAGE_CACHE_SECONDS, 60 by default).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WARM_UP = 5
PARTICIPANT = "participant@example.org"


def setup_django(database, media):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "0"
    os.environ.pop("REDIS_URL", None)  # the local-memory cache: one process
    os.environ["MEDIA_ROOT"] = str(media / "public")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(media / "private")
    import django

    django.setup()
    from django.conf import settings

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as in production


def timed(client, urls, repeat):
    """Milliseconds of `repeat` requests of each address, (wall clock, CPU time of this process) by
    address. The addresses take turns, so that other work on the machine slows them alike."""
    times = {url: ([], []) for url in urls}
    for _ in range(repeat):
        for url in urls:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times[url][0].append((time.perf_counter() - start) * 1000)
            times[url][1].append((time.process_time() - start_cpu) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
    return times


def query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def consultation_url():
    from consultation.models import ConsultationPage

    page = ConsultationPage.objects.live().get(slug="action-plan-2026", locale__language_code="bg")
    return page.url


def main(scale, repeat):
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "benchmark.sqlite3", Path(folder))
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("seed_demo", scale=scale, verbosity=0)
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(email=PARTICIPANT))
        addresses = [
            ("bare view", "/healthz/"),
            ("a plain page, signed in", "/bg/terms/"),
            ("consultation page, signed in", consultation_url()),
        ]
        print(f"seed_demo --scale {scale:,}; load average at the start: {load()}")
        print()
        print("| address | median ms | slowest ms | CPU median ms | ratio to bare view | queries |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        urls = [url for _name, url in addresses]
        timed(client, urls, WARM_UP)
        times = timed(client, urls, repeat)
        bare = None
        for name, url in addresses:
            wall, cpu = times[url]
            median = statistics.median(wall)
            bare = bare or median
            print(
                f"| {name} `{url}` | {median:.1f} | {max(wall):.1f} | {statistics.median(cpu):.1f} "
                f"| {median / bare:,.0f} | {query_count(client, url)} |"
            )
        print()
        print(f"load average at the end: {load()}")


def load():
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1000, help="contributions added (default 1000)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per address (default 50)")
    arguments = parser.parse_args()
    main(arguments.scale, arguments.requests)
