"""The report as a tagged PDF (PDF/UA) in the reader's language, made once per state of the report
by a background task and kept in the private storage."""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from cms import page_cache
from cms.pdf import font_urls, page_counter

from .models import ConsultationPage
from .report import ConsultationReportData


def report_html(page, language):
    """The PDF's whole content: what WeasyPrint lays out, and what names the PDF's state."""
    report = page.original.report
    with translation.override(language):
        return render_to_string(
            "consultation/report_pdf.html",
            {
                "page": page,
                "report": report,
                "data": ConsultationReportData(page, AnonymousUser(), report),
                "fonts": font_urls(),
                "page_counter": page_counter(),
            },
        )


def path_for(page, language, html):
    """Named by a digest of its content: any change to what the PDF shows (moderation, an answer,
    a correction, an edit of the page or a poll) is a new path, so a PDF never outlives its state."""
    digest = hashlib.sha256(html.encode()).hexdigest()[:32]
    return f"reports/{page.original.pk}/{digest}/{language}.pdf"


TALLY_KEY = "report-pdf:tally"


def count_changed(**kwargs):
    """Supports and poll answers do not start a new page-cache generation (visitors may see them a
    minute late), but the report shows them: they start a new state of its PDF."""
    try:
        cache.incr(TALLY_KEY)
    except ValueError:
        cache.set(TALLY_KEY, 1, timeout=None)


def pdf_path(page, language):
    """The path of the PDF of the report's present state. The digest is kept while neither the page
    cache's generation (every change of what visitors see starts it anew) nor the count of supports
    and poll answers changes; both are read before rendering, so a change during the rendering is
    never filed under the new state."""
    tally = cache.get_or_set(TALLY_KEY, 1, timeout=None)
    key = f"report-pdf-path:{page_cache.generation()}:{tally}:{page.pk}:{language}"
    path = cache.get(key)
    if path is None:
        path = path_for(page, language, report_html(page, language))
        cache.set(key, path, timeout=3600)
    return path


def render_pdf(page, language, html=None):
    from weasyprint import HTML

    return HTML(string=html or report_html(page, language)).write_pdf(pdf_variant="pdf/ua-1")


@task()
def build_report_pdf(page_id, language):
    page = ConsultationPage.objects.get(pk=page_id)
    html = report_html(page, language)
    path = path_for(page, language, html)
    storage = storages["private"]
    if not storage.exists(path):
        storage.save(path, ContentFile(render_pdf(page, language, html)))
    # The PDFs of earlier states go: a hidden contribution must not stay in any of them.
    folder = f"reports/{page.original.pk}"
    for state in storage.listdir(folder)[0]:
        old = f"{folder}/{state}/{language}.pdf"
        if old != path and storage.exists(old):
            storage.delete(old)
