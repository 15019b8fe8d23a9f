"""The moderators' queue in the Wagtail admin: comments and proposals, filtered, answered."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cms.models import Translation
from cms.models.translations import save_translations
from cms.translation_fields import (
    add_translation_fields,
    translation_field_names,
    translations_changed,
    translations_typed,
)

from .answers import REASONS_NEEDED, answer_contributions, answers_frozen, reply_officially
from .models import (
    Channel,
    Comment,
    ConsultationPage,
    ConsultationReport,
    ModerationStatus,
    Proposal,
    Section,
    TakenIntoAccount,
)
from .notifications import notify_followers, notify_of_answer, notify_of_reply
from .report import ConsultationReportData

HIDING = {ModerationStatus.HIDDEN, ModerationStatus.REJECTED}


class ContributionFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("Consultation"),
        queryset=ConsultationPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ModerationStatus.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    channel = django_filters.ChoiceFilter(label=_("Received"), choices=Channel.choices)
    unread = django_filters.BooleanFilter(
        label=_("Not yet read by a moderator"), field_name="reviewed_at", lookup_expr="isnull"
    )
    reported = django_filters.BooleanFilter(label=_("Reported as abusive"), method="filter_reported")
    unanswered = django_filters.BooleanFilter(
        label=_("Not yet answered"), field_name="taken_into_account", method="filter_unanswered"
    )
    untranslated = django_filters.BooleanFilter(
        label=_("Answer not translated into the contribution's language"), method="filter_untranslated"
    )

    def filter_unanswered(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(taken_into_account="") if value else queryset.exclude(taken_into_account="")

    def filter_untranslated(self, queryset, name, value):
        """Answered, written in another language than the city's, and without the answer in it."""
        if value is None:
            return queryset
        translated = Translation.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model),
            object_id=OuterRef("pk"),
            field="answer",
            language=OuterRef("language"),
        )
        untranslated = (
            queryset.exclude(answer="").exclude(language=settings.LANGUAGE_CODE).exclude(Exists(translated))
        )
        return untranslated if value else queryset.exclude(pk__in=untranslated.values("pk"))

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(abuse_report_count__gt=0) if value else queryset.filter(abuse_report_count=0)


class CommentFilterSet(ContributionFilterSet):
    section = django_filters.ChoiceFilter(
        label=_("Section"), field_name="section_key", method="filter_section"
    )

    class Meta:
        model = Comment
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sections = Section.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related("page")
        self.filters["section"].extra["choices"] = [("draft", _("The whole draft"))] + [
            (str(section.translation_key), f"{section.page.title} — {section.title}") for section in sections
        ]

    def filter_section(self, queryset, name, value):
        if value == "draft":
            return queryset.filter(section_key__isnull=True)
        return queryset.filter(section_key=value) if value else queryset


class ProposalFilterSet(ContributionFilterSet):
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Proposal.Outcome.choices)

    class Meta:
        model = Proposal
        fields = []


ANSWER_FIELDS = ("taken_into_account", "answer")


