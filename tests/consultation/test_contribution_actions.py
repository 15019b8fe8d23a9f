"""The actions shown beside a contribution belong to its reader: its author edits and deletes,
others may report abuse, and a text whose author erased their account is nobody's."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from accounts import personal_data
from consultation.models import ConsultationPage
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


def actions(client, consultation, comment):
    page = BeautifulSoup(client.get(consultation.get_url()).content, "html.parser")
    return [link.get_text(strip=True) for link in page.select(f"#comment-{comment.pk} .comment-actions a")]


def test_nobody_is_offered_to_edit_the_comment_of_an_erased_account(client, consultation):
    author = UserFactory()
    comment = CommentFactory(consultation=consultation, author=author, text="Кратък коментар.")
    personal_data.erase(author)

    shown = actions(client, consultation, comment)  # an anonymous reader

    with translation.override("bg"):
        assert shown == [gettext("Reply"), gettext("Report abuse")]


def test_the_author_edits_and_others_report(client, consultation):
    author = UserFactory()
    comment = CommentFactory(consultation=consultation, author=author)

    client.force_login(author)
    own = actions(client, consultation, comment)
    client.force_login(UserFactory())
    other = actions(client, consultation, comment)

    with translation.override("bg"):
        assert own == [gettext("Reply"), gettext("Edit"), gettext("Delete")]
        assert other == [gettext("Reply"), gettext("Report abuse")]
