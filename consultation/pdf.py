"""The outcome report as a PDF in the reader's language (see cms.pdf for how every PDF is made)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import cached_property

from cms.pdf import PdfDocument

from .models import ConsultationPage, ConsultationReport
from .report import ConsultationReportData


class ReportPdf(PdfDocument):
    """`key` is the consultation page in the reader's language."""

    kind = "report"
    template = "consultation/report_pdf.html"

    @cached_property
    def page(self):
        return ConsultationPage.objects.get(pk=self.key)

    def context(self):
        report = ConsultationReport.objects.of(self.page).get()
        return {
            "page": self.page,
            "report": report,
            "data": ConsultationReportData(self.page, AnonymousUser(), report),
            # The same for every reader: the documents everyone may open, linked by full address.
            "documents": self.page.readable_documents(),
            "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        }

    @property
    def filename(self):
        return f"{self.page.slug}-report-{self.language}.pdf"
