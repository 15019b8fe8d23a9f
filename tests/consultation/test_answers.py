"""The city's answers: the moderation form and "Answer in bulk" are one operation (emails, dates,
the page cache, the refusal once the report is published)."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import Client
from django.utils import timezone, translation

from consultation.answers import FROZEN, answer_contributions
from consultation.models import ConsultationReport, Follow, Proposal
from tests.factories import ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

BULK = "/admin/answer-contributions/?consultation={pk}"
EDIT = "/admin/moderate_proposals/edit/{pk}/"


def proposals_by(consultation, *authors):
    """One unanswered proposal per author given, each author following the consultation."""
    for author in set(authors):
        Follow.objects.get_or_create(user=author, consultation=consultation)
    return [ProposalFactory(consultation=consultation, author=author) for author in authors]


def answer_one(client, proposal, answer="Частично прието."):
    return client.post(
        EDIT.format(pk=proposal.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "outcome": proposal.outcome,
            "taken_into_account": "partly",
            "answer": answer,
        },
    )


def answer_in_bulk(client, proposals, answer="Частично прието."):
    return client.post(
        BULK.format(pk=proposals[0].consultation_id),
        {
            "proposals": [proposal.pk for proposal in proposals],
            "taken_into_account": "partly",
            "answer": answer,
        },
    )


DOORS = {
    "one by one": lambda client, proposals: [answer_one(client, p) for p in proposals][-1],
    "in bulk": answer_in_bulk,
}


def emails_by_recipient():
    return sorted(message.to[0] for message in mail.outbox)


def test_a_bulk_answer_emails_every_author_as_single_answers_do(client, moderator, consultation):
    first, second = UserFactory(), UserFactory()
    one_by_one = proposals_by(consultation, first, first, second)
    in_bulk = proposals_by(consultation, first, first, second)

    for proposal in one_by_one:
        answer_one(client, proposal)
    single = emails_by_recipient()
    mail.outbox.clear()
    answer_in_bulk(client, in_bulk)

    assert emails_by_recipient() == single == sorted([first.email, first.email, second.email])
    for proposal in in_bulk:
        # Each email names its own proposal, to that proposal's author.
        linked = [message.to for message in mail.outbox if f"#proposal-{proposal.pk}\n" in message.body]
        assert linked == [[proposal.author.email]]
        proposal.refresh_from_db()
        assert proposal.taken_into_account == "partly" and proposal.answer == "Частично прието."
        assert proposal.answered_at and proposal.reviewed_at


@pytest.mark.parametrize("door", DOORS)
def test_an_answer_is_on_the_cached_public_page_at_once(client, moderator, consultation, settings, door):
    settings.PAGE_CACHE_SECONDS = 60
    visitor = Client()
    proposals = proposals_by(consultation, UserFactory(), UserFactory())
    assert "Частично прието." not in visitor.get("/bg/consultations/action-plan-2026/").content.decode()

    DOORS[door](client, proposals)

    page = visitor.get("/bg/consultations/action-plan-2026/").content.decode()
    assert "Частично прието." in page


@pytest.mark.parametrize("door", DOORS)
def test_answers_are_refused_with_the_reason_once_the_report_is_published(
    client, moderator, consultation, door
):
    author = UserFactory()
    proposals = proposals_by(consultation, author, author)
    # Published while the moderator's form was open.
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    response = DOORS[door](client, proposals)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(NON_FIELD_ERRORS, "frozen")
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert str(FROZEN) in response.content.decode()
    assert "Частично прието." in response.content.decode()  # what was typed comes back
    if door == "in bulk":
        chosen = BeautifulSoup(response.content, "html.parser").select('input[name="proposals"][checked]')
        assert {box["value"] for box in chosen} == {str(proposal.pk) for proposal in proposals}
    assert mail.outbox == []
    for proposal in proposals:
        proposal.refresh_from_db()
        assert proposal.answer == "" and proposal.answered_at is None


def test_moderation_goes_on_after_publication_without_touching_the_answers(client, moderator, consultation):
    proposal = proposals_by(consultation, UserFactory())[0]
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    # The published form shows the answer fields disabled: the browser does not send them.
    client.post(
        EDIT.format(pk=proposal.pk),
        {"status": "hidden", "moderation_reason": "Реклама", "outcome": "submitted"},
    )

    proposal.refresh_from_db()
    assert proposal.status == "hidden" and proposal.answered_at is None and mail.outbox == []


def test_the_operation_itself_refuses_a_published_report(consultation):
    proposal = proposals_by(consultation, UserFactory())[0]
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    with pytest.raises(ValidationError):
        answer_contributions([proposal], "taken", "Прието.")

    assert Proposal.objects.get(pk=proposal.pk).answer == ""
