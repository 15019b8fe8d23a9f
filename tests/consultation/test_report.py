"""The outcome report: web page, CSV and PDF, in every language; frozen once published."""

import csv
import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from accounts import roles
from cms.models.translations import in_language
from consultation.models import (
    Comment,
    ConsultationPage,
    ConsultationReport,
    ModerationStatus,
    Proposal,
    ReportCorrection,
)
from tests.factories import ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED = "/{code}/consultations/bureau-services-2026/"
OPEN = "/bg/consultations/action-plan-2026/"


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def pdf_text(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def test_the_seeded_report_answers_every_contribution(closed):
    report = ConsultationReport.objects.get(consultation=closed)

    assert report.is_published
    public = list(Comment.objects.filter(consultation=closed, parent__isnull=True, status="published"))
    public += list(Proposal.objects.filter(consultation=closed, status="published"))
    assert public and all(item.taken_into_account and item.answer for item in public)


@pytest.mark.parametrize("code", ["bg", "en", "fr", "ar", "fa"])
def test_the_report_page_in_every_language(client, code, closed):
    response = client.get(CLOSED.format(code=code) + "report/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == code
    tables = soup(response).select("table.report-table")
    proposal = Proposal.objects.filter(consultation=closed).first()
    assert proposal.title in tables[0].get_text()
    assert in_language(proposal, "answer", code).text in tables[0].get_text()  # the reader's version


def test_before_publication_only_staff_see_the_report(client):
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    url = f"{OPEN}report/"
    assert client.get(url).status_code == 404
    ConsultationReport.objects.create(consultation=consultation)

    assert client.get(url).status_code == 404
    assert client.get("/bg/consultations/action-plan-2026/report.csv").status_code == 404
    assert client.get("/bg/consultations/action-plan-2026/report.pdf").status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    assert client.get(url).status_code == 200


def test_hidden_contributions_are_only_counted(client, closed):
    hidden = ProposalFactory(consultation=closed, text="Реклама на частна агенция за документи.")
    Proposal.objects.filter(pk=hidden.pk).update(status=ModerationStatus.HIDDEN, moderation_reason="спам")
    report = ConsultationReport.objects.get(consultation=closed)
    report.published_at = None  # a draft again: its figures are counted afresh (a published one's are frozen)
    report.save()
    client.force_login(UserFactory(roles=[roles.MODERATORS]))

    response = client.get(CLOSED.format(code="bg") + "report/")

    assert hidden.text not in response.content.decode()
    rows = soup(response).select("#participation table")[0].select("tr")
    figures = [row.td.get_text(strip=True) for row in rows]
    assert figures[-1] == "1"  # hidden by the moderators
    assert hidden.text not in client.get("/bg/consultations/bureau-services-2026/report.csv").content.decode(
        "utf-8-sig"
    )


def test_the_csv_has_a_bom_and_one_row_per_contribution(client, closed):
    response = client.get("/fr/consultations/bureau-services-2026/report.csv")

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    public = Comment.objects.filter(consultation=closed, parent__isnull=True, status="published").count()
    public += Proposal.objects.filter(consultation=closed, status="published").count()
    assert len(rows) == 1 + public
    texts = {row[5] for row in rows[1:]}
    assert set(Proposal.objects.filter(consultation=closed).values_list("text", flat=True)) <= texts


@pytest.mark.parametrize(("code", "expected"), [("bg", "Услуги на Бюрото"), ("en", "Bureau"), ("ar", "مكتب")])
def test_the_pdf_is_a_tagged_pdf_in_the_readers_language(client, code, expected):
    response = client.get(CLOSED.format(code=code) + "report.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(response)
    assert expected in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == code
    assert "ساعات" in text  # a Farsi proposal, in every language's PDF


def test_the_pdf_is_made_once_and_a_change_makes_a_new_one(client, closed):
    url = CLOSED.format(code="en") + "report.pdf"
    first, _text = pdf_text(client.get(url))

    with mock.patch("cms.pdf_parts.lay_out", side_effect=AssertionError("laid out again")):
        assert client.get(url).status_code == 200

    report = ConsultationReport.objects.get(consultation=closed)
    ReportCorrection.objects.create(report=report, text="Поправка: сряда, не четвъртък.")
    ConsultationReport.objects.filter(pk=report.pk).update(version=report.version + 1)
    _reader, text = pdf_text(client.get(url))
    assert "Поправка" in text


def test_a_large_report_is_prepared_in_the_background(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    response = client.get(CLOSED.format(code="fa") + "report.pdf")

    assert response.status_code == 202
    assert soup(response).find("meta", attrs={"http-equiv": "refresh"})


def test_answers_are_frozen_once_the_report_is_published(client, closed):
    comment = Comment.objects.filter(consultation=closed, parent__isnull=True).first()
    client.force_login(UserFactory(roles=[roles.MODERATORS]))

    client.post(
        f"/admin/moderate_comments/edit/{comment.pk}/",
        {
            "status": "published",
            "moderation_reason": "",
            "taken_into_account": "not_taken",
            "answer": "Друг отговор",
            "official_answer": "",
            "answer_language": "bg",
        },
    )

    comment.refresh_from_db()
    assert comment.taken_into_account == "taken" and comment.answer != "Друг отговор"
    bulk = client.get(f"/admin/answer-contributions/?consultation={closed.pk}")
    assert 'name="comments"' not in bulk.content.decode()


def test_moderators_answer_in_bulk_and_see_what_is_left(client):
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    unanswered = client.get("/admin/moderate_comments/", {"unanswered": "true"})
    before = len(soup(unanswered).select("tbody tr"))
    ids = list(
        Comment.objects.filter(consultation=consultation, parent__isnull=True).values_list("pk", flat=True)[
            :3
        ]
    )

    client.post(
        f"/admin/answer-contributions/?consultation={consultation.pk}",
        {"comments": ids, "taken_into_account": "partly", "answer": "Частично."},
    )

    assert set(Comment.objects.filter(pk__in=ids).values_list("taken_into_account", flat=True)) == {"partly"}
    after = len(soup(client.get("/admin/moderate_comments/", {"unanswered": "true"})).select("tbody tr"))
    assert after == before - 3


def test_participants_cannot_answer(client):
    client.force_login(UserFactory())

    assert client.get("/admin/answer-contributions/").status_code in (302, 403)


def test_the_consultation_page_links_to_its_published_report(client):
    links = [a["href"] for a in soup(client.get(CLOSED.format(code="ar"))).select(".report-links a")]

    assert links == [
        "/ar/consultations/bureau-services-2026/report/",
        "/ar/consultations/bureau-services-2026/report.pdf",
        "/ar/consultations/bureau-services-2026/report.csv",
    ]
    assert not soup(client.get(OPEN)).select(".report-links")


def test_publishing_the_report_tells_the_followers(client):
    from django.core import mail

    from consultation.models import Follow

    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    follower = UserFactory(preferred_language="en")
    Follow.objects.create(user=follower, consultation=consultation)
    report = ConsultationReport.objects.create(consultation=consultation)
    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))

    client.post(
        f"/admin/consultation_reports/edit/{report.pk}/",
        {
            "consultation": consultation.pk,
            "publish": "on",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
            "corrections-MIN_NUM_FORMS": "0",
            "corrections-MAX_NUM_FORMS": "1000",
        },
    )

    report.refresh_from_db()
    assert report.is_published
    assert [message.to for message in mail.outbox] == [[follower.email]]
    assert "/en/consultations/action-plan-2026/report/" in mail.outbox[0].body
    assert client.get("/en/consultations/action-plan-2026/report/").status_code == 200


def test_the_pdf_numbers_its_pages_in_the_readers_language(client):
    reader, _text = pdf_text(client.get(CLOSED.format(code="bg") + "report.pdf"))

    second_page = reader.pages[1].extract_text()
    assert f"Страница 2 от {len(reader.pages)}" in second_page


@pytest.mark.parametrize(("code", "marked"), [("fa", True), ("bg", False)])
def test_a_correction_of_the_report_is_marked_as_the_citys_bulgarian(client, closed, code, marked):
    report = ConsultationReport.objects.get(consultation=closed)
    ReportCorrection.objects.create(report=report, text="Поправка: сряда, не четвъртък.")

    item = soup(client.get(CLOSED.format(code=code) + "report/")).select_one("#corrections li")

    text = item.find(string=lambda string: "Поправка" in string).parent
    assert (text.get("lang"), text.get("dir")) == (("bg", "ltr") if marked else (None, None))
