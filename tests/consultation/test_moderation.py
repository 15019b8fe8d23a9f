"""Reports of abuse by participants, and the moderators' queue in the admin."""

import pytest
from bs4 import BeautifulSoup
from wagtail.users.models import UserProfile

from accounts import roles
from consultation.models import AbuseReport, Comment, ModerationStatus, Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"
QUEUE = "/admin/moderate_comments/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def comment(consultation):
    return Comment.objects.filter(consultation=consultation, parent__isnull=True).first()


def moderate(client, comment, **data):
    return client.post(
        f"{QUEUE}edit/{comment.pk}/",
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "",
            "answer_language": "bg",
            **data,
        },
    )


def test_a_participant_reports_a_comment_once(client, comment):
    client.force_login(UserFactory())

    client.post(f"{OPEN}comments/{comment.pk}/report/", {"reason": "Обидно е."})
    client.post(f"{OPEN}comments/{comment.pk}/report/", {"reason": "Пак."})

    assert AbuseReport.objects.filter(comment=comment).count() == 1


def test_a_report_needs_a_reason(client, comment):
    client.force_login(UserFactory())

    response = client.post(f"{OPEN}comments/{comment.pk}/report/", {"reason": ""})

    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert '<textarea name="reason"' in response.content.decode()  # the form again, with its error
    assert not AbuseReport.objects.filter(comment=comment).exists()


def test_anonymous_visitors_cannot_report(client, comment):
    response = client.post(f"{OPEN}comments/{comment.pk}/report/", {"reason": "x"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AbuseReport.objects.exists()


def test_proposals_can_be_reported_too(client, consultation):
    proposal = Proposal.objects.filter(consultation=consultation).first()
    client.force_login(UserFactory())

    client.post(f"{OPEN}proposals/{proposal.pk}/report/", {"reason": "Реклама."})

    assert AbuseReport.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize("role", [None, roles.EDITORS, roles.COUNCIL_MEMBERS])
@pytest.mark.parametrize("url", [QUEUE, "/admin/moderate_proposals/"])
def test_only_moderators_reach_the_queue(client, role, url):
    client.force_login(UserFactory(roles=[role] if role else []))

    assert client.get(url).status_code in (302, 403)


def test_the_queue_filters_reported_and_unread_items(client, moderator, comment):
    AbuseReport.objects.create(comment=comment, reporter=UserFactory(), reason="Спам")

    reported = client.get(QUEUE, {"reported": "true"})

    assert f"/edit/{comment.pk}/" in reported.content.decode()
    assert len(soup(reported).select("tbody tr")) == 1
    assert client.get(QUEUE, {"unread": "true"}).status_code == 200


def test_the_queue_counts_abuse_reports_under_their_own_name(client, moderator, comment):
    """The outcome report is Moderation → Reports; the abuse reports are counted in a column of
    their own name."""
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    for reporter in UserFactory.create_batch(2):
        AbuseReport.objects.create(comment=comment, reporter=reporter, reason="Спам")

    page = soup(client.get(QUEUE, {"reported": "true"}))

    headers = [cell.get_text(strip=True) for cell in page.select("thead th")]
    cells = [cell.get_text(strip=True) for cell in page.select("tbody tr:first-child > *")]
    assert "Reports" not in headers
    assert cells[headers.index("Abuse reports")] == "2"


def test_hiding_needs_a_reason_and_shows_it_to_the_public(client, moderator, comment):
    response = moderate(client, comment, status="hidden")
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.PUBLISHED

    moderate(client, comment, status="hidden", moderation_reason="Лични данни")

    comment.refresh_from_db()
    assert comment.status == ModerationStatus.HIDDEN and comment.reviewed_at
    client.logout()
    node = soup(client.get(OPEN)).find(id=f"comment-{comment.pk}")
    assert "Лични данни" in node.get_text() and comment.text not in node.get_text()


def test_approving_a_pending_comment_publishes_it(client, moderator, comment):
    Comment.objects.filter(pk=comment.pk).update(status=ModerationStatus.PENDING)
    client.logout()
    assert comment.text not in client.get(OPEN).content.decode()

    client.force_login(moderator)
    moderate(client, comment, status="published")
    client.logout()

    assert comment.text in client.get(OPEN).content.decode()


def test_an_official_answer_is_highlighted_on_the_page(client, moderator, comment):
    moderate(client, comment, official_answer="Благодарим, ще го включим.")

    answer = Comment.objects.get(is_official=True, parent=comment)
    node = soup(client.get(OPEN)).find(id=f"comment-{answer.pk}")
    assert "official" in node["class"]
    assert "Благодарим, ще го включим." in node.get_text()


def test_a_proposal_gets_an_outcome_and_an_answer(client, moderator, consultation):
    proposal = Proposal.objects.filter(consultation=consultation).first()

    client.post(
        f"/admin/moderate_proposals/edit/{proposal.pk}/",
        {"status": "published", "moderation_reason": "", "outcome": "partly_accepted", "answer": "Частично."},
    )

    proposal.refresh_from_db()
    assert proposal.outcome == Proposal.Outcome.PARTLY_ACCEPTED and proposal.answered_at
    node = soup(client.get(OPEN)).find(id=f"proposal-{proposal.pk}")
    assert "Частично." in node.select_one(".official-answer").get_text()


def test_moderators_cannot_delete_contributions(client, moderator, comment):
    client.post(f"{QUEUE}delete/{comment.pk}/")

    assert Comment.objects.filter(pk=comment.pk).exists()
