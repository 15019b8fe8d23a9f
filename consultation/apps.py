from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Public consultations")

    def ready(self):
        from cms.page_cache import invalidate_on_change

        from .models import Choice, Comment, ConsultationReport, Poll, Proposal, ReportCorrection

        invalidate_on_change(Comment, Proposal, Poll, Choice, ConsultationReport, ReportCorrection)
