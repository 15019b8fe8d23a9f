"""The Wagtail admin: reached only by staff, through allauth's login, in Bulgarian too."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from accounts import roles
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/users/", "/admin/snippets/"])
def test_anonymous_visitors_are_sent_to_the_allauth_login(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="bg")

    assert response.status_code == 302
    assert response["Location"].startswith("/bg/accounts/login/?next=")


def test_the_admin_login_url_is_allauths(client):
    response = client.get("/admin/login/?next=/admin/pages/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/login/?next=/admin/pages/"


def test_admin_login_is_rate_limited_like_any_login(client):
    editor = UserFactory(roles=[roles.EDITORS])
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    for _attempt in range(5):
        client.post(login_url, {"login": editor.email, "password": "wrong"})

    client.post(login_url, {"login": editor.email, "password": PASSWORD})

    assert client.get("/admin/").status_code == 302


def test_an_editor_signs_in_through_allauth_and_reaches_the_admin(client):
    editor = UserFactory(roles=[roles.EDITORS])
    login_url = client.get("/admin/login/?next=/admin/", HTTP_ACCEPT_LANGUAGE="en")["Location"]

    response = client.post(login_url, {"login": editor.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [None, roles.COUNCIL_MEMBERS])
def test_people_without_admin_access_are_refused(client, role):
    client.force_login(UserFactory(roles=[role] if role else []))

    response = client.get("/admin/pages/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    # The login page explains why instead of bouncing back to the admin.
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "You do not have permission to access the admin." in page.content.decode()


@pytest.mark.parametrize(
    "role", [roles.EDITORS, roles.PUBLISHERS, roles.MODERATORS, roles.COUNCIL_SECRETARIAT]
)
def test_staff_roles_reach_the_admin(client, role):
    client.force_login(UserFactory(roles=[role]))

    assert client.get("/admin/").status_code == 200


def test_bulgarian_is_offered_as_admin_language(client):
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    response = client.get("/admin/account/")

    assert response.status_code == 200
    assert '<option value="bg"' in response.content.decode()


def test_roles_and_locales_come_from_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        roles.EDITORS,
        roles.PUBLISHERS,
        roles.MODERATORS,
        roles.COUNCIL_MEMBERS,
        roles.COUNCIL_SECRETARIAT,
    }
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"bg", "en", "fr", "ar", "fa"}


def test_publishers_approve_pages_in_the_workflow():
    from wagtail.models import Page

    workflow = Page.objects.get(depth=2, locale__language_code="bg").get_workflow()

    assert workflow is not None
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.PUBLISHERS]


def test_editors_maintain_indicators_and_participants_cannot(client):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get("/admin/snippets/cms/indicator/").status_code == 200

    client.force_login(UserFactory())
    assert client.get("/admin/snippets/cms/indicator/").status_code == 302


def test_editors_write_polls_and_moderators_cannot(client):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get("/admin/snippets/consultation/poll/").status_code == 200

    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    assert client.get("/admin/snippets/consultation/poll/").status_code == 302


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("plan.pdf", b"%PDF-1.7 a real start", True),
        ("plan.pdf", b"<html><script>alert(1)</script></html>", False),
        ("plan.exe", b"MZ\x90\x00", False),
    ],
)
def test_documents_editors_upload_are_checked_by_their_content(client, name, content, accepted):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    client.force_login(UserFactory(roles=[roles.EDITORS]))

    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Plan",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert Document.objects.filter(title="Plan").exists() == accepted
    if not accepted:
        assert response.status_code == 200 and "error" in response.content.decode()
