"""A report PDF never outlives the state it shows: moderation, answers and corrections make a new one."""

import io

import pytest
from django.core.files.storage import storages
from pypdf import PdfReader

from accounts import roles
from cms.pdf import build_pdf
from consultation.models import ConsultationPage, ConsultationReport, ModerationStatus
from tests.factories import CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PDF = "/en/consultations/bureau-services-2026/report.pdf"
OPEN_PDF = "/en/consultations/action-plan-2026/report.pdf"


@pytest.fixture(autouse=True)
def worker(settings):
    """Tasks wait for the worker, as in production: the test runs it when it means to."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def page(slug):
    return ConsultationPage.objects.get(slug=slug, locale__language_code="en")


def download(client, url, slug):
    """The 202 page first, then — once the worker has made it — the PDF's text."""
    assert client.get(url).status_code == 202
    build_pdf.call("consultation.pdf.ReportPdf", page(slug).pk, "en")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())  # lines wrap in cells


def stored_pdfs(slug):
    folder = f"pdfs/report/{page(slug).pk}"
    paths = [f"{folder}/{state}/en.pdf" for state in storages["private"].listdir(folder)[0]]
    return [path for path in paths if storages["private"].exists(path)]


def test_a_proposal_hidden_after_the_pdf_was_made_leaves_the_pdf(client):
    closed = page("bureau-services-2026").original
    proposal = ProposalFactory(consultation=closed, title="Night buses to the Bureau")
    assert "Night buses to the Bureau" in download(client, CLOSED_PDF, "bureau-services-2026")
    before = stored_pdfs("bureau-services-2026")

    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    response = client.post(
        f"/admin/moderate_proposals/edit/{proposal.pk}/",
        {"status": "hidden", "moderation_reason": "Advertising", "outcome": "submitted"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ModerationStatus.HIDDEN
    client.logout()

    assert "Night buses to the Bureau" not in download(client, CLOSED_PDF, "bureau-services-2026")
    after = stored_pdfs("bureau-services-2026")
    assert len(after) == 1 and after != before  # the PDF of the earlier state is gone


def test_answers_given_in_bulk_reach_the_pdf(client):
    open_page = page("action-plan-2026").original
    ConsultationReport.objects.create(consultation=open_page)
    comment = CommentFactory(consultation=open_page, text="More evening hours, please.")
    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    assert "Evening hours from March." not in download(client, OPEN_PDF, "action-plan-2026")

    client.post(
        f"/admin/answer-contributions/?consultation={open_page.pk}",
        {"comments": [comment.pk], "taken_into_account": "taken", "answer": "Evening hours from March."},
    )

    assert "Evening hours from March." in download(client, OPEN_PDF, "action-plan-2026")


def test_a_poll_answer_reaches_the_pdf(client):
    """Poll answers start no new page-cache generation, yet the report counts them."""
    from consultation.models import Poll

    open_page = page("action-plan-2026").original
    ConsultationReport.objects.create(consultation=open_page)
    poll = Poll.objects.filter(consultation=open_page, locale=open_page.locale).first()
    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    before = download(client, OPEN_PDF, "action-plan-2026")
    participant = UserFactory()
    voter = type(client)(HTTP_HOST="localhost")
    voter.force_login(participant)

    response = voter.post(
        f"/bg/consultations/action-plan-2026/polls/{poll.pk}/vote/", {"choice": poll.choices.first().pk}
    )

    assert response.status_code == 302 and poll.votes.filter(user=participant).exists()
    assert download(client, OPEN_PDF, "action-plan-2026") != before
