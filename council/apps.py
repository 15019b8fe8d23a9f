from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Refugee advisory council")

    def ready(self):
        from cms.page_cache import invalidate_on_change

        from .models import Motion

        invalidate_on_change(Motion)  # public decisions are listed for everyone
