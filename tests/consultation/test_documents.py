"""The draft's documents (Law on Normative Acts, art. 26(3)): listed on the consultation's page and
in its report (page and PDF) in every language, each title in its own language; the same list in
every translation; never a document the reader may not open, nor one of a page they may not open."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import translation
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts import roles
from cms.formats import format_file_size
from cms.management.commands.seed_demo import Command, load_demo_content, text_pairs
from consultation.demo import DOCUMENTS
from consultation.models import ConsultationDocument, ConsultationPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "action-plan-2026"
CLOSED = "bureau-services-2026"
LANGUAGES = ["bg", "en", "fr", "ar", "fa"]


def consultation(slug, language="bg"):
    return ConsultationPage.objects.get(slug=slug, locale__language_code=language)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    """The documents a page lists: (kind, title, its link, the link's lang and dir, the file's line)."""
    return [
        (
            item.select_one(".document-kind").get_text(strip=True),
            item.a.get_text(strip=True),
            item.a["href"],
            item.a["lang"],
            item.a["dir"],
            " ".join(item.select_one(".document-file").get_text().split()),
        )
        for item in soup(response).select(".document-list li")
    ]


def pdf_text(response):
    """The PDF's text, and the addresses it links to."""
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    return " ".join(page.extract_text() for page in reader.pages), links


def new_document(title, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node(), file_size=2_500_000
    )
    document.file.save("annex.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    document.save()
    return document


def add_to_page(page, document, title, kind=ConsultationDocument.Kind.ANNEX, language="bg"):
    """As an editor does: a new revision of the Bulgarian page, published."""
    page = page.get_latest_revision_as_object()
    page.documents.add(ConsultationDocument(document=document, title=title, kind=kind, language=language))
    page.save_revision().publish()


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_lists_the_originals_documents_each_title_in_its_own_language(client, code):
    response = client.get(consultation(OPEN, code).get_url())

    documents = ConsultationDocument.objects.filter(page=consultation(OPEN)).select_related("document")
    assert len(documents) == len(DOCUMENTS[OPEN]) == 4
    with translation.override(code):
        expected = [
            (
                str(item.get_kind_display()),
                item.title,
                item.document.url,
                item.language,
                "ltr",
                " ".join(format_file_size(item.document.file_size).split()),  # as `listed` reads it
            )
            for item in documents
        ]
    rows = listed(response)
    assert [row[:5] for row in rows] == [row[:5] for row in expected]
    assert all(size in row[5] and "PDF" in row[5] for row, (*_, size) in zip(rows, expected, strict=True))
    assert {row[3] for row in rows} == {"bg", "en"}  # the annex in English
    # A list, not a table: it fits a phone's width in Farsi as in Bulgarian.
    assert not soup(response).select("#documents table")


def test_a_document_in_another_language_than_the_pages_says_which(client):
    with translation.override("bg"):
        english = translation.gettext("in %(language)s") % {
            "language": translation.get_language_info("en")["name_translated"]
        }

    rows = listed(client.get(consultation(OPEN).get_url()))

    assert [english in row[5] for row in rows] == [False, False, False, True]


def test_the_documents_open_through_wagtails_document_view(client):
    item = ConsultationDocument.objects.filter(page=consultation(OPEN)).select_related("document").first()
    document = new_document("Проект")
    ConsultationDocument.objects.filter(pk=item.pk).update(document=document)

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("code", ["bg", "fa"])
def test_the_report_lists_the_documents_on_its_page_and_in_its_pdf(client, settings, code):
    page = consultation(CLOSED, code)
    documents = ConsultationDocument.objects.filter(page=consultation(CLOSED)).select_related("document")

    report = client.get(page.get_url() + "report/")
    pdf, links = pdf_text(client.get(f"/{code}/consultations/{CLOSED}/report.pdf"))

    assert [row[1] for row in listed(report)] == [item.title for item in documents]
    assert all(" ".join(item.title.split()[:3]) in pdf for item in documents)
    # A PDF is read away from the site: its links carry the site's address.
    site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert {f"{site}{item.document.url}" for item in documents} <= set(links)


def test_a_translation_lists_a_new_document_at_once_and_its_sync_neither_copies_nor_drops_it(client):
    bulgarian = consultation(OPEN)
    french = Locale.objects.get(language_code="fr")
    add_to_page(bulgarian, new_document("Приложение 2"), "Приложение 2: Карта на районите")

    before_sync = [row[1] for row in listed(client.get(consultation(OPEN, "fr").get_url()))]
    content = load_demo_content()
    texts = dict(text_pairs(content["bg"], content["fr"]))
    for _twice in range(2):  # the demo's translation path, as a translator's sync does it
        Command().translate(consultation(OPEN), french, texts, update=True)
    after_sync = [row[1] for row in listed(client.get(consultation(OPEN, "fr").get_url()))]

    assert before_sync == after_sync
    assert len(after_sync) == 5 and after_sync.count("Приложение 2: Карта на районите") == 1
    assert ConsultationDocument.objects.filter(page=bulgarian).count() == 5
    # wagtail-localize keeps a copy on the translation, replaced at each sync, never added to.
    assert ConsultationDocument.objects.filter(page=consultation(OPEN, "fr")).count() == 5


@pytest.fixture
def private_annex():
    """The open consultation's English annex, moved to a collection only signed-in people open."""
    collection = Collection.get_first_root_node().add_child(name="Вътрешни документи")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    item = ConsultationDocument.objects.get(page=consultation(OPEN), language="en")
    item.document.collection = collection
    item.document.save()
    return item


def test_a_document_in_a_private_collection_is_not_listed_to_who_may_not_open_it(client, private_annex):
    url = consultation(OPEN, "en").get_url()

    anonymous = client.get(url)
    opened = client.get(private_annex.document.url)
    client.force_login(UserFactory())
    signed_in = client.get(url)

    assert private_annex.title not in anonymous.content.decode()
    assert private_annex.document.url not in anonymous.content.decode()
    assert len(listed(anonymous)) == 3
    assert opened.status_code == 302 and "/accounts/login/" in opened["Location"]
    assert private_annex.title in [row[1] for row in listed(signed_in)]


def test_a_group_collection_shows_its_document_to_the_group_only(client):
    collection = Collection.get_first_root_node().add_child(name="Редакция")
    restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.add(Group.objects.get(name=roles.EDITORS))
    item = ConsultationDocument.objects.filter(page=consultation(OPEN)).select_related("document").first()
    item.document.collection = collection
    item.document.save()
    url = consultation(OPEN, "fa").get_url()

    client.force_login(UserFactory())
    participant = [row[1] for row in listed(client.get(url))]
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    editor = [row[1] for row in listed(client.get(url))]

    assert item.title not in participant and item.title in editor


def test_the_report_and_its_pdf_leave_a_private_document_out(client):
    collection = Collection.get_first_root_node().add_child(name="Вътрешни")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="password", password="x")
    item = ConsultationDocument.objects.get(page=consultation(CLOSED), language="en")
    item.document.collection = collection
    item.document.save()
    client.force_login(UserFactory())

    report = client.get(consultation(CLOSED, "en").get_url() + "report/")
    pdf, _links = pdf_text(client.get(f"/en/consultations/{CLOSED}/report.pdf"))

    assert item.title not in report.content.decode() and len(listed(report)) == 3
    assert "Visitors of the Bureau" not in pdf and "Partial preliminary" in pdf


