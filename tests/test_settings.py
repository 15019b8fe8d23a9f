"""Production settings: secrets from the environment and `check --deploy` without a warning."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(  # noqa: S603 -- manage.py with the test's own arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x" * 20 + "a-production-secret-that-is-long-enough-0123456789",
    "BALLOT_SECRET": "a-production-ballot-secret-0123456789",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "otvoren-grad.sofia.bg",
    "BASE_URL": "https://otvoren-grad.sofia.bg",
}


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_https_address():
    result = run_manage("check", **{**PRODUCTION, "BASE_URL": "http://127.0.0.1:8000"})

    assert result.returncode != 0
    assert "BASE_URL" in result.stderr


@pytest.mark.parametrize(
    "place, image_origin",
    [
        ({"S3_CUSTOM_DOMAIN": "media.otvoren-grad.sofia.bg/public"}, "https://media.otvoren-grad.sofia.bg"),
        ({"S3_REGION": "eu-central-1"}, "https://city-media.s3.eu-central-1.amazonaws.com"),
        ({"S3_ENDPOINT_URL": "https://s3.example.net"}, "https://city-media.s3.example.net"),
    ],
)
def test_production_serves_media_from_object_storage_when_configured(place, image_origin):
    result = run_manage(
        "shell",
        "-c",
        "from django.core.files.storage import storages; from django.conf import settings;"
        "print(type(storages['public']).__name__, storages['private'].bucket_name,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        **PRODUCTION,
        MEDIA_STORAGE="s3",
        S3_BUCKET="city-media",
        S3_PRIVATE_BUCKET="council-documents",
        **place,
    )

    assert result.returncode == 0, result.stderr
    assert "S3Storage council-documents" in result.stdout
    assert f"'{image_origin}'" in result.stdout  # the origin alone: a path would block images


def test_production_keeps_wagtail_documents_in_the_private_bucket():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.documents.models import Document; from wagtail.images.models import Image;"
        "document, image = Document._meta.get_field('file'), Image._meta.get_field('file');"
        "name = document.generate_filename(None, 'minutes.pdf');"
        "print(document.storage.backend(name).bucket_name,"
        " image.storage.backend('original_images/map.png').bucket_name)\n"
        "try: document.storage.url(name)\n"
        "except NotImplementedError: print('no address')",
        **PRODUCTION,
        MEDIA_STORAGE="s3",
        S3_BUCKET="city-media",
        S3_PRIVATE_BUCKET="council-documents",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["council-documents", "city-media", "no", "address"]


def test_the_cache_is_a_real_one_for_rate_limits():
    assert settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.dummy.DummyCache"
