from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site content")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.models import LegalPages, Translation
        from cms.page_cache import invalidate, invalidate_on_change

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
        post_delete.connect(invalidate, sender=Page, dispatch_uid="page-cache-page-deleted")
        invalidate_on_change(LegalPages, PageViewRestriction)  # a page made private leaves the cache
        invalidate_on_change(Translation)  # pages and PDFs show a new translation at once
