"""Wagtail's documents live in the private storage: only Wagtail's serve view, which checks the
collection's privacy, hands them out; no address under MEDIA_URL reaches them."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from accounts import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.7 internal minutes"


@pytest.fixture
def internal():
    """A collection only signed-in people may read."""
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def private_path(name):
    return Path(settings.STORAGES["private"]["OPTIONS"]["location"]) / name


def from_media_url(name):
    """What `/media/<name>` answers in development (cms/urls.py serves MEDIA_ROOT when DEBUG)."""
    try:
        return serve(RequestFactory().get(f"/media/{name}"), name, document_root=settings.MEDIA_ROOT)
    except Http404:
        return None


def test_an_editors_upload_is_kept_out_of_the_public_media(client, internal):
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    client.post(
        "/admin/documents/add/",
        {"title": "Minutes", "file": SimpleUploadedFile("minutes.pdf", CONTENT), "collection": internal.pk},
    )

    document = Document.objects.get(title="Minutes")
    assert private_path(document.file.name).read_bytes() == CONTENT
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    assert from_media_url(document.file.name) is None
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018 -- no address of its own
    assert document.url == f"/documents/{document.pk}/minutes.pdf"


def test_a_restricted_document_is_served_only_to_those_it_is_for(client, internal):
    document = Document.objects.create(
        title="Minutes", file=ContentFile(CONTENT, name="minutes.pdf"), collection=internal
    )

    response = client.get(document.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404
    assert from_media_url(document.file.name) is None

    client.force_login(UserFactory())
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT


def test_deleting_a_document_deletes_its_private_file(internal, django_capture_on_commit_callbacks):
    document = Document.objects.create(
        title="Minutes", file=ContentFile(CONTENT, name="minutes.pdf"), collection=internal
    )
    stored = private_path(document.file.name)
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        document.delete()

    assert not stored.exists()


def test_documents_uploaded_before_move_to_the_private_storage():
    migration = importlib.import_module("cms.migrations.0007_documents_in_private_storage")
    name = storages["public"].save("documents/old.pdf", ContentFile(CONTENT))
    document = Document.objects.create(title="Old", file=name)

    migration.move_to_private_storage(apps, None)

    document.refresh_from_db()
    assert not storages["public"].exists(name)
    assert private_path(document.file.name).read_bytes() == CONTENT
    assert document.file.read() == CONTENT


@pytest.mark.parametrize("earlier_copy", [CONTENT, b"%PDF-1.4 another file"])
def test_a_file_an_earlier_run_copied_leaves_the_public_storage_too(earlier_copy):
    migration = importlib.import_module("cms.migrations.0007_documents_in_private_storage")
    name = storages["public"].save("documents/twice.pdf", ContentFile(CONTENT))
    storages["private"].save(name, ContentFile(earlier_copy))
    document = Document.objects.create(title="Twice", file=name)

    migration.move_to_private_storage(apps, None)

    document.refresh_from_db()
    assert not storages["public"].exists(name)
    assert private_path(document.file.name).read_bytes() == CONTENT


def test_images_stay_public():
    name = storages["default"].save("original_images/map.png", ContentFile(b"\x89PNG\r\n\x1a\n"))

    assert (Path(settings.MEDIA_ROOT) / name).exists()
    assert storages["default"].url(name) == f"{settings.MEDIA_URL}{name}"
