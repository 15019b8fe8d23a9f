"""The minutes: drafted by the officers, circulated, remarked on by members, frozen once approved."""

import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from accounts import roles
from council.models import Minutes, MinutesComment, MinutesEntry, MinutesFrozen, Motion
from tests.council.helpers import a_meeting_of_its_own, a_passed_vote, member, officer
from tests.factories import AgendaItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_draft_minutes_are_for_the_officers_only(client, followup):
    minutes_url = f"/bg/council/meetings/{followup.pk}/minutes/"
    client.force_login(member())
    assert client.get(minutes_url).status_code == 404
    assert client.get(minutes_url.replace("minutes/", "minutes.pdf")).status_code == 404

    client.force_login(officer())
    assert client.get(minutes_url).status_code == 200


def test_the_secretariat_cannot_remark_and_so_cannot_empty_the_minutes(client, followup):
    client.force_login(officer())
    item = followup.agenda_items.first()
    url = f"/bg/council/meetings/{followup.pk}/minutes/"
    client.post(url, {f"item_{item.pk}": "Обсъждане.", "action": "circulate"})
    client.force_login(UserFactory(roles=[roles.COUNCIL_SECRETARIAT]))  # an officer without a seat

    response = client.post(url, {"action": "comment", "text": "Забележка"})

    assert response.status_code == 403
    assert Minutes.objects.get(meeting=followup).entries.get(agenda_item=item).discussion == "Обсъждане."


def test_a_refused_motion_keeps_the_attendance_form_pointing_at_the_meeting(client, followup):
    client.force_login(officer())

    response = client.post(f"/bg/council/meetings/{followup.pk}/motions/", {"text": "", "method": "named"})

    assert response.status_code == 200
    attendance = BeautifulSoup(response.content, "html.parser").select_one("#attendance-heading ~ form")
    assert attendance["action"] == f"/bg/council/meetings/{followup.pk}/"


def test_reading_the_minutes_page_writes_nothing(client, followup):
    client.force_login(officer())

    client.get(f"/bg/council/meetings/{followup.pk}/minutes/")

    assert not Minutes.objects.filter(meeting=followup).exists()


def test_the_secretary_writes_and_circulates_and_members_remark(client, followup):
    client.force_login(officer())
    item = followup.agenda_items.first()
    url = f"/bg/council/meetings/{followup.pk}/minutes/"
    client.post(url, {f"item_{item.pk}": "Протоколът беше одобрен единодушно.", "action": "circulate"})

    minutes = Minutes.objects.get(meeting=followup)
    assert minutes.status == Minutes.Status.CIRCULATED
    voter = member()
    client.force_login(voter)
    page = client.get(url)
    assert "Протоколът беше одобрен единодушно." in page.content.decode()
    client.post(url, {"action": "comment", "text": "Добавете кой предложи срока."})
    assert MinutesComment.objects.get(minutes=minutes).membership.user == voter
    assert client.post(url, {f"item_{item.pk}": "Подменено", "action": "save"}).status_code == 403


def test_approved_minutes_are_frozen(client, held):
    minutes = Minutes.objects.get(meeting=held)
    assert minutes.is_frozen and minutes.approved_by.decision_number
    before = list(minutes.entries.values_list("discussion", flat=True))
    client.force_login(officer())

    item = held.agenda_items.first()
    response = client.post(
        f"/bg/council/meetings/{held.pk}/minutes/", {f"item_{item.pk}": "Нов текст", "action": "save"}
    )

    assert response.status_code == 403
    assert list(minutes.entries.values_list("discussion", flat=True)) == before
    with pytest.raises(MinutesFrozen):
        minutes.approve(minutes.approved_by)


def test_minutes_need_a_decision_of_a_later_meeting(held, followup):
    draft = Minutes.objects.create(meeting=followup)
    earlier_decision = Motion.objects.filter(meeting=held, decision_number__isnull=False).first()

    with pytest.raises(MinutesFrozen):
        draft.approve(earlier_decision)


# The PDF's own headings in the reader's language ("Attendance and quorum"; in Arabic its quorum).
@pytest.mark.parametrize(("code", "expected"), [("bg", "Присъствие и кворум"), ("ar", "النصاب")])
def test_the_minutes_pdf_in_bulgarian_and_arabic(client, code, expected):
    meeting = a_meeting_of_its_own("Мила", "Надя", "Омар")
    item = AgendaItemFactory(meeting=meeting, title="Жилищни консултации")
    decision = a_passed_vote(meeting, Motion.Method.SECRET, agenda_item=item, text="Откриване на гише")
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    MinutesEntry.objects.create(minutes=minutes, agenda_item=item, discussion="Обсъдиха наемите")
    client.force_login(member())

    response = client.get(f"/{code}/council/meetings/{meeting.pk}/minutes.pdf")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.getvalue()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert expected in text
    assert "Жилищни консултации" in text and "Обсъдиха наемите" in text
    assert decision.decision_number in text
    assert reader.trailer["/Root"]["/Lang"] == code
