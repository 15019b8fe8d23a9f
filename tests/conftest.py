import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test sees the demo site of seed_demo (pages in five languages, demo accounts)."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _isolated(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    # Rate-limit counters live in the cache: every test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client
