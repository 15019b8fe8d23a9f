"""Time and peak memory of a consultation report's PDF with 100, 1,000 and 5,000 contributions.

    .venv/bin/python benchmarks/report_pdf.py            # all sizes, in a throw-away SQLite database
    .venv/bin/python benchmarks/report_pdf.py 100 1000   # chosen sizes

Each size renders in a fresh process, so the peak memory (max RSS) is that size's alone. The
figures include what the worker's part takes besides: the processes it starts to lay the parts out
(`PDF_LAYOUT_PROCESSES`, one per core by default; their peak is given apart) and the join.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LANGUAGES = ["bg", "ar"]


def setup_django(database):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def build(size):
    """A closed consultation with `size` contributions in five languages, every one answered, and
    its published report: filled by the same code as `seed_demo --scale`, without replies (the
    report lists none, so each contribution is a row)."""
    from django.conf import settings
    from django.utils import timezone

    from cms.management.commands.seed_demo import load_demo_content
    from cms.models import HomePage
    from consultation.demo import add_contributions
    from consultation.models import ConsultationIndexPage, ConsultationPage, ConsultationReport

    home = HomePage.objects.get(depth=2, locale__language_code="bg")
    index = ConsultationIndexPage.objects.child_of(home).first() or home.add_child(
        instance=ConsultationIndexPage(title="Консултации", slug="consultations")
    )
    now = timezone.now()
    page = index.add_child(
        instance=ConsultationPage(
            title=f"Консултация с {size} приноса",
            slug=f"benchmark-{size}",
            summary="<p>Проект.</p>",
            opens_at=now - timedelta(days=60),
            closes_at=now - timedelta(days=1),
        )
    )
    spec = load_demo_content()[settings.LANGUAGE_CODE]["consultations"]
    add_contributions(page, size, spec, answered=True, replies=False)
    ConsultationReport.objects.create(consultation=page, published_at=now)
    return page.pk


def measure(page_id, language):
    """Lay the report out as the worker does (`ReportPdf.build`: its parts, side by side on
    `PDF_LAYOUT_PROCESSES` processes, joined), without storing it. The peak memory is the
    worker's own and, apart, the largest of the processes that laid parts out."""
    from consultation.models import ConsultationPage
    from consultation.pdf import ReportPdf

    page = ConsultationPage.objects.get(pk=page_id)  # made in Bulgarian only: its report in each language
    start = time.perf_counter()
    document = ReportPdf(page.pk, language)
    parts = document.parts()
    pdf = document.lay_out(parts)
    seconds = time.perf_counter() - start
    worker_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    layout_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{seconds:.1f}\t{worker_mib:.0f}\t{layout_mib:.0f}\t{len(parts)}\t{len(pdf) / 1024:.0f}")


def main(sizes):
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "benchmark.sqlite3"
        setup_django(database)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        pages = {size: build(size) for size in sizes}
        print("contributions\tlanguage\tseconds\tworker peak MiB\tlayout process peak MiB\tparts\tPDF KiB")
        for size, page_id in pages.items():
            for language in LANGUAGES:
                result = subprocess.run(  # noqa: S603 -- this script itself, with its own arguments
                    [sys.executable, __file__, "--measure", str(database), str(page_id), language],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                print(f"{size}\t{language}\t{result.stdout.strip()}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        _flag, database, page_id, language = sys.argv[1:5]
        setup_django(database)
        measure(int(page_id), language)
    else:
        main([int(size) for size in sys.argv[1:]] or [100, 1000, 5000])
