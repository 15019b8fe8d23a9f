"""Uploaded files are checked by their content, not only by their name."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
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
