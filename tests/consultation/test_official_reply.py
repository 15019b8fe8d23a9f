"""The city's official reply is a reply like any other: its author is emailed, and, like every
answer of the city, it is refused once the consultation's report is published."""

import pytest
from django.core import mail
from django.utils import timezone, translation

from accounts import roles
from consultation.answers import FROZEN
from consultation.models import Comment, ConsultationPage, ConsultationReport
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


@pytest.fixture
def comment(consultation, participant, client):
    comment, _created = CommentFactory.build(author=None).submit(consultation, participant, follow=True)
    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    return comment


def reply(client, comment, text):
    return client.post(
        f"/admin/moderate_comments/edit/{comment.pk}/",
        {"status": "published", "moderation_reason": "", "official_answer": text, "answer_language": "fa"},
    )


def test_the_author_is_emailed_when_the_city_replies(client, comment, participant):
    mail.outbox.clear()

    reply(client, comment, "از پیشنهاد شما سپاسگزاریم.")

    official = Comment.objects.get(parent=comment, is_official=True)
    assert official.language == "fa" and official.is_public
    assert [message.to for message in mail.outbox] == [[participant.email]]


def test_no_official_reply_once_the_report_is_published(client, comment, consultation):
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())
    mail.outbox.clear()

    response = reply(client, comment, "Късен отговор.")

    assert response.status_code == 200  # the form again, with the reason
    with translation.override("bg"):  # the admin speaks the moderator's language
        assert str(FROZEN) in response.content.decode()
    assert not Comment.objects.filter(parent=comment, is_official=True).exists()
    assert mail.outbox == []
