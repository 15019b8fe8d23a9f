"""Public consultations: a draft in numbered sections, and what participants say about it."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, PageLogEntry, TranslatableMixin
from wagtail.search import index

from cms.formats import Figure, format_list
from cms.languages import language_choices
from cms.models import ChoiceListField, SitePage
from cms.models.translations import Translated
from cms.privacy import private_collections, readable
from cms.spheres import Sphere, SpheresAndTargetGroups, TargetGroup
from cms.text import WithoutBidiControls, participant_html, strip_bidi_controls

EDIT_WINDOW = timedelta(minutes=15)


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ConsultationIndexPage(SitePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultation.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list of consultations")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultations = ConsultationPage.readable_under(self, request).order_by("-opens_at")
        order = {Phase.OPEN: 0, Phase.UPCOMING: 1, Phase.CLOSED: 2}
        context["consultations"] = sorted(consultations, key=lambda page: order[page.phase])
        return context


def published_plan_versions():
    """Only a published version of the action plan can be consulted on."""
    publications = PageLogEntry.objects.filter(
        action="wagtail.publish", content_type__app_label="cms", content_type__model="actionplanpage"
    )
    return Q(pk__in=publications.values("revision_id"))


class ConsultationPage(RoutablePageMixin, SitePage):
    """A draft open for comments between two dates. Its contributions belong to the Bulgarian
    page, so every language shows the same discussion."""

    class Moderation(models.TextChoices):
        BEFORE = "before", _("Before publication: contributions appear once a moderator approves them")
        AFTER = "after", _("After publication: contributions appear at once and moderators review them")

    # The Law on Normative Acts, art. 26(4): at least 30 days; 14 to 29 only with a stated reason.
    USUAL_PERIOD = timedelta(days=30)
    SHORTEST_PERIOD = timedelta(days=14)

    summary = RichTextField(_("summary"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    short_period_reason = models.TextField(
        _("reason for a period under 30 days"),
        blank=True,
        help_text=_(
            "Required when the consultation runs 14 to 29 days (Law on Normative Acts, art. 26(4)); "
            "shown on its page and in the report."
        ),
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.AFTER
    )
    announcement = RichTextField(
        _("how the consultation was announced"),
        blank=True,
        help_text=_("Shown in the report: where and how people were invited to take part."),
    )
    plan_version = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version of the action plan consulted on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=published_plan_versions,
    )

    content_panels = SitePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("short_period_reason"),
                FieldPanel("moderation"),
                FieldPanel("plan_version"),
                FieldPanel("announcement"),
            ],
            heading=_("Dates and moderation"),
        ),
        InlinePanel("sections", heading=_("Sections of the draft"), label=_("Section")),
        InlinePanel(
            "documents",
            heading=_("Documents of the draft"),
            label=_("Document"),
            help_text=_(
                "The motives or report, the partial preliminary impact assessment, the draft as a file "
                "and its annexes (Law on Normative Acts, art. 26(3)). Every language lists those of the "
                "page in the site's main language: add them there."
            ),
        ),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("summary")]
    parent_page_types = ["consultation.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        """The period rule of art. 26(4): refused under 14 days, a reason required under 30."""
        super().clean()
        if self.opens_at is None or self.closes_at is None:
            return
        if self.period < self.SHORTEST_PERIOD:
            raise ValidationError(
                {
                    "closes_at": _(
                        "A public consultation runs at least 14 days, and at least 30 unless a reason is "
                        "given (Law on Normative Acts, art. 26(4))."
                    )
                }
            )
        if self.is_shortened and not self.short_period_reason.strip():
            raise ValidationError(
                {
                    "short_period_reason": _(
                        "This consultation runs less than 30 days: give the reason, which its page and "
                        "the report show (Law on Normative Acts, art. 26(4))."
                    )
                }
            )

    @property
    def phase(self):
        now = timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def is_upcoming(self):
        return self.phase == Phase.UPCOMING

    @classmethod
    def readable_under(cls, page, request):
        """The live consultations under `page` that this visitor may open."""
        return readable(cls.objects.descendant_of(page).live(), request)

    @classmethod
    def open_under(cls, page, request):
        """Those open now (the `phase` above, as a query), the first to close first."""
        now = timezone.now()
        return (
            cls.readable_under(page, request)
            .filter(opens_at__lte=now, closes_at__gt=now)
            .order_by("closes_at")
        )

    @property
    def is_open(self):
        return self.phase == Phase.OPEN

    @property
    def pre_moderated(self):
        return self.moderation == self.Moderation.BEFORE

    @cached_property
    def original(self):
        """The page contributions are attached to: the one in the site's main language."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return self.get_translation_or_none(Locale.get_default()) or self

    @property
    def period(self):
        """How long it runs on Sofia's clock: 30 days from 10 March 10:00 end on 9 April 10:00,
        although the clocks moved on by an hour in between."""
        return timezone.localtime(self.closes_at).replace(tzinfo=None) - timezone.localtime(
            self.opens_at
        ).replace(tzinfo=None)

    @property
    def is_shortened(self):
        return self.period < self.USUAL_PERIOD

    @property
    def is_original(self):
        return self.original.pk == self.pk

    def draft_documents(self):
        """The draft's documents, the same in every language (those of the original page)."""
        return list(self.original.documents.select_related("document"))

    def readable_documents(self, request=None, documents=None):
        """The draft's documents (`documents`, when already loaded) without those in a collection
        this visitor may not open; without a visitor, as in the report's PDF, only those everyone
        may open."""
        private = {row["pk"] for row in private_collections(request)}
        documents = self.draft_documents() if documents is None else documents
        return [item for item in documents if item.document.collection_id not in private]

    @property
    def report_due_on(self):
        """The day the report is promised by: CONSULTATION_REPORT_DAYS after the day it closes."""
        return timezone.localdate(self.closes_at) + timedelta(days=settings.CONSULTATION_REPORT_DAYS)

    @property
    def report_days_overdue(self):
        """Days since the report was due (none yet: zero or less)."""
        return (timezone.localdate() - self.report_due_on).days

    @classmethod
    def with_overdue_reports(cls):
        """The live consultations whose report is late: due before today and not published."""
        first_on_time = timezone.localdate() - timedelta(days=settings.CONSULTATION_REPORT_DAYS)
        return (
            cls.objects.live()
            .filter(
                locale__language_code=settings.LANGUAGE_CODE,
                closes_at__lt=timezone.make_aware(datetime.combine(first_on_time, time.min)),
            )
            .exclude(report__published_at__isnull=False)
            .select_related("report")
            .order_by("closes_at")
        )

    @cached_property
    def plan_version_entry(self):
        """The publication of the plan this consultation is about, for its date and address: its
        page with the page's language, and the plan (`entry.plan`) whose version it links to."""
        if not self.plan_version_id:
            return None
        entry = (
            PageLogEntry.objects.filter(action="wagtail.publish", revision_id=self.plan_version_id)
            .select_related("page__locale")
            .first()
        )
        if entry is not None:
            entry.plan = entry.page.specific
        return entry

    def numbered_sections(self):
        return list(enumerate(self.sections.all(), start=1))

    def get_context(self, request, *args, support_form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.action("discussion_context", request, support_form))
        return context

    def action(self, name, request, *args):
        """The page's views are functions in views.py, which imports this module: they are
        looked up when called."""
        from . import views

        return getattr(views, name)(self, request, *args)

    @path("comment/")
    def comment(self, request):
        return self.action("post_comment", request)

    @path("comments/<int:pk>/edit/")
    def edit_comment(self, request, pk):
        return self.action("edit_comment", request, pk)

    @path("comments/<int:pk>/delete/")
    def delete_comment(self, request, pk):
        return self.action("delete_comment", request, pk)

    @path("proposals/new/")
    def new_proposal(self, request):
        return self.action("submit_proposal", request)

    @path("comments/<int:pk>/report/")
    def report_comment_abuse(self, request, pk):
        return self.action("report_abuse", request, Comment, pk)

    @path("proposals/<int:pk>/report/")
    def report_proposal_abuse(self, request, pk):
        return self.action("report_abuse", request, Proposal, pk)

    @path("report/")
    def report_page(self, request):
        return self.action("report_page", request)

    @path("follow/")
    def follow(self, request):
        return self.action("toggle_follow", request)

    @path("polls/<int:pk>/vote/")
    def vote(self, request, pk):
        return self.action("vote", request, pk)

    @path("proposals/<int:pk>/support/")
    def support(self, request, pk):
        return self.action("toggle_support", request, pk)


