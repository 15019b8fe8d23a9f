from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Public consultations")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.models import CollectionViewRestriction

        from cms.page_cache import invalidate_on_change
        from cms.pdf import count_changes_of

        from .fragments import count_support_and_answer_changes
        from .models import (
            Choice,
            Comment,
            ConsultationReport,
            Poll,
            Proposal,
            ReportCorrection,
            Vote,
        )

        invalidate_on_change(Comment, Proposal, Poll, Choice, ConsultationReport, ReportCorrection)
        # Consultations list the draft's documents: a new file, or a collection made private, at once.
        invalidate_on_change(get_document_model(), CollectionViewRestriction)
        # Poll answers reach cached pages a minute late, but the report's PDF at once.
        count_changes_of(Vote)
        count_support_and_answer_changes()
