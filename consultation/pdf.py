"""The outcome report as a PDF in the reader's language (see cms.pdf for how every PDF is made).

Its table has a row per contribution, thousands in a large consultation: the report is laid out
in parts (the front matter, the table in parts of `PDF_ROWS_PER_PART` rows, the corrections) and
joined by cms.pdf_parts, which draws the page numbers and running title over all of them. The
contents give the first page of the parts after the front matter once those are laid out."""

import itertools

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.functional import cached_property

from cms import pdf_parts
from cms.pdf import PdfDocument, render_html

from .models import ConsultationPage, ConsultationReport
from .report import ConsultationReportData


class ReportPdf(PdfDocument):
    """`key` is the consultation page in the reader's language."""

    kind = "report"
    template = "consultation/report_pdf.html"
    frame_template = "consultation/report_pdf_frame.html"

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
            "has_corrections": report.corrections.exists(),
            "original_language": settings.LANGUAGE_CODE,
        }

    def part(self, context, part, **extra):
        return render_html(self.template, {**context, "part": part, **extra}, self.language)

    def front(self, context, answers=0, corrections=0):
        """The cover, contents, about, participation and polls; the contents' pages of the later
        parts are 0 until those are laid out."""
        contents = {"answers": answers, "corrections": corrections if context["has_corrections"] else None}
        return self.part(context, "front", contents=contents)

    def parts(self):
        """The state's parts; its context is kept for `lay_out`, which gives the front matter the
        pages of the others. Its table is worked out in the reader's language (a participant
        without a name, the part of the draft a row is on)."""
        with translation.override(self.language):
            self.parts_context = context = self.context()
            size, table = settings.PDF_ROWS_PER_PART, context["data"].table
            # The note on the answers' languages, above the table, only for a table with answers.
            context["answered"] = any(row.contribution.answer and not row.withdrawn for row in table)
            chunks = [table[start : start + size] for start in range(0, len(table), size)] or [[]]
            rows = [
                self.part(context, "rows", rows=chunk, first=number == 0)
                for number, chunk in enumerate(chunks)
            ]
            back = [self.part(context, "back")] if context["has_corrections"] else []
            return [self.front(context), *rows, *back]

    def lay_out(self, parts):
        """The parts laid out (side by side when there are more than four: a process takes about a
        second to start), then the front matter again with the contents' pages beside a frame of
        as many pages (in pieces, one per process), and all joined."""
        processes = min(settings.PDF_LAYOUT_PROCESSES, len(parts)) if len(parts) > 4 else 1
        with pdf_parts.Layout(processes) as layout:
            pdfs = [future.result() for future in [layout.submit(html) for html in parts]]
            pages = [pdf_parts.page_count(pdf) for pdf in pdfs]
            context = self.parts_context

            def frame():
                """The frame's pieces for the pages counted so far."""
                return [layout.submit(html, tagged=False) for html in self.frames(sum(pages), processes)]

            for _attempt in range(3):  # a longer contents could move the rest by a page
                laid_out = layout.submit(
                    self.front(context, answers=pages[0] + 1, corrections=sum(pages[:-1]) + 1)
                )
                pieces = frame()
                front = laid_out.result()
                moved, pages[0] = pages[0] != pdf_parts.page_count(front), pdf_parts.page_count(front)
                if not moved:
                    break
                for piece in pieces:
                    piece.cancel()
            else:  # the front matter has another number of pages than its frame
                pieces = frame()
            return pdf_parts.join([front, *pdfs[1:]], [piece.result() for piece in pieces])

    def frames(self, total, count):
        """The frame of `total` pages in `count` pieces (no more than the parts, so never more
        than the pages), each a document of its share of the pages."""
        starts = [total * piece // count for piece in range(count + 1)]
        return [
            render_html(
                self.frame_template,
                {"page": self.page, "pages": range(end - start), "start": start, "total": total},
                self.language,
                pages_counter="total",
            )
            for start, end in itertools.pairwise(starts)
        ]

    @property
    def filename(self):
        return f"{self.page.slug}-report-{self.language}.pdf"
