"""Uploaded files are checked by their content, not only by their name, and Wagtail's documents
are kept where no address reaches them."""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
SIGNATURES = {
    "pdf": [b"%PDF"],
    "docx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
}


def validate_document(upload):
    """The kinds of files the city and the council publish, checked by their content, at most 10 MB."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(_("The file is larger than 10 MB."))
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in SIGNATURES:
        raise ValidationError(_("Only PDF, DOCX, ODT, PNG and JPEG files can be added."))
    start = upload.read(8)
    upload.seek(0)
    if not any(start.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(_("The file's content does not match its type."))


def validate_upload(file):
    """For form fields that also see the already stored file when nothing new is uploaded."""
    if isinstance(file, UploadedFile):
        validate_document(file)


# Wagtail's documents (upload_to="documents") and the files its multiple uploader holds until
# their form is complete (upload_to="wagtail_uploads").
PRIVATE_FOLDERS = {"documents", "wagtail_uploads"}


def _delegated(method):
    def delegated(self, name, *args, **kwargs):
        return getattr(self.backend(name), method)(name, *args, **kwargs)

    delegated.__name__ = method
    return delegated


@deconstructible(path="cms.uploads.MediaStorage")
class MediaStorage(Storage):
    """The default storage: public media ("public" in STORAGES), except Wagtail's documents, which
    are kept in the "private" storage with the council's files. Wagtail saves documents with the
    default storage and has no setting for another; a collection's privacy holds only if no URL
    reaches the file, so that Wagtail's serve view, which checks it, is the only way to it."""

    def backend(self, name):
        parts = PurePosixPath(str(name).replace("\\", "/")).parts
        return storages["private" if parts and parts[0] in PRIVATE_FOLDERS else "public"]

    def url(self, name):
        backend = self.backend(name)
        if backend is storages["private"]:
            raise NotImplementedError("Documents have no address of their own: Wagtail's view serves them.")
        return backend.url(name)

    open = _delegated("open")
    save = _delegated("save")
    generate_filename = _delegated("generate_filename")
    get_available_name = _delegated("get_available_name")
    path = _delegated("path")
    delete = _delegated("delete")
    exists = _delegated("exists")
    listdir = _delegated("listdir")
    size = _delegated("size")
    get_accessed_time = _delegated("get_accessed_time")
    get_created_time = _delegated("get_created_time")
    get_modified_time = _delegated("get_modified_time")
