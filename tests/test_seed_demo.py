import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "participant@example.org",
    "moderator@example.org",
    "editor@example.org",
    "publisher@example.org",
    "chair@example.org",
    "secretary@example.org",
} | {f"member{n}@example.org" for n in range(1, 8)}


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("locale__language_code", "url_path", "title", "live")),
        "revisions": Revision.objects.count(),
        "users": sorted(
            (user.email, user.display_name, tuple(sorted(user.groups.values_list("name", flat=True))))
            for user in get_user_model().objects.all()
        ),
        "emails": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
    }


def test_seed_demo_twice_gives_the_same_data():
    # The session's database was seeded once already (conftest); seed again and compare.
    before = snapshot()

    call_command("seed_demo", verbosity=0)

    assert snapshot() == before


def test_demo_accounts_can_sign_in_with_the_documented_password(client):
    users = get_user_model().objects.filter(email__in=DEMO_EMAILS)
    assert users.count() == len(DEMO_EMAILS)

    response = client.post(
        "/bg/accounts/login/", {"login": "moderator@example.org", "password": "otvoren-grad-demo"}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_each_locale_has_its_own_translated_page_tree():
    titles = {
        code: set(
            Page.objects.filter(locale__language_code=code, depth__gte=2).values_list("title", flat=True)
        )
        for code in ["bg", "en", "fr", "ar", "fa"]
    }

    assert len(titles["bg"]) == 15
    assert all(len(pages) == len(titles["bg"]) for pages in titles.values())
    assert all(titles["bg"].isdisjoint(titles[code]) for code in ["en", "fr", "ar", "fa"])


def test_seed_demo_refuses_to_run_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
