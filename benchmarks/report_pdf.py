"""Time and peak memory of a consultation report's PDF with 100, 1,000 and 5,000 contributions.

    .venv/bin/python benchmarks/report_pdf.py            # all sizes, in a throw-away SQLite database
    .venv/bin/python benchmarks/report_pdf.py 100 1000   # chosen sizes

Each size renders in a fresh process, so the peak memory (max RSS) is that size's alone.
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
    """A closed consultation with `size` contributions in five languages and a published report."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cms.models import HomePage
    from consultation.models import (
        Comment,
        ConsultationIndexPage,
        ConsultationPage,
        ConsultationReport,
        Proposal,
    )

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
    author, _created = get_user_model().objects.get_or_create(
        email="bench@example.org", defaults={"display_name": "B"}
    )
    texts = {
        "bg": "Предлагам общината да осигури информация на повече езици.",
        "en": "Please publish the timetable of the language courses.",
        "fr": "Les horaires du Bureau devraient être affichés en français.",
        "ar": "نقترح أن تكون المعلومات متوفرة باللغة العربية في كل المكاتب.",
        "fa": "لطفاً کلاس‌های زبان بلغاری عصرها هم برگزار شود.",
    }
    codes = list(texts)
    answers = {"taken_into_account": "partly", "answer": "Частично отчетено: ще бъде разгледано през 2027 г."}
    Comment.objects.bulk_create(
        Comment(
            consultation=page,
            author=author,
            language=codes[n % 5],
            text=texts[codes[n % 5]],
            created_at=now - timedelta(days=60 - n % 59),
            **answers,
        )
        for n in range(size * 4 // 5)
    )
    Proposal.objects.bulk_create(
        Proposal(
            consultation=page,
            author=author,
            language=codes[n % 5],
            title=f"Предложение {n}",
            text=texts[codes[n % 5]],
            created_at=now - timedelta(days=30),
            **answers,
        )
        for n in range(size // 5)
    )
    ConsultationReport.objects.create(consultation=page, published_at=now)
    return page.pk


def measure(page_id, language):
    from consultation.models import ConsultationPage
    from consultation.pdf import render_pdf

    page = ConsultationPage.objects.get(pk=page_id)
    start = time.perf_counter()
    pdf = render_pdf(page, language)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.1f}\t{peak_mib:.0f}\t{len(pdf) / 1024:.0f}")


def main(sizes):
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "benchmark.sqlite3"
        setup_django(database)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        pages = {size: build(size) for size in sizes}
        print("contributions\tlanguage\tseconds\tpeak MiB\tPDF KiB")
        for size, page_id in pages.items():
            for language in LANGUAGES:
                result = subprocess.run(
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
