"""The справка (ЗНА art. 26(5)): the report's table with the law's columns on the page, in the CSV
and the PDF, reasons required for what is not or partly accepted, and a notice when nothing came."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from accounts import roles
from cms.templatetags.otvoren_grad import moment
from consultation.answers import answer_contributions
from consultation.models import Comment, ConsultationPage, ConsultationReport, Proposal, TakenIntoAccount
from consultation.pdf import ReportPdf
from consultation.report import ConsultationReportData, report_columns
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

CLOSED = "/{lang}/consultations/bureau-services-2026/"


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")


def unpublish(closed):
    report = ConsultationReport.objects.get(consultation=closed)
    report.published_at = None
    report.save()
    return report


@pytest.mark.parametrize("lang", ["bg", "fa"])
def test_the_page_shows_the_laws_columns_in_the_readers_language(client, lang):
    page = BeautifulSoup(client.get(CLOSED.format(lang=lang) + "report/").content, "html.parser")

    table = page.find(id="answers").find("table")
    with translation.override(lang):
        headers = [th.text.strip() for th in table.find("thead").find_all("th")]
        assert headers == [
            gettext("No."),
            gettext("Participant"),
            gettext("Part of the draft"),
            gettext("Proposal or comment"),
            gettext("Received"),
            gettext("Accepted / not accepted"),
            gettext("Reasons"),
        ]
        cells = [tr.find_all("td") for tr in table.find("tbody").find_all("tr")]
        # The city's answer: in the page's language if it has that version, else marked Bulgarian.
        answers = [row[6].find(class_="text-in-language") for row in cells]
        assert all(answer.get("lang", lang) in {lang, "bg"} for answer in answers)
        assert all(answer["dir"] == "ltr" for answer in answers if answer.get("lang") == "bg")
        verdicts = {row[5].text.strip() for row in cells}
        assert pgettext("verdict", "Partly accepted") in verdicts
        assert gettext("By email") in {
            row[4].text.split("\n")[1].strip() for row in cells if "\n" in row[4].text
        }


def test_the_numbers_run_through_and_every_row_names_a_participant_or_a_neutral_label(closed):
    with translation.override("bg"):
        rows = ConsultationReportData(closed, AnonymousUser()).table

    assert [row.number for row in rows] == list(range(1, len(rows) + 1))
    assert all(row.participant for row in rows)
    organisation = next(row for row in rows if row.contribution.organisation)
    assert organisation.participant == organisation.contribution.organisation
    unnamed = [row for row in rows if row.contribution.is_received_offline and not row.contribution.named_as]
    with translation.override("bg"):
        label = gettext("Participant %(number)s").split("%")[0]  # "Участник "
    assert unnamed and all(row.participant.startswith(label) for row in unnamed)


def test_an_unnamed_sender_and_an_online_participant_are_different_participants(closed):
    data = ConsultationReportData(closed, AnonymousUser())
    offline = [item for item in data.public_contributions if item.is_received_offline]

    counts = data.counts()

    assert counts["participants"] == len(data.participants) + len(data.senders)
    assert len(data.senders) == len(offline)  # each unnamed or named once in the demo
    assert dict(counts["by_channel"])["email"] >= 2


def test_the_csv_has_the_same_columns_with_codes_as_labels(client):
    response = client.get(CLOSED.format(lang="fr") + "report.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    with translation.override("fr"):
        assert rows[0] == [column.label for column in report_columns()]
        verdict = [column.key for column in report_columns()].index("verdict")
        channel = [column.key for column in report_columns()].index("channel")
        assert {row[verdict] for row in rows[1:]} <= {str(label) for _code, label in TakenIntoAccount.choices}
        assert gettext("By letter") in {row[channel] for row in rows[1:]}


def test_the_pdf_has_the_same_table(closed):
    html = ReportPdf(closed.pk, "bg").html()

    with translation.override("bg"):
        for column in report_columns():
            if column.key not in ("kind", "title", "text", "language", "received"):
                assert str(column.label) in html
    assert "Сдружение „Мост между културите“" in html


@pytest.mark.parametrize("lang", ["bg", "fa"])
def test_in_the_pdf_every_row_says_in_the_readers_language_who_when_and_on_which_part(closed, lang):
    """Each PDF row is set in the reader's language, the neutral label of a participant without a
    name and the part of the draft too, as on the page; only the name, which may be in any script,
    is in a block of its own direction."""
    html = ReportPdf(closed.pk, lang).html()
    report = ConsultationReport.objects.get(consultation=closed)
    with translation.override(lang):
        expected = [
            (
                row.participant,
                words(
                    f"{row.contribution.get_channel_display()}, {moment(row.contribution.received, 'date')}"
                ),
                row.part,
            )
            for row in ConsultationReportData(closed, AnonymousUser(), report).table
        ]
    rows = [row.select("td") for row in BeautifulSoup(html, "html.parser").select(".report-table tbody tr")]

    # The name in a block of its own direction; below it, the channel and the date, in the cell's.
    shown = [
        (
            who.div.get_text(),
            words(who.div.find_next_sibling("div").get_text()),
            what.select_one(".part").get_text(),
        )
        for _, who, what, _ in rows
    ]
    assert [who.div.get("dir") for _, who, _, _ in rows] == ["auto"] * len(rows)
    assert [len(who.select("div")) for _, who, _, _ in rows] == [2] * len(rows)
    assert len(shown) > 4 and shown == expected
    if lang == "fa":
        assert "Участник" not in html and "Предложение за нова мярка" not in html


def words(text):
    return " ".join(text.split())


def test_a_partly_or_not_accepted_answer_needs_its_reasons(closed):
    comment = CommentFactory(
        consultation=ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    )

    for verdict in (TakenIntoAccount.PARTLY, TakenIntoAccount.NOT_TAKEN):
        with pytest.raises(ValidationError):
            answer_contributions([comment], verdict, "  ")
    answer_contributions([comment], TakenIntoAccount.TAKEN, "")
    comment.refresh_from_db()
    assert comment.taken_into_account == TakenIntoAccount.TAKEN


def test_the_moderation_form_asks_for_the_reasons_and_keeps_the_choice(client, moderator):
    open_page = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    comment = Comment.objects.filter(consultation=open_page, parent__isnull=True).first()

    response = client.post(
        f"/admin/moderate_comments/edit/{comment.pk}/",
        {
            "status": "published",
            "moderation_reason": "",
            "taken_into_account": "not_taken",
            "answer": "",
            "official_answer": "",
            "answer_language": "bg",
        },
    )

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.taken_into_account == ""
    with translation.override("bg"):
        assert (
            gettext("Give the reasons: the report states them for every contribution not or partly accepted.")
            in response.content.decode()
        )


def test_a_report_missing_reasons_cannot_be_published_and_says_which(client, closed):
    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))
    report = unpublish(closed)
    rows = ConsultationReportData(closed, AnonymousUser()).table
    row = next(row for row in rows if row.contribution.taken_into_account == TakenIntoAccount.PARTLY)
    type(row.contribution).objects.filter(pk=row.contribution.pk).update(answer="")

    response = client.post(
        f"/admin/consultation_reports/edit/{report.pk}/",
        {
            "consultation": closed.pk,
            "publish": "on",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
            "corrections-MIN_NUM_FORMS": "0",
            "corrections-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 200
    report.refresh_from_db()
    assert not report.is_published
    with translation.override("bg"):
        refusal = gettext(
            "The report cannot be published: give the reasons for every contribution not "
            "accepted or partly accepted (No. %(numbers)s)."
        ) % {"numbers": row.number}
    assert refusal in response.content.decode()
    report.published_at = timezone.now()
    with pytest.raises(ValidationError):
        report.save()  # the model refuses it through any other door too


def test_without_any_contribution_the_report_says_none_were_received(client, closed):
    Comment.objects.filter(consultation=closed).delete()
    Proposal.objects.filter(consultation=closed).delete()

    page = BeautifulSoup(client.get(CLOSED.format(lang="ar") + "report/").content, "html.parser")

    assert page.find(id="answers").find("table") is None
    with translation.override("ar"):
        assert (
            gettext("No proposals or comments were received during the consultation.")
            in page.find(id="answers").text
        )


def test_the_demo_has_a_realistic_volume(closed):
    data = ConsultationReportData(closed, AnonymousUser())
    items = data.public_contributions

    assert len(items) >= 40
    assert data.counts()["participants"] >= 20
    assert {item.language for item in items} == {"bg", "en", "fr", "ar", "fa"}
    assert sum(item.is_received_offline for item in items) >= 4
    assert any(item.organisation for item in items)
    assert all(item.taken_into_account for item in items)
    assert all(
        item.answer.strip() for item in items if TakenIntoAccount.needs_reasons(item.taken_into_account)
    )


def test_a_contribution_hidden_after_publication_keeps_its_number_and_loses_its_text(client, closed):
    before = ConsultationReportData(
        closed, AnonymousUser(), ConsultationReport.objects.get(consultation=closed)
    )
    numbers = {(row.kind, row.contribution.pk): row.number for row in before.table}
    hidden = before.table[2].contribution
    type(hidden).objects.filter(pk=hidden.pk).update(status="hidden", moderation_reason="Лични данни")

    page = BeautifulSoup(client.get(CLOSED.format(lang="bg") + "report/").content, "html.parser")
    spreadsheet = client.get(CLOSED.format(lang="bg") + "report.csv").content.decode("utf-8-sig")

    after = ConsultationReportData(
        closed, AnonymousUser(), ConsultationReport.objects.get(consultation=closed)
    )
    assert {(row.kind, row.contribution.pk): row.number for row in after.table} == numbers
    row = page.find(id="answers").select("tbody tr")[2]
    assert hidden.text not in row.text and "Лични данни" in row.text
    assert hidden.text not in spreadsheet
    assert len(spreadsheet.splitlines()) == 1 + len(numbers)


def test_a_report_cannot_be_published_while_something_awaits_moderation(closed):
    report = unpublish(closed)
    CommentFactory(consultation=closed, status="pending", text="Още не е прочетено.")

    report.published_at = timezone.now()
    with pytest.raises(ValidationError) as refusal, translation.override("en"):
        report.save()

    assert "1 contribution awaits moderation" in str(refusal.value)
