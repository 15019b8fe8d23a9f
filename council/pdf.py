"""The council's record as it is shown on its pages and in its PDFs: the minutes, the decision
register and a closed vote's result sheet (see cms.pdf for how every PDF is made)."""

from collections import Counter

from django.utils.functional import cached_property

from cms.models.translations import attach_translations
from cms.pdf import PdfDocument

from .models import Attendance, AttendanceRecord, Meeting, Membership, Minutes, Motion, Option


def minutes_context(meeting, public=False):
    """What the minutes show, on the page and in the PDF: a fixed number of queries. Approved
    minutes show the attendance and quorum stored when they were approved.

    `public`: their public edition (PublicMinutesPdf): only the open items and the public
    decisions; members named only if they agreed to it, the others counted."""
    record = meeting.attendance_record()
    unnamed = []
    if public:
        record, unnamed = named_only(record)
    motions = [motion for motion in meeting.motions.all() if not public or motion.in_open_data()]
    attach_translations(motions, "text")
    minutes = getattr(meeting, "minutes", None)
    entries = attach_translations(minutes.entries.all(), "discussion") if minutes and minutes.pk else []
    written = {entry.agenda_item_id: entry for entry in entries if entry.discussion}
    agenda = attach_translations(meeting.agenda_items.all(), "title")
    items = [
        {
            "item": item,
            "number": number,
            "discussion": written.get(item.pk),
            "decisions": [
                (motion, motion.result())
                for motion in motions
                if motion.agenda_item_id == item.pk and motion.closed_at
            ],
        }
        for number, item in enumerate(agenda, 1)
        if not public or item.is_public
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
        "public_edition": public,
        "unnamed": unnamed,
    }


def named_only(record):
    """The attendance with only the members who agree to be named, and how many of the others
    had each attendance (in the order of Attendance.Status, then those not recorded). Rows of
    minutes approved before memberships were stored with them are never named."""
    named = set(Membership.objects.named_publicly().values_list("pk", flat=True))
    people = record.snapshot["people"]
    shown = [person for person in people if person.get("membership") in named]
    hidden = Counter(person["status"] for person in people if person.get("membership") not in named)
    unnamed = [(status.label, hidden[status.value]) for status in Attendance.Status if hidden[status.value]]
    if hidden[None]:
        unnamed.append(("—", hidden[None]))
    return AttendanceRecord({**record.snapshot, "people": shown}), unnamed


def decision_rows(decisions):
    """Decisions with the figures stored when their vote closed: one query, however many."""
    decisions = attach_translations(
        decisions.select_related("meeting", "agenda_item").order_by("meeting__starts_at", "pk"), "text"
    )
    return [(motion, motion.result()) for motion in decisions]


class MinutesPdf(PdfDocument):
    """`key` is the meeting."""

    kind = "minutes"
    template = "council/minutes_pdf.html"

    def context(self):
        return minutes_context(Meeting.objects.get(pk=self.key))


class PublicMinutesPdf(PdfDocument):
    """The public edition of a public meeting's approved minutes (`key`), for everyone: the open
    data's File of the meeting (council/oparl.py). Draft and circulated minutes never have one."""

    kind = "public-minutes"
    template = "council/minutes_pdf.html"

    def context(self):
        meeting = Meeting.objects.public().get(pk=self.key, minutes__status=Minutes.Status.APPROVED)
        return minutes_context(meeting, public=True)


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
