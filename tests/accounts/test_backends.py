"""A person's permissions are looked up once per state of the site's permissions
(accounts/backends.py), so a page no longer asks the database whether its reader may open the admin;
every change to who may do what counts from the next request."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TERMS = "/bg/terms/"
USERBAR = "<wagtail-userbar"


@pytest.fixture(autouse=True)
def shared(settings):
    settings.PAGE_CACHE_SECONDS = 60


def permission_queries(client, path=TERMS):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries if "auth_permission" in query["sql"]]


def test_a_readers_permissions_are_looked_up_once(client):
    client.force_login(UserFactory())
    first, looked_up = permission_queries(client)
    second, again = permission_queries(client)

    assert looked_up
    assert again == []
    assert USERBAR not in second.content.decode()


def test_joining_the_editors_shows_the_userbar_and_opens_the_admin_at_once(client):
    person = UserFactory()
    client.force_login(person)
    assert USERBAR not in client.get(TERMS).content.decode()
    assert client.get("/admin/").status_code == 302

    person.groups.add(Group.objects.get(name=roles.EDITORS))

    assert USERBAR in client.get(TERMS).content.decode()
    assert client.get("/admin/").status_code == 200


def test_leaving_the_editors_closes_the_admin_at_once(client):
    person = UserFactory()
    person.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(person)
    assert client.get("/admin/").status_code == 200

    Group.objects.get(name=roles.EDITORS).user_set.remove(person)

    assert client.get("/admin/").status_code == 302
    assert USERBAR not in client.get(TERMS).content.decode()


def test_a_group_losing_a_permission_loses_it_at_once(client):
    person = UserFactory()
    editors = Group.objects.get(name=roles.EDITORS)
    person.groups.add(editors)
    client.force_login(person)
    assert client.get("/admin/").status_code == 200

    editors.permissions.remove(Permission.objects.get(codename="access_admin"))

    assert client.get("/admin/").status_code == 302


def test_a_person_made_superuser_without_signals_is_one_at_once(client):
    from accounts.models import User

    person = UserFactory()
    client.force_login(person)
    assert client.get("/admin/").status_code == 302

    User.objects.filter(pk=person.pk).update(is_superuser=True)

    assert client.get("/admin/").status_code == 200


def test_a_deactivated_person_has_no_permissions(client):
    from accounts.models import User

    person = UserFactory()
    person.groups.add(Group.objects.get(name=roles.EDITORS))
    person.refresh_from_db()
    assert person.has_perm("wagtailadmin.access_admin")

    User.objects.filter(pk=person.pk).update(is_active=False)
    person.refresh_from_db()

    assert not person.has_perm("wagtailadmin.access_admin")


def test_the_permissions_backend_signs_no_one_in():
    from django.contrib.auth.backends import ModelBackend

    from accounts.backends import SharedPermissionsBackend
    from tests.factories import PASSWORD

    person = UserFactory()
    credentials = {"username": person.get_username(), "password": PASSWORD}

    assert ModelBackend().authenticate(None, **credentials) == person
    assert SharedPermissionsBackend().authenticate(None, **credentials) is None
