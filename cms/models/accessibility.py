"""The accessibility statement every public body's website carries (Directive (EU) 2016/2102, in
Bulgaria through the Electronic Governance Act), in the structure of the model statement of
Commission Implementing Decision (EU) 2018/1523, and reviewed every year."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.fields import RichTextField
from wagtail.search import index

from .pages import SitePage

# The harmonised standard the statement measures against; it includes WCAG 2.1 at level AA.
STANDARD = "EN 301 549 V3.2.1"


def review_deadline(today=None):
    """A statement last reviewed before this day is overdue: it is reviewed at least once a year."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return date(today.year - 1, 2, 28)


class ReviewOverduePanel(Panel):
    """Tells editors on the statement's own form that its yearly review is overdue."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/review_overdue.html"

        def is_shown(self):
            return self.instance.review_overdue


class AccessibilityStatementPage(SitePage):
    """One per language tree, linked from every footer (LegalPages)."""

    class Compliance(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NONE = "none", _("Not compliant")

    class Method(models.TextChoices):
        SELF_ASSESSMENT = "self", _("Self-assessment by the public sector body")
        THIRD_PARTY = "third_party", _("Assessment carried out by a third party")

    intro = models.TextField(
        _("commitment"),
        help_text=_("Who is committed to making which website accessible, under which law."),
    )
    compliance_status = models.CharField(_("compliance status"), max_length=10, choices=Compliance.choices)
    non_compliance = RichTextField(
        _("non-compliance with the accessibility requirements"),
        blank=True,
        help_text=_("What is not accessible, which requirements it fails, and any accessible alternative."),
    )
    disproportionate_burden = RichTextField(
        _("disproportionate burden"),
        blank=True,
        help_text=_(
            "Content exempted as a disproportionate burden, and why; or that no exemption is claimed."
        ),
    )
    out_of_scope = RichTextField(
        _("content not within the scope of the legislation"),
        blank=True,
        help_text=_(
            "Content the directive does not cover, such as third-party content or older office files."
        ),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    method = models.CharField(
        _("method used to prepare the statement"), max_length=12, choices=Method.choices
    )
    assessment = RichTextField(_("how the website was assessed"), blank=True)
    last_reviewed_on = models.DateField(
        _("statement last reviewed on"), help_text=_("The statement is reviewed at least once a year.")
    )
    next_review_on = models.DateField(_("next review planned for"))
    feedback = RichTextField(
        _("feedback"),
        blank=True,
        help_text=_("How to report a failure or ask for content that is not accessible."),
    )
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.TextField(_("contact postal address"), blank=True)
    enforcement_body = models.CharField(
        _("body responsible for enforcement"),
        max_length=255,
        help_text=_("Where to turn when our reply is unsatisfactory."),
    )
    enforcement_procedure = RichTextField(_("enforcement procedure"))

    content_panels = SitePage.content_panels + [
        ReviewOverduePanel(),
        FieldPanel("intro"),
        FieldPanel("compliance_status"),
        MultiFieldPanel(
            [FieldPanel("non_compliance"), FieldPanel("disproportionate_burden"), FieldPanel("out_of_scope")],
            heading=_("Non-accessible content"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("method")]),
                FieldPanel("assessment"),
                FieldRowPanel([FieldPanel("last_reviewed_on"), FieldPanel("next_review_on")]),
            ],
            heading=_("Preparation of this accessibility statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("contact_address"),
            ],
            heading=_("Feedback and contact information"),
        ),
        MultiFieldPanel(
            [FieldPanel("enforcement_body"), FieldPanel("enforcement_procedure")],
            heading=_("Enforcement procedure"),
        ),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("non_compliance"),
        index.SearchField("out_of_scope"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")

    def clean(self):
        super().clean()
        if self.prepared_on and self.last_reviewed_on and self.last_reviewed_on < self.prepared_on:
            raise ValidationError(
                {"last_reviewed_on": _("A review cannot come before the statement was prepared.")}
            )
        if self.last_reviewed_on and self.next_review_on and self.next_review_on <= self.last_reviewed_on:
            raise ValidationError({"next_review_on": _("The next review comes after the last one.")})

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), "standard": STANDARD}

    @property
    def review_overdue(self):
        return self.last_reviewed_on is not None and self.last_reviewed_on < review_deadline()
