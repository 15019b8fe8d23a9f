"""The outcome report of a consultation: the same figures and table for the page, the CSV and
the PDF, built with a fixed number of queries whatever the number of contributions."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from cms.spreadsheets import csv_text

from .discussion import polls
from .models import Comment, ModerationStatus, Proposal, TakenIntoAccount, Vote


@dataclass
class ReportItem:
    kind: str  # "proposal" or "comment"
    number: int
    contribution: object

    @property
    def kind_label(self):
        return _("Proposal") if self.kind == "proposal" else _("Comment")


@dataclass
class ReportGroup:
    title: str
    items: list = field(default_factory=list)


@dataclass
class Figure:
    label: str
    value: int


class ConsultationReportData:
    """Everything the report shows, in the reader's language (page = the translated page).

    The figures of a published report are those frozen at publication (`report.figures`), like
    its answers: an erased account or a later moderation does not change what was published."""

    def __init__(self, page, user, report=None):
        self.page = page
        self.consultation = page.original
        self.user = user
        self.frozen = report.figures if report is not None and report.is_published else None
        contributions = {"consultation": self.consultation}
        self.comments = list(
            Comment.objects.filter(**contributions, parent__isnull=True, deleted_at__isnull=True)
            .exclude(is_official=True)
            .order_by("created_at", "pk")
        )
        self.proposals = list(Proposal.objects.filter(**contributions).order_by("created_at", "pk"))
        self.public_comments = [c for c in self.comments if c.status == ModerationStatus.PUBLISHED]
        self.public_proposals = [p for p in self.proposals if p.status == ModerationStatus.PUBLISHED]
        # Hidden or rejected by a moderator; a pending one is not yet moderated and counted apart.
        statuses = [item.status for item in self.comments + self.proposals]
        self.hidden_count = sum(
            status in (ModerationStatus.HIDDEN, ModerationStatus.REJECTED) for status in statuses
        )
        self.pending_count = statuses.count(ModerationStatus.PENDING)
        self.votes = Vote.objects.filter(poll__consultation=self.consultation)

    @property
    def public_contributions(self):
        return self.public_comments + self.public_proposals

    @cached_property
    def participants(self):
        """People with at least one public contribution or poll answer: someone whose every
        contribution is hidden took no part the report can show."""
        authors = {item.author_id for item in self.public_contributions if item.author_id}
        authors |= set(self.votes.exclude(user=None).values_list("user_id", flat=True))
        return authors

    def counts(self):
        """The figures as numbers and codes, in no language: what publication freezes."""
        User = get_user_model()
        categories = (
            User.objects.filter(pk__in=self.participants)
            .values_list("respondent_category")
            .annotate(n=Count("pk"))
            .order_by("-n", "respondent_category")
        )
        languages = {}
        weeks = {}
        for item in self.public_contributions:
            languages[item.language] = languages.get(item.language, 0) + 1
            day = localdate(item.created_at)
            week = day - timedelta(days=day.weekday())
            weeks[week] = weeks.get(week, 0) + 1
        start = localdate(self.consultation.opens_at)
        week = start - timedelta(days=start.weekday())
        over_time = []
        while week <= localdate(self.consultation.closes_at):  # every week it was open, even empty
            over_time.append([week.isoformat(), weeks.get(week, 0)])
            week += timedelta(days=7)
        return {
            "participants": len(self.participants),
            "comments": len(self.public_comments),
            "proposals": len(self.public_proposals),
            "poll_answers": self.votes.count(),
            "hidden": self.hidden_count,
            "pending": self.pending_count,
            "by_category": [list(row) for row in categories],
            "by_language": sorted(languages.items(), key=lambda kv: -kv[1]),
            "over_time": over_time,
        }

    @cached_property
    def shown_counts(self):
        return self.frozen or self.counts()

    def figures(self):
        counts = self.shown_counts
        figures = [
            Figure(_("Participants"), counts["participants"]),
            Figure(_("Comments"), counts["comments"]),
            Figure(_("Proposals"), counts["proposals"]),
            Figure(_("Poll answers"), counts["poll_answers"]),
            Figure(_("Hidden by the moderators"), counts["hidden"]),
        ]
        if counts.get("pending"):  # figures frozen before pending ones were counted apart have none
            figures.append(Figure(_("Awaiting moderation"), counts["pending"]))
        return figures

    @cached_property
    def by_category(self):
        labels = dict(get_user_model().RespondentCategory.choices)
        return [Figure(labels.get(code, _("Not stated")), n) for code, n in self.shown_counts["by_category"]]

    @cached_property
    def by_language(self):
        names = dict(settings.LANGUAGES)
        return [Figure(str(names.get(code, code)), n) for code, n in self.shown_counts["by_language"]]

    @cached_property
    def over_time(self):
        """Contributions per week, from the week the consultation opened to the week it closed."""
        return [Figure(date.fromisoformat(week), n) for week, n in self.shown_counts["over_time"]]

    def polls(self):
        return polls(self.page, self.user, self.page.locale, show_results=True)

    def groups(self):
        """Every public proposal, then every public comment grouped by the section it is on."""
        groups = [ReportGroup(_("Proposals for measures"))]
        groups[0].items = [ReportItem("proposal", n, p) for n, p in enumerate(self.public_proposals, start=1)]
        sections = {section.translation_key: section for section in self.page.sections.all()}
        by_section = {
            key: ReportGroup(f"{number}. {section.title}")
            for number, (key, section) in enumerate(sections.items(), start=1)
        }
        whole = ReportGroup(_("Comments on the whole draft"))
        for number, comment in enumerate(self.public_comments, start=1):
            group = by_section.get(comment.section_key, whole)
            group.items.append(ReportItem("comment", number, comment))
        return groups + [whole] + list(by_section.values())

    def csv(self):
        """One row per public contribution; cells that would start a formula are made safe."""
        verdicts = dict(TakenIntoAccount.choices)
        header = [
            _("Type"),
            _("Number"),
            _("Group"),
            _("Date"),
            _("Language"),
            _("Title"),
            _("Text"),
            _("Taken into account"),
            _("Answer of the city"),
        ]
        rows = [
            [
                item.kind_label,
                item.number,
                group.title,
                item.contribution.created_at.date().isoformat(),
                item.contribution.language,
                getattr(item.contribution, "title", ""),
                item.contribution.text,
                verdicts.get(item.contribution.taken_into_account, ""),
                item.contribution.answer,
            ]
            for group in self.groups()
            for item in group.items
        ]
        return csv_text([header, *rows])
