"""Every PDF is made one way (cms/pdf.py): by the worker, once per state, kept in the private
storage and served only after the view has checked who may read it; a reader meanwhile gets a page
that reloads itself. The minutes, the decision register, a result sheet and the report alike."""

import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import storages
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import default_task_backend
from pypdf import PdfReader

from consultation.models import ConsultationPage
from council.models import AgendaItem, Minutes, MinutesEntry, Motion, Option
from tests.factories import MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def worker(settings):
    """Tasks wait for the worker, as in production; `run_worker()` does its work."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()


def queued_pdfs():
    return [result for result in default_task_backend.results if result.task.name == "build_pdf"]


def run_worker():
    """Lays out the queued PDFs; returns how many."""
    queued = queued_pdfs()
    default_task_backend.clear()
    for result in queued:
        result.task.call(*result.args, **result.kwargs)
    return len(queued)


@pytest.fixture
def meeting():
    """A held meeting with circulated minutes and a closed named vote that was passed: its ten
    members present are a quorum beside the demo's nine."""
    meeting = MeetingFactory(title="Sitting on housing")
    members = [MembershipFactory() for _ in range(10)]
    for membership in members:
        meeting.attendances.create(membership=membership, status="present")
    item = AgendaItem.objects.create(meeting=meeting, title="Housing advice", sort_order=0)
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    MinutesEntry.objects.create(minutes=minutes, agenda_item=item, discussion="Spoken of the leases.")
    motion = Motion.objects.create(
        meeting=meeting, agenda_item=item, text="Open a housing desk", method="named"
    )
    motion.open_vote()
    for membership in members:
        motion.cast(membership, Option.FOR)
    motion = motion.close_vote()
    assert motion.decision_number
    return meeting


@pytest.fixture
def member(client, meeting):
    membership = meeting.attendances.first().membership
    client.force_login(membership.user)
    return membership


def addresses(meeting):
    motion = meeting.motions.get()
    return {
        "minutes": f"/en/council/meetings/{meeting.pk}/minutes.pdf",
        "decisions": "/en/council/decisions.pdf",
        "result sheet": f"/en/council/motions/{motion.pk}/result.pdf",
    }


def pdf_text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.getvalue()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("document", ["minutes", "decisions", "result sheet"])
def test_a_council_pdf_is_made_by_the_worker_once_and_then_served(client, meeting, member, document):
    url = addresses(meeting)[document]

    waiting = [client.get(url) for _ in range(3)]  # a reader reloading, or three at once

    page = BeautifulSoup(waiting[0].content, "html.parser")
    assert {response.status_code for response in waiting} == {202}
    assert waiting[0]["Retry-After"] == "5" and page.find("meta", attrs={"http-equiv": "refresh"})
    assert page.select_one("main a[href]")["href"].startswith("/en/council/")  # a way back to the web page
    assert run_worker() == 1  # one PDF laid out, however many asked
    assert "Open a housing desk" in pdf_text(client.get(url))
    with (
        mock.patch("cms.pdf.write_pdf", side_effect=AssertionError("laid out again")),
        mock.patch("cms.pdf.render_html", side_effect=AssertionError("rendered again")),
    ):
        assert client.get(url).status_code == 200  # the same state: served from storage as it is
    assert run_worker() == 0


def test_a_change_of_the_minutes_makes_a_new_pdf_and_removes_the_old(client, meeting, member):
    url = addresses(meeting)["minutes"]
    client.get(url)
    run_worker()
    assert "Spoken of the leases." in pdf_text(client.get(url))
    stored = storages["private"].listdir(f"pdfs/minutes/{meeting.pk}")[0]

    MinutesEntry.objects.filter(minutes__meeting=meeting).update(discussion="Spoken of the deposits.")
    Minutes.objects.get(meeting=meeting).save()  # the secretary saves the minutes

    assert client.get(url).status_code == 202
    run_worker()
    text = pdf_text(client.get(url))
    assert "Spoken of the deposits." in text and "leases" not in text
    folder = f"pdfs/minutes/{meeting.pk}"
    kept = [
        state
        for state in storages["private"].listdir(folder)[0]
        if storages["private"].exists(f"{folder}/{state}/en.pdf")
    ]
    assert len(kept) == 1 and kept != stored


def test_a_renamed_member_is_renamed_in_the_result_sheet(client, meeting, member):
    url = addresses(meeting)["result sheet"]
    client.get(url)
    run_worker()
    voter = meeting.attendances.last().membership.user
    assert voter.display_name in pdf_text(client.get(url))

    voter.display_name = "Mariam Haidari"
    voter.save()

    assert client.get(url).status_code == 202
    run_worker()
    assert "Mariam Haidari" in pdf_text(client.get(url))


@pytest.mark.parametrize("document", ["minutes", "decisions", "result sheet"])
def test_who_may_not_read_a_council_pdf_gets_neither_it_nor_its_making(client, meeting, document):
    url = addresses(meeting)[document]
    client.force_login(UserFactory())  # a participant without a seat

    response = client.get(url)

    assert response.status_code == 403
    assert queued_pdfs() == []


def test_draft_minutes_are_not_made_for_members(client, meeting, member):
    Minutes.objects.filter(meeting=meeting).update(status=Minutes.Status.DRAFT)

    assert client.get(addresses(meeting)["minutes"]).status_code == 404
    assert queued_pdfs() == []


def test_the_pdf_of_a_report_follows_the_same_policy(client):
    url = "/fa/consultations/bureau-services-2026/report.pdf"
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert (
        BeautifulSoup(waiting.content, "html.parser").select_one("main a[href]")["href"].endswith("/report/")
    )
    assert run_worker() == 1
    page = ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="fa")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="{page.slug}-report-fa.pdf"'


def test_signing_in_does_not_make_the_pdfs_anew(client, meeting, member):
    url = addresses(meeting)["decisions"]
    client.get(url)
    run_worker()

    client.force_login(meeting.attendances.last().membership.user)  # saves the time of the last login

    with mock.patch("cms.pdf.render_html", side_effect=AssertionError("rendered again")):
        assert client.get(url).status_code == 200


def test_a_pdf_is_laid_out_without_decompressing_the_fonts_again(client, meeting, member):
    """The fonts reach WeasyPrint as OpenType files made once per process (cms.pdf.font_urls)."""
    client.get(addresses(meeting)["minutes"])

    with mock.patch("fontTools.ttLib.woff2.decompress") as decompress:
        run_worker()

    assert not decompress.called

    assert "Spoken of the leases." in pdf_text(client.get(addresses(meeting)["minutes"]))


@pytest.mark.parametrize(("language", "digits"), [("fa", "۰۱۲۳۴۵۶۷۸۹"), ("bg", "0123456789")])
def test_a_pdf_numbers_its_pages_in_the_readers_digits(client, meeting, member, language, digits):
    """Farsi dates and counts are in Persian digits, and so is "page 2 of 2" under them."""
    url = f"/{language}/council/meetings/{meeting.pk}/minutes.pdf"
    client.get(url)
    run_worker()

    response = client.get(url)
    pages = PdfReader(io.BytesIO(response.getvalue())).pages
    footer = pages[-1].extract_text().splitlines()[-1]  # the last page's number (RTL lines come reordered)

    total = str(len(pages)).translate(str.maketrans("0123456789", digits))
    with translation.override(language):
        label = gettext("Page %(page)s of %(pages)s") % {"page": total, "pages": total}
    assert sorted(footer.split()) == sorted(label.split())
