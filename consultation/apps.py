from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Public consultations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cms.page_cache import invalidate_on_change

        from .models import (
            Choice,
            Comment,
            ConsultationReport,
            Poll,
            Proposal,
            ReportCorrection,
            Support,
            Vote,
        )
        from .pdf import count_changed

        invalidate_on_change(Comment, Proposal, Poll, Choice, ConsultationReport, ReportCorrection)
        for model in (Support, Vote):
            post_save.connect(count_changed, sender=model, dispatch_uid=f"report-pdf-save-{model.__name__}")
            post_delete.connect(
                count_changed, sender=model, dispatch_uid=f"report-pdf-delete-{model.__name__}"
            )
