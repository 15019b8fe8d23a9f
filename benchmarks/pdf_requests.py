"""Every PDF made once per state: how long a request for a PDF takes the first time (the worker
lays it out; here the immediate task backend does it within the request) and every time after,
while nothing it shows has changed.

    .venv/bin/python benchmarks/pdf_requests.py

It migrates and seeds a throw-away SQLite database (development settings, DEBUG off), then asks
for the approved minutes, the register of decisions (as a council member) and the closed
consultation's report (anonymously) in Bulgarian and in Farsi with django.test.Client: once,
then 20 times more, printing the first request's time and the median and slowest of the others.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LANGUAGES = ["bg", "fa"]
REPEAT = 20


def setup_django(database, media):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "0"
    os.environ["MEDIA_ROOT"] = str(media / "public")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(media / "private")
    import django

    django.setup()


def documents(language):
    """(name, address, whose session) of each PDF asked for, in `language`."""
    from wagtail.models import Locale

    from consultation.models import ConsultationReport
    from council.models import Membership, Minutes

    minutes = Minutes.objects.filter(status=Minutes.Status.APPROVED).first()
    report = (
        ConsultationReport.objects.filter(published_at__isnull=False).select_related("consultation").first()
    )
    consultation = report.consultation.get_translation(Locale.objects.get(language_code=language))
    member = Membership.objects.current().first().user
    return [
        ("approved minutes", f"/{language}/council/meetings/{minutes.meeting_id}/minutes.pdf", member),
        ("register of decisions", f"/{language}/council/decisions.pdf", member),
        ("consultation report", f"{consultation.url}report.pdf", None),
    ]


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    if response.status_code != 200 or response["Content-Type"] != "application/pdf":
        raise RuntimeError(f"{url} answered {response.status_code} {response['Content-Type']}")
    b"".join(response.streaming_content)
    return seconds * 1000


def main():
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "benchmark.sqlite3", Path(folder))
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        print(f"load average at the start: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        print()
        print("| PDF | language | first request ms | next requests: median ms | slowest ms |")
        print("| --- | --- | ---: | ---: | ---: |")
        for language in LANGUAGES:
            for name, url, user in documents(language):
                client = Client(HTTP_HOST="localhost")
                if user:
                    client.force_login(user)
                first = timed(client, url)
                later = [timed(client, url) for _ in range(REPEAT)]
                print(
                    f"| {name} | {language} | {first:,.0f} | {statistics.median(later):.1f} | {max(later):.1f} |"
                )
        print()
        print(f"load average at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()
