"""Decisions, public decisions, the audit log, result sheets and invitations."""

import io
from datetime import UTC

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from council.models import AuditEntry, Meeting, Membership, Motion
from tests.council.helpers import a_meeting_of_its_own, a_passed_vote, attendance_data, member, officer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_members_read_the_register_of_decisions(client, held):
    client.force_login(member())

    page = BeautifulSoup(client.get("/bg/council/decisions/").content, "html.parser")

    numbers = [row.td.get_text(strip=True) for row in page.select(".decision-table tbody tr")]
    assert numbers == list(
        Motion.objects.exclude(decision_number=None)
        .order_by("meeting__starts_at", "pk")
        .values_list("decision_number", flat=True)
    )
    assert client.get("/ar/council/decisions.pdf")["Content-Type"] == "application/pdf"


def test_only_public_decisions_are_public(client):
    public = Motion.objects.filter(is_public=True).exclude(decision_number=None)
    private = Motion.objects.filter(is_public=False).exclude(decision_number=None)
    assert public.exists() and private.exists()

    # In English, which the demo's decisions are not translated into: their Bulgarian is shown.
    text = client.get("/en/decisions/").content.decode()

    assert all(motion.text in text for motion in public)
    assert not any(motion.text in text for motion in private)
    assert client.get("/bg/council/decisions/").status_code == 302


def test_officers_make_a_decision_public_and_it_is_logged(client):
    decision = Motion.objects.filter(is_public=False).exclude(decision_number=None).first()
    client.force_login(officer())

    client.post(f"/bg/council/motions/{decision.pk}/public/")

    decision.refresh_from_db()
    assert decision.is_public
    entry = AuditEntry.objects.first()
    assert decision.decision_number in entry.action and entry.actor == officer()
    assert decision.decision_number in client.get("/bg/council/audit/").content.decode()


def test_members_cannot_publish_decisions_or_read_the_audit_log(client):
    decision = Motion.objects.filter(is_public=False).exclude(decision_number=None).first()
    client.force_login(member())

    assert client.post(f"/bg/council/motions/{decision.pk}/public/").status_code == 403
    assert client.get("/bg/council/audit/").status_code == 403
    decision.refresh_from_db()
    assert not decision.is_public


def test_every_change_to_a_meeting_is_in_the_audit_log(client, followup):
    client.force_login(officer())
    client.post(f"/bg/council/meetings/{followup.pk}/", attendance_data(followup, "present"))
    client.post(
        f"/bg/council/meetings/{followup.pk}/motions/",
        {"text": "Ново предложение", "method": "named", "majority": "simple"},
    )
    motion = Motion.objects.get(text="Ново предложение")
    client.post(f"/bg/council/motions/{motion.pk}/open/")
    client.post(f"/bg/council/motions/{motion.pk}/close/")

    actions = list(AuditEntry.objects.filter(meeting=followup).values_list("action", flat=True))
    assert len(actions) == 4


@pytest.mark.parametrize("code", ["bg", "ar"])
def test_the_result_sheet_of_a_named_vote_lists_each_member(client, held, code):
    motion = Motion.objects.get(meeting=held, method=Motion.Method.NAMED)
    client.force_login(member())

    response = client.get(f"/{code}/council/motions/{motion.pk}/result.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert motion.decision_number in text
    assert all(vote.membership.user.display_name in text for vote in motion.named_votes.all())


def test_a_secret_result_sheet_names_no_one_and_outsiders_get_none(client):
    voters = ["Мила Петрова", "Надя Илиева", "Омар Хасан"]
    motion = a_passed_vote(a_meeting_of_its_own(*voters), Motion.Method.SECRET, text="Тайно")
    client.force_login(member())
    text = " ".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(client.get(f"/bg/council/motions/{motion.pk}/result.pdf").getvalue())
        ).pages
    )
    assert motion.decision_number in text  # the sheet of this vote
    assert not any(voter in text for voter in voters)

    client.force_login(UserFactory())
    assert client.get(f"/bg/council/motions/{motion.pk}/result.pdf").status_code == 403


def test_members_are_invited_in_their_language_with_a_calendar_file(client):
    planned = Meeting.objects.get(status="planned")
    arabic = member()
    arabic.preferred_language = "ar"
    arabic.save()
    client.force_login(officer())

    client.post(f"/bg/council/meetings/{planned.pk}/invite/")

    members = Membership.objects.current(timezone.localdate(planned.starts_at)).count()
    assert len(mail.outbox) == members
    message = next(m for m in mail.outbox if m.to == [arabic.email])
    assert "دعوة" in message.subject
    assert planned.agenda_items.first().title in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and name.endswith(".ics")
    assert "BEGIN:VEVENT" in content and f"UID:council-meeting-{planned.pk}@otvoren-grad" in content
    assert "DTSTART:" + planned.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in content


def test_members_cannot_send_invitations(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(member())

    assert client.post(f"/bg/council/meetings/{planned.pk}/invite/").status_code == 403
    assert mail.outbox == []
