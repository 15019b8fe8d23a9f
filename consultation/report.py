"""The outcome report of a consultation: the same figures and table for the page, the CSV and
the PDF, built with a fixed number of queries whatever the number of contributions."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models.translations import attach_translations
from cms.spreadsheets import csv_text

from .discussion import polls
from .models import Channel, Comment, ModerationStatus, Proposal, TakenIntoAccount, Vote


@dataclass
class Column:
    """A column of the справка (ЗНА art. 26(5)): the same on the page, in the PDF, in the CSV and
    in the open data, where `meaning` and `values` describe it in the data dictionary."""

    key: str
    label: str
    type: str  # "integer", "string", "date" or "code" (one of `values`)
    meaning: str
    values: tuple = ()


def report_columns():
    """The справка's columns as Bulgarian practice names them, in the reader's language."""
    return [
        Column("number", _("No."), "integer", _("The contribution's number in the report.")),
        Column(
            "participant",
            _("Participant"),
            "string",
            _(
                "The organisation spoken for, else the name the participant agreed to show; "
                "otherwise a neutral label with a number."
            ),
        ),
        Column(
            "part",
            _("Part of the draft"),
            "string",
            _("The section of the draft the comment is on, the whole draft, or a proposed new measure."),
        ),
        Column(
            "kind",
            _("Type"),
            "code",
            _("A comment on the draft or a proposal for a measure."),
            tuple(CONTRIBUTION_KINDS.items()),
        ),
        Column("title", _("Title"), "string", _("The proposal's title; empty for a comment.")),
        Column("text", _("Proposal or comment"), "string", _("What the participant wrote, as written.")),
        Column(
            "language",
            _("Language"),
            "code",
            _("The language the contribution is written in."),
            tuple(settings.LANGUAGES),
        ),
        Column(
            "channel",
            _("Received"),
            "code",
            _("How the contribution reached the city."),
            tuple(Channel.choices),
        ),
        Column("received", _("Date received"), "date", _("The day the contribution reached the city.")),
        Column(
            "verdict",
            _("Accepted / not accepted"),
            "code",
            _("Whether the city takes the contribution into account."),
            tuple(TakenIntoAccount.choices),
        ),
        Column(
            "reasons",
            _("Reasons"),
            "string",
            _("The city's reasons; required unless the contribution is accepted."),
        ),
    ]


CONTRIBUTION_KINDS = {"comment": gettext_lazy("Comment"), "proposal": gettext_lazy("Proposal")}


@dataclass
class ReportRow:
    """One contribution of the справка, numbered in the order the report lists them."""

    number: int
    kind: str  # "proposal" or "comment"
    contribution: object
    participant: str
    part: str

    @property
    def withdrawn(self):
        """Hidden by a moderator since the report was published: its number stays, its text goes."""
        return not self.contribution.is_public

    def values(self):
        """The row as codes and plain values, keyed by column: for CSV and open data."""
        item = self.contribution
        values = {
            "number": self.number,
            "participant": self.participant,
            "part": self.part,
            "kind": self.kind,
            "title": getattr(item, "title", ""),
            "text": item.text,
            "language": item.language,
            "channel": item.channel,
            "received": item.received.isoformat(),
            "verdict": item.taken_into_account,
            "reasons": item.answer,
        }
        if self.withdrawn:
            values |= dict.fromkeys(["participant", "title", "text", "reasons"], "")
        return values


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
            .select_related("author")
            .order_by("created_at", "pk")
        )
        self.proposals = list(
            Proposal.objects.filter(**contributions).select_related("author").order_by("created_at", "pk")
        )
        # The answers in the reader's language: one query each, however many rows.
        attach_translations(self.comments, "answer")
        attach_translations(self.proposals, "answer")
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

    @cached_property
    def senders(self):
        """Senders of what a moderator entered (an email, a letter, the Bureau): one per named
        sender or organisation, else one per contribution, as nobody can tell them apart."""
        return {
            item.named_as.casefold() or f"{type(item).__name__}-{item.pk}"
            for item in self.public_contributions
            if item.is_received_offline
        }

    def counts(self):
        """The figures as numbers and codes, in no language: what publication freezes."""
        User = get_user_model()
        categories = dict(
            User.objects.filter(pk__in=self.participants)
            .values_list("respondent_category")
            .annotate(n=Count("pk"))
        )
        if self.senders:  # nobody asked them: not stated
            categories[""] = categories.get("", 0) + len(self.senders)
        languages = {}
        channels = {}
        weeks = {}
        for item in self.public_contributions:
            languages[item.language] = languages.get(item.language, 0) + 1
            channels[item.channel] = channels.get(item.channel, 0) + 1
            day = item.received
            week = day - timedelta(days=day.weekday())
            weeks[week] = weeks.get(week, 0) + 1
        start = localdate(self.consultation.opens_at)
        week = start - timedelta(days=start.weekday())
        over_time = []
        while week <= localdate(self.consultation.closes_at):  # every week it was open, even empty
            over_time.append([week.isoformat(), weeks.get(week, 0)])
            week += timedelta(days=7)
        return {
            "participants": len(self.participants) + len(self.senders),
            "comments": len(self.public_comments),
            "proposals": len(self.public_proposals),
            "poll_answers": self.votes.count(),
            "hidden": self.hidden_count,
            "pending": self.pending_count,
            "by_category": sorted(map(list, categories.items()), key=lambda row: (-row[1], row[0])),
            "by_language": sorted(languages.items(), key=lambda kv: -kv[1]),
            "by_channel": sorted(channels.items(), key=lambda kv: -kv[1]),
            "rows": [[kind, item.pk] for kind, item, _part in self.listed()],
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
    def by_channel(self):
        """Figures frozen before channels were counted have none: everything then came online."""
        names = dict(Channel.choices)
        return [Figure(str(names.get(code, code)), n) for code, n in self.shown_counts.get("by_channel", [])]

    @cached_property
    def over_time(self):
        """Contributions per week, from the week the consultation opened to the week it closed."""
        return [Figure(date.fromisoformat(week), n) for week, n in self.shown_counts["over_time"]]

    def polls(self):
        return polls(self.page, self.user, self.page.locale, show_results=True)

    def listed(self):
        """What the справка lists, as (kind, contribution, part of the draft): every public proposal,
        then every public comment on the whole draft, then those on each section in the draft's
        order. A published report keeps the order it was published with (`figures["rows"]`), so a
        contribution hidden afterwards keeps its number and the others theirs."""
        sections = list(self.page.sections.all())
        part_of = {
            section.translation_key: f"{number}. {section.title}"
            for number, section in enumerate(sections, start=1)
        }

        def part(kind, item):
            if kind == "proposal":
                return _("Proposal for a new measure")
            return part_of.get(item.section_key, _("The whole draft"))

        order = {section.translation_key: number for number, section in enumerate(sections, start=1)}
        comments = sorted(self.public_comments, key=lambda comment: order.get(comment.section_key, 0))
        items = [("proposal", proposal) for proposal in self.public_proposals]
        items += [("comment", comment) for comment in comments]
        listed = [(kind, item, part(kind, item)) for kind, item in items]
        if not (self.frozen and "rows" in self.frozen):
            return listed
        # Published: its rows first, as they were (None for one deleted since), then any made
        # public since, after them, so that no number changes.
        found = {("comment", item.pk): item for item in self.comments}
        found |= {("proposal", item.pk): item for item in self.proposals}
        published = {(kind, pk) for kind, pk in self.frozen["rows"]}
        frozen = [found.get((kind, pk)) for kind, pk in self.frozen["rows"]]
        return [
            (kind, item, part(kind, item)) if item else None
            for (kind, _pk), item in zip(self.frozen["rows"], frozen, strict=True)
        ] + [row for row in listed if (row[0], row[1].pk) not in published]

    def rows(self):
        """The справка, numbered through; a contribution deleted since publication leaves its
        number empty."""
        neutral = {}
        rows = []
        for number, listed in enumerate(self.listed(), start=1):
            if listed is None:
                continue
            kind, item, part = listed
            participant = item.named_as if item.is_public else ""
            if not participant and item.is_public:
                # The same unnamed person keeps one label; a sender without an account is one each.
                who = item.author_id or f"{kind}-{item.pk}"
                participant = neutral.setdefault(
                    who, _("Participant %(number)s") % {"number": len(neutral) + 1}
                )
            rows.append(ReportRow(number, kind, item, participant, part))
        return rows

    @cached_property
    def table(self):
        return self.rows()

    def csv(self):
        """The справка's columns in the reader's language, one row per public contribution, codes
        given as their labels; cells that would start a formula are made safe."""
        columns = report_columns()
        labels = {column.key: dict(column.values) for column in columns if column.type == "code"}
        rows = [
            [labels[key].get(value, value) if key in labels else value for key, value in row.values().items()]
            for row in self.table
        ]
        return csv_text([[column.label for column in columns], *rows])