def test_making_a_collection_private_takes_its_document_out_of_the_cached_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    url = consultation(OPEN, "en").get_url()
    item = ConsultationDocument.objects.get(page=consultation(OPEN), language="en")
    assert item.title in client.get(url).content.decode()  # now in the cache

    collection = Collection.get_first_root_node().add_child(name="Скрити")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    item.document.collection = collection
    item.document.save()

    assert item.title not in client.get(url).content.decode()


@pytest.mark.parametrize("door", ["", "report/", "report.pdf"])
def test_a_private_consultations_documents_are_as_private_as_the_page(client, door):
    page = consultation(CLOSED, "en")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    path = page.get_url() + door if door != "report.pdf" else f"/en/consultations/{CLOSED}/report.pdf"

    response = client.get(path)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    titles = [title for _kind, _language, title, _file in DOCUMENTS[CLOSED]]
    assert not any(title in response.content.decode() for title in titles)
    index = client.get("/en/consultations/").content.decode()
    assert not any(title in index for title in titles)


def test_the_page_runs_the_same_queries_for_4_and_12_documents(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bulgarian = consultation(OPEN)
    url = consultation(OPEN, "ar").get_url()
    client.get(url)
    with CaptureQueriesContext(connection) as with_four:
        client.get(url)
    documents = [new_document(f"Приложение {n}") for n in range(8)]
    ConsultationDocument.objects.bulk_create(
        ConsultationDocument(page=bulgarian, document=document, title=document.title, kind="annex")
        for document in documents
    )

    with django_assert_num_queries(len(with_four)):
        assert len(listed(client.get(url))) == 12


def test_an_editor_adds_a_document_in_the_pages_editing_form(client):
    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))
    document = new_document("Мотиви")
    index = consultation(OPEN).get_parent()
    data = nested_form_data(
        {
            "title": "Транспорт",
            "slug": "transport-2027",
            "summary": rich_text("<p>Проект.</p>"),
            "opens_at": "2027-03-01 10:00",
            "closes_at": "2027-04-05 10:00",
            "short_period_reason": "",
            "moderation": "after",
            "announcement": rich_text(""),
            "sections": inline_formset([]),
            "documents": inline_formset(
                [
                    {
                        "document": document.pk,
                        "title": "Мотиви към проекта",
                        "kind": "motives",
                        "language": "bg",
                    }
                ]
            ),
            "action-publish": "action-publish",
        }
    )

    response = client.post(f"/admin/pages/add/consultation/consultationpage/{index.pk}/", data)

    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="transport-2027", locale__language_code="bg")
    assert [(item.title, item.kind, item.document_id) for item in page.documents.all()] == [
        ("Мотиви към проекта", "motives", document.pk)
    ]
