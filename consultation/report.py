"""The outcome report of a consultation: the same figures and table for the page, the CSV and
the PDF, built with a fixed number of queries whatever the number of contributions."""

import csv
import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

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
    """Everything the report shows, in the reader's language (page = the translated page)."""

    def __init__(self, page, user):
        self.page = page
        self.consultation = page.original
        self.user = user
        contributions = {"consultation": self.consultation}
        self.comments = list(
            Comment.objects.filter(**contributions, parent__isnull=True, deleted_at__isnull=True)
            .exclude(is_official=True)
            .order_by("created_at")
        )
        self.proposals = list(Proposal.objects.filter(**contributions).order_by("created_at"))
        self.public_comments = [c for c in self.comments if c.status == ModerationStatus.PUBLISHED]
        self.public_proposals = [p for p in self.proposals if p.status == ModerationStatus.PUBLISHED]
        self.hidden_count = sum(
            1 for item in self.comments + self.proposals if item.status != ModerationStatus.PUBLISHED
        )
        self.votes = Vote.objects.filter(poll__consultation=self.consultation)

    @property
    def public_contributions(self):
        return self.public_comments + self.public_proposals

    @cached_property
    def participants(self):
        authors = {item.author_id for item in self.comments + self.proposals if item.author_id}
        authors |= set(self.votes.exclude(user=None).values_list("user_id", flat=True))
        return authors

    def figures(self):
        return [
            Figure(_("Participants"), len(self.participants)),
            Figure(_("Comments"), len(self.public_comments)),
            Figure(_("Proposals"), len(self.public_proposals)),
            Figure(_("Poll answers"), self.votes.count()),
            Figure(_("Hidden by the moderators"), self.hidden_count),
        ]

    @cached_property
    def by_category(self):
        User = get_user_model()
        rows = (
            User.objects.filter(pk__in=self.participants)
            .values("respondent_category")
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
        labels = dict(User.RespondentCategory.choices)
        return [Figure(labels.get(row["respondent_category"], _("Not stated")), row["n"]) for row in rows]

    @cached_property
    def by_language(self):
        counts = {}
        for item in self.public_contributions:
            counts[item.language] = counts.get(item.language, 0) + 1
        names = dict(settings.LANGUAGES)
        return [
            Figure(str(names.get(code, code)), n) for code, n in sorted(counts.items(), key=lambda kv: -kv[1])
        ]

    @cached_property
    def over_time(self):
        """Contributions per week, from the week the consultation opened to the week it closed."""
        counts = {}
        for item in self.public_contributions:
            day = localdate(item.created_at)
            week = day - timedelta(days=day.weekday())
            counts[week] = counts.get(week, 0) + 1
        start = localdate(self.consultation.opens_at)
        week = start - timedelta(days=start.weekday())
        weeks = []
        while week <= localdate(self.consultation.closes_at):
            weeks.append(Figure(week, counts.get(week, 0)))
            week += timedelta(days=7)
        return weeks

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
        """UTF-8 with a byte order mark, so that Excel and LibreOffice read it right."""
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(
            [
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
        )
        verdicts = dict(TakenIntoAccount.choices)
        for group in self.groups():
            for item in group.items:
                contribution = item.contribution
                writer.writerow(
                    [
                        item.kind_label,
                        item.number,
                        group.title,
                        contribution.created_at.date().isoformat(),
                        contribution.language,
                        getattr(contribution, "title", ""),
                        contribution.text,
                        verdicts.get(contribution.taken_into_account, ""),
                        contribution.answer,
                    ]
                )
        return buffer.getvalue()
