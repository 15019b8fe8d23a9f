import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS
from django.test.utils import setup_databases, teardown_databases


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_modify_db_settings, django_db_blocker):
    """Every test sees the demo site of seed_demo (pages in five languages, demo accounts).

    The test database is made even when no test asks for `db`: the browser journeys reach it
    through the live server without that mark (pytest-django would otherwise leave them on the
    development database). Under pytest-xdist (`make test` runs a worker per core) each worker has a
    database of its own: `django_db_modify_db_settings` adds the worker's name to the test
    database's (test_otvoren_grad_gw0, …; SQLite's test database is in memory anyway).
    """
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        call_command("seed_demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    # Uploads and generated PDFs go to the test's own folders, never to the project's.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    # Views are tested without the anonymous page cache; tests/test_page_cache.py turns it on.
    settings.PAGE_CACHE_SECONDS = 0
    # Rate-limit counters live in the cache: every test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def participant(client):
    """A signed-in participant with a verified address."""
    from tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def private_page():
    """The address of the password form of a page made private with "the-page-password"."""
    from wagtail.models import Page, PageViewRestriction

    page = Page.objects.get(slug="terms", locale__language_code="en")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="the-page-password"
    )
    return f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "needs_the_demo: a transactional test that still reads the demo's content, so it runs before "
        "the other transactional tests (each of them empties the database after itself)",
    )


def pytest_collection_modifyitems(items):
    """The order in which tests may run, whatever their files are called.

    First every test that expects the untouched demo (each runs in a transaction rolled back after
    it). Then the browser journeys: the live server commits what they do, so the demo grows. Last
    the transactional tests (`django_db(transaction=True)`): Django empties the database after each
    of them, so those marked `needs_the_demo` come first among them.
    """

    def order(item):
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            return 2 if item.get_closest_marker("needs_the_demo") else 3
        if "e2e" in item.path.parts:
            return 1
        return 0

    items.sort(key=order)
