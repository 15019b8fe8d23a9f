"""One discussion in every language: what participants add lives on the consultation's original
page (Bulgarian), whichever language version they use, and the models refuse anything else."""

import pytest
from django.core.exceptions import ValidationError

from consultation.models import Comment, ConsultationPage, Follow, Poll
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "action-plan-2026"


def version(language):
    return ConsultationPage.objects.get(slug=OPEN, locale__language_code=language)


def test_a_comment_sent_from_the_farsi_page_is_on_the_bulgarian_one_and_shown_in_french(client, participant):
    client.post(
        version("fa").get_url() + "comment/", {"text": "ساعات کاری بیشتر", "language": "fa", "emails": "no"}
    )

    comment = Comment.objects.get(author=participant)
    assert comment.consultation == version("bg")
    assert "ساعات کاری بیشتر" in client.get(version("fr").get_url()).content.decode()


def test_following_from_the_arabic_page_follows_the_one_consultation(client, participant):
    client.post(version("ar").get_url() + "follow/")
    client.post(version("en").get_url() + "follow/")

    assert list(Follow.objects.filter(user=participant).values_list("consultation", flat=True)) == [
        version("bg").pk
    ]


@pytest.mark.parametrize("language", ["en", "fr", "ar", "fa"])
def test_nothing_can_be_stored_on_a_translation(language):
    with pytest.raises(ValueError, match="original page"):
        Comment.objects.create(consultation=version(language), author=UserFactory(), text="x", language="en")
    with pytest.raises(ValueError, match="original page"):
        Follow.objects.create(consultation=version(language), user=UserFactory())


def test_the_admin_is_told_to_choose_the_original():
    poll = Poll(consultation=version("fa"), question="?", locale=version("bg").locale)

    with pytest.raises(ValidationError) as refusal:
        poll.clean()

    assert "consultation" in refusal.value.message_dict
