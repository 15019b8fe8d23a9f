"""Every PDF the site makes keeps its content inside the page's margins, in every language and
direction, however long the words, names and addresses in it: nothing printed runs into the
margin or off the paper.

Each document is laid out by WeasyPrint as the worker lays it out (each of PdfDocument.parts), and every
box on every page is compared with the page's content area: its border box, and for a run of text
the slot it takes in its line (an Arabic font's ascent reaches above the line into the half-leading,
which is not ink). Line and inline boxes are left out: in right-to-left lines WeasyPrint keeps
their geometry in left-to-right terms (a table of contents' leader line "ends" beyond the paper
while its dots are drawn in place); what they draw, the text inside them, is checked.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from consultation.models import ConsultationPage, TakenIntoAccount
from consultation.pdf import ReportPdf
from council.models import AgendaItem, Minutes, MinutesEntry, Motion, Option
from council.pdf import DecisionsPdf, MinutesPdf, PublicMinutesPdf, ResultSheetPdf
from tests.factories import MeetingFactory, MembershipFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# What a table cannot wrap at a space: a compound word, an address, a name without spaces.
LONG_WORD = "Общинскапрограмазаинтеграциянамигрантитеибежанцитевстолицата" * 2
LONG_URL = "https://example.org/" + "services-for-newcomers/" * 6 + "?reference=" + "0123456789" * 5
LONG_NAME = "Ахмадзай-Мохаммадиан-Хосейнизаде-Абдулрахманов"[:60]
STRESS = f"{LONG_WORD} {LONG_URL} Δ{LONG_WORD[:40]}"


def report(language):
    """The demo's closed consultation in `language`, with a proposal of unbreakable words from an
    organisation with a long name, answered with a long address."""
    consultation = ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")
    ProposalFactory(
        consultation=consultation,
        author=UserFactory(display_name=LONG_NAME),
        organisation=LONG_WORD,
        title=LONG_WORD,
        text=STRESS,
        language="bg",
        taken_into_account=TakenIntoAccount.PARTLY,
        answer=STRESS,
    )
    return consultation.get_translations(inclusive=True).get(locale__language_code=language)


def council_record():
    """A public meeting whose approved minutes, decision and named vote carry long words, long
    names and long addresses; its members agree to be named publicly."""
    meeting = MeetingFactory(title=LONG_WORD, place=LONG_URL, is_public=True)
    members = [
        MembershipFactory(user=UserFactory(display_name=f"{LONG_NAME[:55]}{n}"), named_publicly=True)
        for n in range(3)
    ] + [MembershipFactory() for _ in range(8)]
    item = AgendaItem.objects.create(meeting=meeting, title=LONG_WORD, sort_order=0, is_public=True)
    motion = passed(meeting, members, agenda_item=item, text=STRESS, is_public=True)
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    MinutesEntry.objects.create(minutes=minutes, agenda_item=item, discussion=STRESS)
    later = MeetingFactory(starts_at=timezone.now() - timedelta(days=1))
    minutes.approve(passed(later, members, text="Approve the minutes"))
    return meeting, motion


def passed(meeting, members, **motion):
    """A named vote of the meeting that all `members`, present, passed."""
    for membership in members:
        meeting.attendances.create(membership=membership, status="present")
    motion = Motion.objects.create(meeting=meeting, method="named", **motion)
    motion.open_vote()
    for membership in members:
        motion.cast(membership, Option.FOR)
    return motion.close_vote()


def document(name, language):
    if name == "report":
        return ReportPdf(report(language).pk, language)
    meeting, motion = council_record()
    kind, key = {
        "minutes": (MinutesPdf, meeting.pk),
        "public minutes": (PublicMinutesPdf, meeting.pk),
        "decisions": (DecisionsPdf, "all"),
        "result sheet": (ResultSheetPdf, motion.pk),
    }[name]
    return kind(key, language)


def outside_the_margins(html):
    """Where the boxes of each page reach past its content area (half a pixel of rounding allowed)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(HTML(string=html).render().pages, 1):
        area = page._page_box
        left, top = area.content_box_x(), area.content_box_y()
        right, bottom = left + area.width, top + area.height
        for child in area.children:
            if isinstance(child, boxes.MarginBox):  # the page counter and running title
                continue
            for box in child.descendants():
                if isinstance(box, boxes.LineBox | boxes.InlineBox):
                    continue
                if isinstance(box, boxes.TextBox):
                    x, y, width, height = (
                        box.position_x,
                        box.position_y,
                        box.margin_width(),
                        box.margin_height(),
                    )
                else:
                    x, y, width, height = (
                        box.border_box_x(),
                        box.border_box_y(),
                        box.border_width(),
                        box.border_height(),
                    )
                past = max(left - x, x + width - right, top - y, y + height - bottom)
                if past > 0.5:
                    text = getattr(box, "text", "")[:30]
                    found.append(f"page {number}: <{box.element_tag}> {text!r} {past * 25.4 / 96:.1f} mm out")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["report", "minutes", "public minutes", "decisions", "result sheet"])
def test_every_pdf_keeps_its_content_inside_the_margins(name, language):
    outside = [box for part in document(name, language).parts() for box in outside_the_margins(part)]

    assert not outside, f"{len(outside)} boxes outside the margins, e.g. {outside[:5]}"
