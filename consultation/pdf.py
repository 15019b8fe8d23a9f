"""The report as a tagged PDF (PDF/UA) in the reader's language, made once per published state
by a background task and kept in the media storage."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from cms.pdf import font_urls, page_counter

from .models import ConsultationPage
from .report import ConsultationReportData


def pdf_path(page, language):
    """A new path for every state of the report: a correction or an edit of the page changes it."""
    report = page.original.report
    edited = int(page.last_published_at.timestamp()) if page.last_published_at else 0
    return f"reports/{page.original.pk}/{report.version}-{edited}/{language}.pdf"


def render_pdf(page, language, user=None):
    from django.contrib.auth.models import AnonymousUser
    from weasyprint import HTML

    with translation.override(language):
        data = ConsultationReportData(page, user or AnonymousUser())
        html = render_to_string(
            "consultation/report_pdf.html",
            {
                "page": page,
                "report": page.original.report,
                "data": data,
                "fonts": font_urls(),
                "page_counter": page_counter(),
            },
        )
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


@task()
def build_report_pdf(page_id, language):
    page = ConsultationPage.objects.get(pk=page_id)
    path = pdf_path(page, language)
    if not storages["private"].exists(path):
        storages["private"].save(path, ContentFile(render_pdf(page, language)))
