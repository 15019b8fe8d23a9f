"""Every refused form of the council (#17 item 1) opens on the summary of what is wrong, each error
linked to its field, names the error in the title and keeps what was typed; an address that takes
a form, opened instead, leads back to the page at the form, and does nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from council.models import Attendance, AuditEntry, Meeting, Minutes, MinutesComment, Motion
from tests.consultation.test_refused_forms import error_summary
from tests.council.helpers import attendance_data, member, officer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def planned():
    return Meeting.objects.get(status="planned")


def test_refused_attendance_shows_the_summary_and_keeps_every_choice(client, followup):
    client.force_login(officer())
    data = attendance_data(followup, "excused")
    first, *others = [name for name in data if name.startswith("status_")]
    data[first] = "maybe"
    before = sorted(Attendance.objects.filter(meeting=followup).values_list("membership", "status"))

    response = client.post(f"/bg/council/meetings/{followup.pk}/", data)

    assert error_summary(response) == [f"#id_{first}"]
    page = soup(response)
    for name in others:
        assert page.select_one(f"input[name={name}][checked]")["value"] == "excused"
    assert sorted(Attendance.objects.filter(meeting=followup).values_list("membership", "status")) == before


def test_refused_motion_shows_the_summary_and_keeps_the_choices(client, planned):
    client.force_login(officer())

    response = client.post(
        f"/bg/council/meetings/{planned.pk}/motions/",
        {"text": " ", "method": "secret", "majority": "two_thirds"},
    )

    assert error_summary(response) == ["#id_text"]
    form = soup(response).select_one("form#motion-form")
    assert form.select_one(".error-summary") is not None
    assert form.select_one("select[name=method] option[selected]")["value"] == "secret"
    assert form.select_one("select[name=majority] option[selected]")["value"] == "two_thirds"


def test_refused_document_shows_the_summary_and_keeps_the_title(client, planned):
    client.force_login(officer())
    not_a_pdf = SimpleUploadedFile("programme.pdf", b"just text", content_type="application/pdf")

    response = client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "Програма", "agenda_item": "", "file": not_a_pdf},
    )

    assert error_summary(response) == ["#id_file"]
    assert soup(response).select_one("form#document-form input[name=title]")["value"] == "Програма"
    assert not planned.documents.exists()


def test_refused_minutes_show_the_summary_and_keep_the_text(client, followup):
    client.force_login(officer())
    item = followup.agenda_items.first()
    text = "Обсъждане\x00"

    response = client.post(
        f"/bg/council/meetings/{followup.pk}/minutes/", {"action": "save", f"item_{item.pk}": text}
    )

    assert error_summary(response) == [f"#id_item_{item.pk}"]
    assert soup(response).select_one(f"textarea[name=item_{item.pk}]").get_text().strip() == text
    assert not Minutes.objects.filter(meeting=followup).exists()


def test_a_refused_remark_shows_the_summary(client, followup):
    Minutes.objects.create(meeting=followup, status=Minutes.Status.CIRCULATED)
    client.force_login(member())

    response = client.post(
        f"/bg/council/meetings/{followup.pk}/minutes/", {"action": "comment", "text": "   "}
    )

    assert error_summary(response) == ["#id_text"]
    assert soup(response).select_one("form#remark-form .error-summary") is not None
    assert not MinutesComment.objects.exists()


def test_a_refused_approval_shows_the_summary(client, followup, planned):
    client.force_login(officer())
    Motion.objects.create(
        meeting=planned, text="Later", decision_number="Р-2099-01", closed_at=planned.starts_at
    )

    response = client.post(
        f"/bg/council/meetings/{followup.pk}/minutes/", {"action": "approve", "decision": "999999"}
    )

    assert error_summary(response) == ["#id_decision"]
    assert not Minutes.objects.filter(meeting=followup).exists()


def test_a_refused_agenda_item_shows_the_summary_in_the_meeting_form(client):
    client.force_login(officer())
    data = {
        "title": "Юнско заседание",
        "starts_at": "2027-06-10T17:00",
        "place": "Бюрото",
        "status": "planned",
    }
    data |= {"agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "0"}
    data |= {"agenda-0-title": "", "agenda-0-description": "Без заглавие", "agenda-0-is_public": "on"}

    response = client.post("/bg/council/meetings/new/", data)

    assert error_summary(response) == ["#id_agenda-0-title"]
    assert (
        soup(response).select_one("textarea[name=agenda-0-description]").get_text().strip() == "Без заглавие"
    )
    assert not Meeting.objects.filter(title="Юнско заседание").exists()


def test_an_accepted_council_page_has_no_summary(client, followup):
    client.force_login(officer())

    page = soup(client.get(f"/bg/council/meetings/{followup.pk}/"))

    assert page.select_one(".error-summary") is None


# Opening an address that takes a form -------------------------------------------------------------


def test_opening_a_council_form_address_leads_back_to_the_form(client, followup, planned):
    client.force_login(officer())
    motion = Motion.objects.create(meeting=followup, text="Not yet put to the vote.")
    decision = Motion.objects.exclude(decision_number=None).first()
    meeting = f"/bg/council/meetings/{planned.pk}/"
    at_motion = f"/bg/council/meetings/{followup.pk}/#motion-{motion.pk}"
    addresses = {
        f"{meeting}motions/": f"{meeting}#motion-form",
        f"{meeting}documents/": f"{meeting}#document-form",
        f"{meeting}invite/": meeting,
        f"/bg/council/motions/{motion.pk}/open/": at_motion,
        f"/bg/council/motions/{motion.pk}/close/": at_motion,
        f"/bg/council/motions/{motion.pk}/vote/": at_motion,
        f"/bg/council/motions/{decision.pk}/public/": "/bg/council/decisions/",
    }

    def state():
        return (
            AuditEntry.objects.count(),
            Motion.objects.get(pk=motion.pk).opened_at,
            Motion.objects.get(pk=decision.pk).is_public,
        )

    before = state()

    for address, back in addresses.items():
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, back), address

    assert state() == before


def test_only_people_who_may_enter_are_led_back(client, followup):
    motion = Motion.objects.create(meeting=followup, text="Not yet put to the vote.")
    address = f"/bg/council/motions/{motion.pk}/open/"

    assert client.get(address)["Location"].startswith("/bg/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(address).status_code == 403


def test_other_methods_are_not_allowed(client, followup):
    client.force_login(officer())
    motion = Motion.objects.create(meeting=followup, text="Not yet put to the vote.")

    response = client.put(f"/bg/council/motions/{motion.pk}/open/")

    assert response.status_code == 405
    assert Motion.objects.get(pk=motion.pk).opened_at is None