class ModerationForm(WagtailAdminModelForm):
    """Saving marks the item as read; hiding or rejecting needs a reason the public will see.
    Once the consultation's report is published, the answers in it are frozen: shown read-only,
    and an answer sent anyway (from a form opened before publication) is refused. Their
    translations, beside the answer, can still be added (`consultation.answers`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_translation_fields(self, self.instance, "answer", _("%(language)s: translation of the answer"))
        if self.instance.pk and answers_frozen([self.instance.consultation_id]):
            for name in ANSWER_FIELDS:
                # A disabled field is not sent: keep its value. One that is sent goes to the refusal.
                self.fields[name].disabled = not (self.is_bound and self.add_prefix(name) in self.data)
                self.fields[name].help_text = _(
                    "Frozen: the report is published. Add a correction to the report."
                )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") in HIDING and not cleaned_data.get("moderation_reason"):
            self.add_error("moderation_reason", _("Give the reason: participants will see it."))
        if (
            TakenIntoAccount.needs_reasons(cleaned_data.get("taken_into_account"))
            and not (cleaned_data.get("answer") or "").strip()
        ):
            self.add_error("answer", REASONS_NEEDED)
        if (
            translations_changed(self, "answer")
            and any(translations_typed(self, "answer").values())
            and not (cleaned_data.get("answer") or "").strip()
        ):  # an answer cleared with its translations left as they were takes them away with it
            self.add_error("answer", _("Write the answer in Bulgarian first: the translations are of it."))
        return cleaned_data

    @property
    def answered(self):
        return any(name in self.changed_data for name in ANSWER_FIELDS)

    def save(self, commit=True):
        """An answer goes through the one operation for answers (`answer_contributions`), as in bulk."""
        translations = translations_typed(self, "answer")
        if self.answered:
            answer_contributions(
                [self.instance],
                self.instance.taken_into_account,
                self.instance.answer,
                translations,
                self.for_user,
            )
        elif translations_changed(self, "answer"):
            save_translations(self.instance, "answer", translations, self.for_user)
        self.instance.reviewed_at = timezone.now()
        return super().save(commit)


class CommentModerationForm(ModerationForm):
    official_answer = forms.CharField(
        label=_("Official answer of the city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published at once as a reply, marked as the city's answer."),
    )
    answer_language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)

    class Meta:
        model = Comment
        fields = ["status", "moderation_reason", "taken_into_account", "answer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label = _("%(language)s: translation of the official answer")
        if self.instance.is_official:
            # The city's reply is itself the answer: staff come back to it for its versions in the
            # other languages, and neither answer it nor reply to it officially.
            for name in ("official_answer", "answer_language", *ANSWER_FIELDS):
                del self.fields[name]
            for name in translation_field_names(self, "answer").values():
                del self.fields[name]
            add_translation_fields(self, self.instance, "text", label)
        else:
            # Its versions in the other languages, typed with it (each language has its input,
            # since the answer's own is chosen in the same form).
            add_translation_fields(
                self, None, "official_answer", label, after="answer_language", every_language=True
            )

    def clean(self):
        cleaned_data = super().clean()
        typed = translations_typed(self, "official_answer")
        if any(typed.values()) and not (cleaned_data.get("official_answer") or "").strip():
            self.add_error(
                "official_answer", _("Write the official answer first: the translations are of it.")
            )
        language = cleaned_data.get("answer_language")
        if typed.get(language):  # typed twice in one language: which one is meant?
            self.add_error(
                translation_field_names(self, "official_answer")[language],
                _(
                    "This is the language of the official answer: write it in the answer itself, or choose its language."
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        published_now = "status" in self.changed_data and self.instance.status == ModerationStatus.PUBLISHED
        comment = super().save(commit)
        if translations_changed(self, "text"):
            save_translations(comment, "text", translations_typed(self, "text"), self.for_user)
        if published_now:
            notify_of_reply(comment)
        if self.cleaned_data.get("official_answer", "").strip():
            language = self.cleaned_data["answer_language"]
            typed = translations_typed(self, "official_answer")
            reply_officially(
                comment,
                self.for_user,
                self.cleaned_data["official_answer"].strip(),
                language,
                {code: text for code, text in typed.items() if text},
            )
        return comment


class ProposalModerationForm(ModerationForm):
    class Meta:
        model = Proposal
        fields = ["status", "moderation_reason", "outcome", "taken_into_account", "answer"]

    def save(self, commit=True):
        proposal = super().save(commit)
        if "outcome" in self.changed_data and not self.answered and proposal.answer:
            notify_of_answer(proposal)  # a new outcome of an answered proposal (an answer emails itself)
        return proposal


class ContributionIndexView(IndexView):
    """Unread items first; the number of abuse reports in one query with the rows."""

    default_ordering = ["reviewed_at", "-created_at"]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("author", "consultation", "entered_by")
            .annotate(abuse_report_count=Count("abuse_reports"))
        )


class ContributionEditView(EditView):
    """A refusal of the domain (a published report) comes back as the form with its error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            form.add_error(None, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ContributionViewSet(ModelViewSet):
    index_view_class = ContributionIndexView
    edit_view_class = ContributionEditView
    add_to_admin_menu = False
    copy_view_enabled = False
    search_fields = ["text"]
    list_per_page = 50


ABUSE_REPORTS = Column("abuse_report_count", label=_("Abuse reports"))


class CommentModerationViewSet(ContributionViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    filterset_class = CommentFilterSet
    list_display = [
        "excerpt",
        "author",
        "consultation",
        "language",
        "channel",
        "entered_by",
        "status",
        ABUSE_REPORTS,
        "created_at",
        "reviewed_at",
    ]

    def get_form_class(self, for_update=False):
        return CommentModerationForm


class ProposalModerationViewSet(ContributionViewSet):
    model = Proposal
    icon = "tip"
    menu_label = _("Proposals")
    filterset_class = ProposalFilterSet
    list_display = [
        "title",
        "author",
        "consultation",
        "language",
        "channel",
        "entered_by",
        "status",
        "outcome",
        ABUSE_REPORTS,
        "taken_into_account",
        "created_at",
    ]
    search_fields = ["title", "text"]

    def get_form_class(self, for_update=False):
        return ProposalModerationForm


class ConsultationReportForm(WagtailAdminModelForm):
    """Publishing freezes the answers and the figures (`ConsultationReport.save`); every change
    counts as a new version."""

    publish = forms.BooleanField(label=_("Published"), required=False)

    class Meta:
        model = ConsultationReport
        fields = ["consultation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish"].initial = self.instance.is_published

    def clean(self):
        """The refusal of `ConsultationReport.save` as the form's error, before anything is saved."""
        cleaned_data = super().clean()
        consultation = cleaned_data.get("consultation")
        if cleaned_data.get("publish") and not self.instance.is_published and consultation is not None:
            try:
                ConsultationReport.refuse_unfinished(ConsultationReportData(consultation, AnonymousUser()))
            except ValidationError as refusal:
                self.add_error("publish", refusal)
        return cleaned_data

    def save(self, commit=True):
        report = self.instance
        newly_published = self.cleaned_data["publish"] and not report.is_published
        if newly_published:
            report.published_at = timezone.now()
        elif not self.cleaned_data["publish"]:
            report.published_at = None
        if self.has_changed() or any(
            form.has_changed() for formset in self.formsets.values() for form in formset
        ):
            report.version += 1
        report = super().save(commit)
        if newly_published:
            notify_followers(report.consultation, "report_published")
        return report


class ReportViewSet(ModelViewSet):
    model = ConsultationReport
    icon = "doc-full"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["consultation", "published_at", "version"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldPanel("publish"),
            InlinePanel("corrections", heading=_("Corrections"), label=_("Correction")),
        ],
        base_form_class=ConsultationReportForm,
    )


class ModerationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "comment"
    menu_order = 150
    items = (
        CommentModerationViewSet("moderate_comments"),
        ProposalModerationViewSet("moderate_proposals"),
        ReportViewSet("consultation_reports"),
    )
