import pytest

from accounts import roles
from consultation.models import ConsultationPage
from tests.factories import UserFactory


@pytest.fixture
def consultation():
    """The demo's open consultation, in the site's main language (where contributions are kept)."""
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


@pytest.fixture
def moderator(client):
    """A moderator, signed in."""
    user = UserFactory(roles=[roles.MODERATORS])
    client.force_login(user)
    return user
