from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms import page_cache


class SitePage(Page):
    """A page of the public site, in a language tree of its own.

    A page not yet translated is an alias of the Bulgarian page (wagtail-localize keeps the trees
    in sync), so a reader gets its text, marked with its language, and never a 404.
    """

    class Meta:
        abstract = True

    @property
    def content_language(self):
        source = self.alias_of.specific_deferred if self.alias_of_id else self
        return source.locale.language_code

    def get_view_restrictions(self):
        """Wagtail asks on every request to a page whether it or a page above it is private (two
        queries). Which restrictions apply is kept per generation of the page cache, which making a
        page private or public again, moving or publishing one starts: a public page costs no
        query (`pk__in` an empty list is answered without one)."""
        restriction_ids = page_cache.shared(
            f"view-restrictions:{self.pk}",
            lambda: list(super(SitePage, self).get_view_restrictions().values_list("pk", flat=True)),
        )
        return PageViewRestriction.objects.filter(pk__in=restriction_ids)


class ContentPage(SitePage):
    """Fields every editorial page has: a plain-text lead and a rich-text body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePage(ContentPage):
    """The root of each language's page tree. Below its introduction it leads to what is going on
    now: each app may add a section with the Wagtail hook `home_page_sections`, a function of the
    home page and the request that returns the section's HTML, or nothing (the consultation app:
    the consultations open now). The apps plug in, so this layer imports none of them."""

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = (section(self, request) for section in hooks.get_hooks("home_page_sections"))
        context["sections"] = [html for html in sections if html]
        return context


class StandardPage(ContentPage):
    """A page of text: about the bureau, terms of use, privacy policy."""

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="doc-full")
class LegalPages(BaseSiteSetting):
    """The terms, privacy and accessibility pages the footer (and the signup form) link to, in every
    language."""

    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_page = models.ForeignKey(
        "cms.AccessibilityStatementPage",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("terms_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_statement_page"),
    ]

    class Meta:
        verbose_name = _("legal pages")
