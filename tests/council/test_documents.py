"""Meeting documents (members only, checked uploads) and meetings scheduled in the council area."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.uploads import validate_document
from council.models import AuditEntry, Meeting, MeetingDocument
from tests.council.helpers import member, officer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_documents_are_for_members_only(client, settings):
    planned = Meeting.objects.get(status="planned")
    document = MeetingDocument.objects.create(
        meeting=planned,
        agenda_item=planned.agenda_items.first(),
        title="Проектопрограма",
        file=SimpleUploadedFile("programa.pdf", b"%PDF-1.7 demo", content_type="application/pdf"),
    )
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))  # so no public URL serves it

    client.force_login(member())
    page = client.get(f"/bg/council/meetings/{planned.pk}/").content.decode()
    assert f"/bg/council/documents/{document.pk}/" in page
    response = client.get(f"/bg/council/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 demo"

    client.force_login(UserFactory())
    assert client.get(f"/bg/council/documents/{document.pk}/").status_code == 403
    client.logout()
    assert client.get(f"/bg/council/documents/{document.pk}/").status_code == 302
    document.file.delete()


def test_each_document_is_listed_once_under_its_agenda_item_or_the_meeting(client):
    planned = Meeting.objects.get(status="planned")
    for title, item in [("Към точка 1", planned.agenda_items.first()), ("Общ", None)]:
        MeetingDocument.objects.create(
            meeting=planned, agenda_item=item, title=title, file=SimpleUploadedFile("d.pdf", b"%PDF-1.7")
        )
    client.force_login(member())

    page = client.get(f"/bg/council/meetings/{planned.pk}/").content.decode()

    assert page.count("Към точка 1") == 1 and page.count("Общ<") == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024)),
    ],
)
def test_only_real_documents_of_the_allowed_kinds_and_size(name, content):
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile(name, content))


def test_allowed_documents_pass_the_check():
    for name, content in [
        ("a.pdf", b"%PDF-1.4"),
        ("b.odt", b"PK\x03\x04rest"),
        ("c.png", b"\x89PNG\r\n\x1a\nrest"),
    ]:
        validate_document(SimpleUploadedFile(name, content))


def test_the_secretary_schedules_a_meeting_with_its_agenda_in_the_council_area(client):
    client.force_login(officer())
    data = {
        "title": "Юнско заседание",
        "starts_at": "2027-06-10T17:00",
        "place": "Бюрото",
        "online_link": "",
        "status": "planned",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-ORDER": "2",
        "agenda-0-title": "Фестивал",
        "agenda-0-description": "",
        "agenda-1-ORDER": "1",
        "agenda-1-title": "Откриване",
        "agenda-1-description": "",
    }

    response = client.post("/bg/council/meetings/new/", data)

    meeting = Meeting.objects.get(title="Юнско заседание")
    assert response["Location"] == f"/bg/council/meetings/{meeting.pk}/"
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Откриване", "Фестивал"]
    assert AuditEntry.objects.filter(meeting=meeting).exists()


def test_the_secretary_uploads_a_document_and_a_wrong_file_is_refused(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(officer())

    client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "Програма", "file": SimpleUploadedFile("p.pdf", b"%PDF-1.7 x")},
    )
    client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "Вирус", "file": SimpleUploadedFile("v.pdf", b"MZ not a pdf")},
    )

    titles = list(planned.documents.values_list("title", flat=True))
    assert titles == ["Програма"]
    planned.documents.get().file.delete()


def test_members_cannot_schedule_meetings_or_upload(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(member())

    assert client.get("/bg/council/meetings/new/").status_code == 403
    assert client.get(f"/bg/council/meetings/{planned.pk}/edit/").status_code == 403
    response = client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "x", "file": SimpleUploadedFile("p.pdf", b"%PDF")},
    )
    assert response.status_code == 403 and not planned.documents.exists()
