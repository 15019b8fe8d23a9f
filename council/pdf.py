"""The council's record as it is shown on its pages and in its PDFs: the minutes, the decision
register and a closed vote's result sheet (see cms.pdf for how every PDF is made)."""

from django.utils.functional import cached_property

from cms.pdf import PdfDocument

from .models import Meeting, Motion, Option


def minutes_context(meeting):
    """What the minutes show, on the page and in the PDF: a fixed number of queries. Approved
    minutes show the attendance and quorum stored when they were approved."""
    record = meeting.attendance_record()
    motions = list(meeting.motions.all())
    minutes = getattr(meeting, "minutes", None)
    written = (
        {entry.agenda_item_id: entry.discussion for entry in minutes.entries.all()}
        if minutes and minutes.pk
        else {}
    )
    items = [
        {
            "item": item,
            "discussion": written.get(item.pk, ""),
            "decisions": [
                (motion, motion.result())
                for motion in motions
                if motion.agenda_item_id == item.pk and motion.closed_at
            ],
        }
        for item in meeting.agenda_items.all()
    ]
    return {
        "meeting": meeting,
        "minutes": minutes,
        "attendance": record.rows,
        "quorum": record.quorum,
        "items": items,
        "chair": record.chair,
        "secretary": record.secretary,
        "options": Option.choices,
    }


def decision_rows(decisions):
    """Decisions with the figures stored when their vote closed: one query, however many."""
    decisions = decisions.select_related("meeting", "agenda_item")
    return [(motion, motion.result()) for motion in decisions.order_by("meeting__starts_at", "pk")]


class MinutesPdf(PdfDocument):
    """`key` is the meeting."""

    kind = "minutes"
    template = "council/minutes_pdf.html"

    def context(self):
        return minutes_context(Meeting.objects.get(pk=self.key))


class DecisionsPdf(PdfDocument):
    """The register of every decision; one of a kind (`key` "all")."""

    kind = "decisions"
    template = "council/decisions_pdf.html"

    def context(self):
        return {
            "rows": decision_rows(Motion.objects.exclude(decision_number=None)),
            "options": Option.choices,
        }

    @property
    def filename(self):
        return f"decisions-{self.language}.pdf"


class ResultSheetPdf(PdfDocument):
    """`key` is a closed motion; a named vote lists each member's choice."""

    kind = "vote"
    template = "council/result_sheet_pdf.html"

    @cached_property
    def motion(self):
        return (
            Motion.objects.select_related("meeting", "agenda_item")
            .prefetch_related("named_votes__membership__user")
            .get(pk=self.key, closed_at__isnull=False)
        )

    def context(self):
        motion = self.motion
        return {
            "motion": motion,
            "result": motion.result(),
            "roll_call": [(vote.membership, vote.get_option_display()) for vote in motion.named_votes.all()],
            "options": Option.choices,
        }
