"""The local action plan: its measures by sphere and target group, and the indicators that
evaluate it, each with yearly measured values."""

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, PageLogEntry, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.charts import IndicatorChart
from cms.spheres import Sphere, SpheresAndTargetGroups, TargetGroup

from .fields import ChoiceListField
from .pages import SitePage


class ActionPlanPage(RoutablePageMixin, SitePage):
    """The plan as one page: every published revision is a version that consultations refer to,
    readable at its own address and comparable with any other."""

    intro = models.TextField(_("introduction"), blank=True)
    goals = RichTextField(_("goals"), blank=True)
    target_groups_text = RichTextField(_("target groups"), blank=True)
    method = RichTextField(_("how the plan was made"), blank=True)

    content_panels = SitePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("goals"),
        FieldPanel("target_groups_text"),
        InlinePanel("measures", heading=_("Measures"), label=_("Measure")),
        FieldPanel("method"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("goals"),
        index.SearchField("method"),
    ]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("action plan")

    def numbered_measures(self):
        """The measures with their number in the plan, which stays the same when filtering."""
        return list(enumerate(self.measures.all(), start=1))

    def get_context(self, request, *args, **kwargs):
        from cms.forms import MeasureFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = MeasureFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        sphere, target_group = filters.get("sphere"), filters.get("target_group")
        numbered = self.numbered_measures()
        context["filter_form"] = form
        context["measure_count"] = len(numbered)
        context["measures"] = [
            (number, measure)
            for number, measure in numbered
            if (not sphere or sphere in measure.spheres)
            and (not target_group or target_group in measure.target_groups)
        ]
        context["indicators"] = Indicator.for_locale(self.locale)
        context["spheres"] = list(Sphere)
        return context

    def published_versions(self):
        """Every publication of this page, newest first; drafts never appear here."""
        return (
            PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("-timestamp", "-pk")
        )

    @path("versions/")
    def versions(self, request):
        from cms.diff import PlanComparison
        from cms.forms import VersionCompareForm

        versions = list(self.published_versions())
        form = VersionCompareForm(versions, request.GET if "old" in request.GET else None)
        comparison = None
        if form.is_bound and form.is_valid():
            revisions = {entry.revision_id: entry.revision for entry in versions}
            comparison = PlanComparison(
                revisions[form.cleaned_data["old"]].as_object(),
                revisions[form.cleaned_data["new"]].as_object(),
            )
        return self.render(
            request,
            template="cms/action_plan_versions.html",
            context_overrides={"versions": versions, "compare_form": form, "comparison": comparison},
        )

    @path("versions/<int:revision_id>/")
    def version(self, request, revision_id):
        entry = get_object_or_404(self.published_versions(), revision_id=revision_id)
        version = entry.revision.as_object()
        context = version.get_context(request)
        context.update(version_entry=entry, current_page=self, indicators=[])
        return TemplateResponse(request, self.get_template(request), context)


class Measure(SpheresAndTargetGroups, index.Indexed, TranslatableMixin, Orderable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    page = ParentalKey(ActionPlanPage, related_name="measures", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    spheres = ChoiceListField(_("spheres"), choices_enum=Sphere)
    target_groups = ChoiceListField(_("target groups"), choices_enum=TargetGroup)
    responsible = models.CharField(_("responsible body"), max_length=255, blank=True)
    timeline = models.CharField(
        _("timeline"), max_length=100, blank=True, help_text=_("For example 2026–2027")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.SearchField("responsible"),
        index.FilterField("locale"),
        index.FilterField("page"),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("spheres"), FieldPanel("target_groups")]),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("timeline"), FieldPanel("status")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @property
    def number(self):
        """The measure's number in the plan (Orderable keeps sort_order 0, 1, 2, …)."""
        return self.sort_order + 1


class Indicator(TranslatableMixin, ClusterableModel):
    """An indicator from the plan's evaluation; its figures are entered once, on the Bulgarian
    indicator, and every translation shows them (only the words are translated)."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example: people, events, %"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=12, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    is_demo = models.BooleanField(
        _("demo figures"), default=False, help_text=_("Shown with a notice that the figures are not real.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("unit"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("baseline_year"), FieldPanel("baseline_value")]),
                FieldRowPanel([FieldPanel("target_year"), FieldPanel("target_value")]),
                FieldPanel("is_demo"),
            ],
            heading=_("Baseline and target"),
        ),
        InlinePanel("values", heading=_("Measured values"), label=_("Value")),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("unit"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    @classmethod
    def for_locale(cls, locale):
        """The indicators in this language (else in Bulgarian), each with the source's figures.

        Two queries whatever the number of indicators and values.
        """
        source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        rows = cls.objects.filter(locale__in=[locale.pk, source_locale.pk]).prefetch_related("values")
        by_key = {}
        for indicator in rows:
            by_key.setdefault(indicator.translation_key, {})[indicator.locale_id] = indicator
        indicators = []
        for versions in by_key.values():
            source = versions.get(source_locale.pk) or next(iter(versions.values()))
            shown = versions.get(locale.pk, source)
            shown.chart = IndicatorChart(shown, source)
            indicators.append(shown)
        return sorted(indicators, key=lambda indicator: (indicator.sort_order, indicator.pk))


class IndicatorValue(Orderable):
    indicator = ParentalKey(Indicator, related_name="values", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("value")])]

    class Meta(Orderable.Meta):
        verbose_name = _("measured value")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_value_per_indicator_year")
        ]
