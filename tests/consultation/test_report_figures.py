"""A published report's figures are fixed at publication, like its answers, and count only people
whose part the report can show."""

import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from accounts import roles
from consultation.models import ConsultationPage, ConsultationReport, ModerationStatus
from tests.factories import PASSWORD, CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/en/consultations/action-plan-2026/"


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


def publish(client, report):
    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))
    client.post(
        f"/admin/consultation_reports/edit/{report.pk}/",
        {
            "consultation": report.consultation_id,
            "publish": "on",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
            "corrections-MIN_NUM_FORMS": "0",
            "corrections-MAX_NUM_FORMS": "1000",
        },
    )
    client.logout()
    report.refresh_from_db()
    assert report.is_published


def figures(client):
    """Label → value of every figure table of the report page (participation, categories, …)."""
    section = BeautifulSoup(client.get(f"{OPEN}report/").content, "html.parser").select_one("#participation")
    return {
        (table.caption.get_text(strip=True), row.th.get_text(strip=True)): row.td.get_text(strip=True)
        for table in section.select("table")
        for row in table.select("tbody tr")
    }


def participants(client):
    return int(figures(client)[("Participation in figures", "Participants")])


def pdf_text(client):
    response = client.get(f"{OPEN}report.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(page.extract_text() for page in reader.pages)


def test_an_erased_account_changes_no_published_figure_and_leaves_the_report_nameless(client, consultation):
    person = UserFactory(respondent_category="refugee")
    ProposalFactory(consultation=consultation, author=person)
    CommentFactory(consultation=consultation, author=person)
    publish(client, ConsultationReport.objects.create(consultation=consultation))
    page, pdf = figures(client), pdf_text(client)
    spreadsheet = client.get(f"{OPEN.rstrip('/')}/report.csv").content

    client.force_login(person)
    client.post("/en/accounts/my-data/", {"password": PASSWORD})
    client.logout()

    assert not type(person).objects.filter(pk=person.pk).exists()
    assert figures(client) == page
    # The figures and the rows stay; the name the person chose leaves the справка with them.
    after = client.get(f"{OPEN.rstrip('/')}/report.csv").content.decode("utf-8-sig")
    assert person.display_name in spreadsheet.decode("utf-8-sig") and person.display_name not in after
    assert len(after.splitlines()) == len(spreadsheet.decode("utf-8-sig").splitlines())
    assert person.display_name in pdf and person.display_name not in pdf_text(client)


def test_someone_whose_every_contribution_is_hidden_is_not_a_participant(client, consultation):
    report = ConsultationReport.objects.create(consultation=consultation)
    client.force_login(UserFactory(roles=[roles.MODERATORS]))  # a draft report is for staff only
    before = participants(client)

    ProposalFactory(
        consultation=consultation, status=ModerationStatus.HIDDEN, moderation_reason="Advertising"
    )
    assert participants(client) == before
    CommentFactory(consultation=consultation)
    assert participants(client) == before + 1

    publish(client, report)
    assert participants(client) == before + 1


def test_withdrawing_publication_unfreezes_the_figures(client, consultation):
    report = ConsultationReport.objects.create(consultation=consultation)
    publish(client, report)
    frozen = participants(client)
    CommentFactory(consultation=consultation)
    assert participants(client) == frozen

    report.published_at = None
    report.save()
    client.force_login(UserFactory(roles=[roles.MODERATORS]))

    assert participants(client) == frozen + 1


def test_reports_published_before_the_figures_were_kept_are_frozen_by_the_migration(client, consultation):
    from importlib import import_module

    from django.apps import apps

    freeze = import_module("consultation.migrations.0012_freeze_published_figures").freeze_published_figures
    report = ConsultationReport.objects.create(consultation=consultation)
    publish(client, report)
    ConsultationReport.objects.filter(pk=report.pk).update(figures=None)  # as published before 0010
    counted = participants(client)

    freeze(apps, None)
    CommentFactory(consultation=consultation)

    report.refresh_from_db()
    assert report.figures is not None
    assert participants(client) == counted


def test_pending_contributions_are_not_counted_as_hidden_by_the_moderators(client, consultation):
    ConsultationReport.objects.create(consultation=consultation)
    client.force_login(UserFactory(roles=[roles.MODERATORS]))  # a draft report is for staff only
    hidden = ("Participation in figures", "Hidden by the moderators")
    pending = ("Participation in figures", "Awaiting moderation")
    before = figures(client)
    assert pending not in before  # shown only when something awaits moderation

    CommentFactory(consultation=consultation, status=ModerationStatus.PENDING)
    after = figures(client)
    assert after[hidden] == before[hidden]
    assert after[pending] == "1"

    ProposalFactory(consultation=consultation, status=ModerationStatus.REJECTED, moderation_reason="Spam")
    assert figures(client)[hidden] == str(int(before[hidden]) + 1)