class Section(TranslatableMixin, Orderable):
    """A numbered part of the draft. Its translation key is its stable identity: comments point
    to it, and its anchor survives edits and re-ordering."""

    page = ParentalKey(ConsultationPage, related_name="sections", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=255)
    body = RichTextField(_("text"))

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("section")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"section-{str(self.translation_key)[:8]}"


class ConsultationDocument(Orderable):
    """A document of the draft (Law on Normative Acts, art. 26(3)), a Wagtail document with its
    collection's privacy. It belongs to the original page, like the discussion: each translation
    lists the original's (`ConsultationPage.readable_documents`), each title in its own language.
    Not translatable, so wagtail-localize only copies them to a translation, replacing its copy."""

    class Kind(models.TextChoices):
        MOTIVES = "motives", _("Motives or report to the draft")
        IMPACT_ASSESSMENT = "impact_assessment", _("Partial preliminary impact assessment")
        DRAFT = "draft", _("The draft")
        ANNEX = "annex", _("Annex")

    page = ParentalKey(ConsultationPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name=_("file")
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=5, choices=language_choices, default=settings.LANGUAGE_CODE
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("kind"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("document of the draft")
        verbose_name_plural = _("documents of the draft")

    def __str__(self):
        return self.title


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REJECTED = "rejected", _("Rejected by a moderator")


class TakenIntoAccount(models.TextChoices):
    """The city's verdict on a contribution, as the report of a Bulgarian consultation gives it."""

    TAKEN = "taken", pgettext_lazy("verdict", "Accepted")
    PARTLY = "partly", pgettext_lazy("verdict", "Partly accepted")
    NOT_TAKEN = "not_taken", pgettext_lazy("verdict", "Not accepted")
    NOT_APPLICABLE = "not_applicable", pgettext_lazy("verdict", "Not applicable")

    @classmethod
    def needs_reasons(cls, verdict):
        """The справка gives reasons for every contribution not (wholly) accepted."""
        return verdict in (cls.PARTLY, cls.NOT_TAKEN)


class Channel(models.TextChoices):
    """How a contribution reached the city: written on the site, or sent another way and entered by
    a moderator on behalf of its sender (ЗНА art. 26: a written consultation takes every channel)."""

    ONLINE = "online", _("Online")
    EMAIL = "email", _("By email")
    LETTER = "letter", _("By letter")
    IN_PERSON = "in_person", _("In person at the Bureau")
    PHONE = "phone", _("By phone")


class OfConsultationQuerySet(models.QuerySet):
    def of(self, page):
        """What belongs to the consultation `page` is one language version of: everything
        participants add lives on the original page (the site's main language), whichever
        version they read, so that one discussion is seen in every language."""
        return self.filter(consultation=page.original)


class PollQuerySet(OfConsultationQuerySet):
    def of(self, page):
        """The polls in the original's language: votes count on them, whatever language is read."""
        return super().of(page).filter(locale_id=page.original.locale_id)


class OnTheOriginalPage(models.Model):
    """A guard for what belongs to a consultation: it is stored on the original page only. The
    page is resolved where a request meets the models (`of()`, `submit()`); a row saved on a
    translation would split the discussion, so the model refuses it (the admin shows why)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if (self._state.adding or (fields and "consultation" in fields)) and self.on_a_translation():
            raise ValueError("What belongs to a consultation is stored on its original page.")
        super().save(*args, **kwargs)

    def on_a_translation(self):
        return self.consultation_id is not None and not self.consultation.is_original

    def clean(self):
        super().clean()
        if self.on_a_translation():
            raise ValidationError(
                {
                    "consultation": _(
                        "Choose the consultation in the site's main language: it holds every language."
                    )
                }
            )


class ContributionQuerySet(OfConsultationQuerySet):
    def visible_to(self, user):
        """What a reader may see: published and hidden ones (hidden show only their reason),
        and the reader's own pending or rejected ones."""
        shown = Q(status__in=[ModerationStatus.PUBLISHED, ModerationStatus.HIDDEN])
        if user.is_authenticated:
            shown |= Q(author=user)
        return self.filter(shown)


class Contribution(Translated, OnTheOriginalPage):
    """What a participant writes: kept in the language it was written in, plain text only."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("consultation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), max_length=5000)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason given by the moderator"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("read by a moderator at"), null=True, blank=True)
    taken_into_account = models.CharField(
        _("accepted / not accepted"), max_length=20, choices=TakenIntoAccount.choices, blank=True
    )
    answer = models.TextField(_("answer of the city"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The one-time key of the form that sent it, unique per author: a second submission of the
    # same form (a double click sends two at once) finds the first instead of making a copy.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    organisation = models.CharField(
        _("on behalf of the organisation"),
        max_length=200,
        blank=True,
        help_text=_("Empty: in a personal capacity."),
    )
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField(_("date received"), null=True, blank=True)
    # Entered by a moderator for a sender who is not a user: named only with the sender's agreement.
    sender_name = models.CharField(_("name of the sender"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
        editable=False,
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Names shown beside the text: no bidirectional control may reverse what follows them.
        self.organisation = strip_bidi_controls(self.organisation)
        self.sender_name = strip_bidi_controls(self.sender_name)
        super().save(*args, **kwargs)

    @property
    def is_received_offline(self):
        return self.channel != Channel.ONLINE

    @property
    def named_as(self):
        """Who the public record names: the organisation spoken for, else the participant's chosen
        display name or the sender who agreed to be named; empty when nobody may be named."""
        if self.organisation:
            return self.organisation
        if self.is_received_offline:
            return self.sender_name
        return self.author.display_name if self.author_id else ""

    @property
    def received(self):
        """The day it reached the city: the day received for a letter or an email, else written."""
        return self.received_on or timezone.localdate(self.created_at)

    @property
    def is_public(self):
        return self.status == ModerationStatus.PUBLISHED

    @property
    def is_pending(self):
        return self.status == ModerationStatus.PENDING

    @property
    def is_hidden(self):
        return self.status == ModerationStatus.HIDDEN

    @property
    def is_rejected(self):
        return self.status == ModerationStatus.REJECTED

    def excerpt(self):
        return self.text[:120] or "—"

    excerpt.short_description = _("text")

    @property
    def text_html(self):
        return participant_html(self.text)

    def submit(self, consultation, author, key=None, *, follow=False):
        """Save a new contribution once per form, pending in a consultation moderated before
        publication, else published; its author follows the consultation only if they chose to
        (`follow`), with it. Returns (contribution, created): a second submission with the same
        key saves nothing and returns the first."""
        self.consultation = consultation.original
        self.author = author
        self.submission_key = key
        first = self.submitted_before()
        if first is not None:
            return first, False
        pending = self.consultation.pre_moderated
        self.status = ModerationStatus.PENDING if pending else ModerationStatus.PUBLISHED
        try:
            with transaction.atomic():
                self.save()
                if follow:
                    Follow.start(author, self.consultation)
        except IntegrityError:
            # The same form sent at the same moment: the unique key let only the first one in.
            first = self.submitted_before()
            if first is None:
                raise
            return first, False
        return self, True

    def submitted_before(self):
        if self.submission_key is None:
            return None
        return type(self).objects.filter(author=self.author, submission_key=self.submission_key).first()

    def edit_by_author(self, text, language):
        """A change is read again: unread in the moderators' queue and, in a consultation
        moderated before publication, pending again, so nobody but the author sees the new text
        until a moderator approves it."""
        with transaction.atomic():
            # The status as it is now, not as the page read it: a moderator who hid the
            # contribution meanwhile is not undone by the author's save.
            self.status = (
                type(self).objects.select_for_update().values_list("status", flat=True).get(pk=self.pk)
            )
            self.text = text
            self.language = language
            self.edited_at = timezone.now()
            self.reviewed_at = None
            if self.status == ModerationStatus.PUBLISHED and self.consultation.pre_moderated:
                self.status = ModerationStatus.PENDING
            self.save(update_fields=["text", "language", "edited_at", "reviewed_at", "status"])

    @property
    def in_edit_window(self):
        """Its author may still change it: the first EDIT_WINDOW after writing it."""
        return timezone.now() - self.created_at < EDIT_WINDOW

    def is_by(self, user):
        """Written by `user`: never true for an anonymous reader, nor of an erased account's text."""
        return user.is_authenticated and self.author_id == user.pk

    def can_edit(self, user):
        """The author's own, for a short while; never the city's official reply, which staff
        change (with its translations) in the moderation form."""
        return (
            self.is_by(user)
            and self.in_edit_window
            and not getattr(self, "deleted_at", None)
            and not getattr(self, "is_official", False)
        )

    def original_language(self, field):
        """For `cms.models.translations`: the text is in the language it was written in (an official
        reply's, the city's chosen one); the city's answer is written in the city's language."""
        return self.language if field == "text" else settings.LANGUAGE_CODE


class Comment(Contribution):
    section_key = models.UUIDField(
        _("section"), null=True, blank=True, help_text=_("Empty: the whole draft.")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    is_official = models.BooleanField(_("official answer of the city"), default=False)
    deleted_at = models.DateTimeField(_("deleted by its author at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["consultation", "parent", "status", "-created_at"], name="comment_listing"),
            models.Index(fields=["consultation", "section_key", "status"], name="comment_by_section"),
            # A reader's own on a consultation page (fragments.Reader), on every signed-in request.
            models.Index(fields=["author", "consultation"], name="comment_by_author"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["author", "submission_key"], name="one_comment_per_submission")
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def accepts_replies(self):
        """Only a published, undeleted top-level comment: replies go one level deep, and none to
        what others cannot read (pending, hidden, rejected)."""
        return self.parent_id is None and self.status == ModerationStatus.PUBLISHED and not self.is_deleted

    def submit(self, consultation, author, key=None, *, follow=False):
        """A reply takes its parent's section, and only a parent that accepts replies."""
        if self.parent is not None:
            if not self.parent.accepts_replies:
                raise ValidationError(_("The comment you reply to is not available."))
            self.section_key = self.parent.section_key
        return super().submit(consultation, author, key, follow=follow)

    def delete_by_author(self):
        """The text goes; the place stays, so the replies keep their context."""
        self.text = ""
        self.deleted_at = timezone.now()
        self.save(update_fields=["text", "deleted_at"])


class Proposal(WithoutBidiControls, SpheresAndTargetGroups, Contribution):
    """A new or changed measure suggested by a participant, answered by the city."""

    class Outcome(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    spheres = ChoiceListField(_("spheres"), choices_enum=Sphere)
    target_groups = ChoiceListField(_("target groups"), choices_enum=TargetGroup)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.SUBMITTED
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["consultation", "status", "-created_at"], name="proposal_listing"),
            models.Index(
                fields=["author", "consultation"], name="proposal_by_author"
            ),  # as comment_by_author
        ]
        constraints = [
            models.UniqueConstraint(fields=["author", "submission_key"], name="one_proposal_per_submission")
        ]

    def __str__(self):
        return self.title

    def add_support(self, user):
        """Support from anyone but the author, once; returns whether it is new."""
        if user.pk == self.author_id:
            raise ValidationError(_("You cannot support your own proposal."))
        try:
            with transaction.atomic():
                Support.objects.create(proposal=self, user=user)
        except IntegrityError:
            return False
        return True


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    # A deleted account's support still counts, without a name: the public record stays whole.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_participant")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.proposal_id}"


class Poll(OnTheOriginalPage, TranslatableMixin, ClusterableModel):
    """A short question inside a consultation, in the shape of django-polls (poll, choices, one
    vote per participant). Votes count on the Bulgarian poll and choices, whatever the language
    the participant reads it in."""

    class Results(models.TextChoices):
        AFTER_VOTE = "after_vote", _("To each participant after they have voted")
        AFTER_CLOSE = "after_close", _("To everyone once the consultation has closed")

    consultation = models.ForeignKey(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="polls",
        verbose_name=_("consultation"),
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    question = models.CharField(_("question"), max_length=255)
    results = models.CharField(
        _("show results"), max_length=20, choices=Results.choices, default=Results.AFTER_VOTE
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PollQuerySet.as_manager()

    panels = [
        FieldPanel("consultation"),
        FieldPanel("question"),
        FieldPanel("results"),
        InlinePanel("choices", heading=_("Answers"), label=_("Answer"), min_num=2),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.question


class Choice(TranslatableMixin, Orderable):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=255)

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("answer")
        ordering = ["sort_order"]

    def __str__(self):
        return self.text


class Vote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_vote_per_participant")]

    def __str__(self):
        return f"{self.user_id} → {self.choice_id}"


class AbuseReport(models.Model):
    """A participant's report that a comment or proposal is abusive: once per item and person."""

    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="abuse_reports"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="abuse_reports"
    )
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what is wrong with it?"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=Q(comment__isnull=False),
                name="one_abuse_report_per_comment",
            ),
            models.UniqueConstraint(
                fields=["proposal", "reporter"],
                condition=Q(proposal__isnull=False),
                name="one_abuse_report_per_proposal",
            ),
            models.CheckConstraint(
                condition=Q(comment__isnull=False, proposal__isnull=True)
                | Q(comment__isnull=True, proposal__isnull=False),
                name="abuse_report_of_one_item",
            ),
        ]

    def __str__(self):
        return self.reason[:60]


class Follow(OnTheOriginalPage):
    """A participant who wants emails about a consultation: replies to them, the answer to their
    proposal, the end of the consultation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfConsultationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation"], name="one_follow_per_participant")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.consultation_id}"

    @classmethod
    def start(cls, user, consultation):
        """The one way to start following, from the page's button or a contribution form's
        question about emails: only by the person's own choice, on the original page, once."""
        cls.objects.get_or_create(user=user, consultation=consultation.original)

    @classmethod
    def stop(cls, user, consultation):
        cls.objects.of(consultation).filter(user=user).delete()

    @classmethod
    def follows(cls, user, consultation):
        return user.is_authenticated and cls.objects.of(consultation).filter(user=user).exists()


class ClosingNotice(models.Model):
    """That the followers of a consultation were told it closed, so they are told once."""

    consultation = models.OneToOneField(ConsultationPage, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.consultation_id)


class ClosingReminder(models.Model):
    """That the followers of a consultation were reminded it closes soon: one row per consultation,
    so a second run, or two at once, never remind them twice."""

    consultation = models.OneToOneField(ConsultationPage, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.consultation_id)


class ConsultationReport(OnTheOriginalPage, ClusterableModel):
    """The outcome of a closed consultation. Once published, the answers in it are frozen; a
    correction is a dated note of its own."""

    consultation = models.OneToOneField(
        ConsultationPage,
        on_delete=models.CASCADE,
        related_name="report",
        verbose_name=_("consultation"),
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The figures (numbers and codes, no names) as they were at publication; empty in a draft.
    figures = models.JSONField(_("figures at publication"), null=True, blank=True, editable=False)

    objects = OfConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation report")
        verbose_name_plural = _("consultation reports")

    def __str__(self):
        return str(self.consultation)

    def save(self, *args, **kwargs):
        """Publication freezes the figures, like the answers; withdrawing it unfreezes them."""
        from django.contrib.auth.models import AnonymousUser

        from .report import ConsultationReportData

        if not self.is_published:
            self.figures = None
        elif self.figures is None:
            data = ConsultationReportData(self.consultation, AnonymousUser())
            self.refuse_unfinished(data)
            self.figures = data.counts()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "figures"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.published_at is not None

    @staticmethod
    def refuse_unfinished(data):
        """A справка covers everything received, each with the reasons unless accepted (ЗНА art.
        26(5)): publication is refused while a contribution awaits moderation, and while one not or
        partly accepted has no reasons, naming their numbers."""
        refusals = []
        if data.pending_count:
            refusals.append(
                ngettext_lazy(
                    "The report cannot be published while %(count)s contribution awaits moderation.",
                    "The report cannot be published while %(count)s contributions await moderation.",
                    data.pending_count,
                )
                % {"count": Figure(data.pending_count)}
            )
        missing = [
            str(row.number)
            for row in data.table
            if TakenIntoAccount.needs_reasons(row.contribution.taken_into_account)
            and not row.contribution.answer.strip()
        ]
        if missing:
            refusals.append(
                _(
                    "The report cannot be published: give the reasons for every contribution not "
                    "accepted or partly accepted (No. %(numbers)s)."
                )
                % {"numbers": format_list(missing)}
            )
        if refusals:
            raise ValidationError(refusals, code="unfinished")


class ReportCorrection(models.Model):
    report = ParentalKey(ConsultationReport, on_delete=models.CASCADE, related_name="corrections")
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("correction"))

    class Meta:
        verbose_name = _("correction")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]
