"""The report's PDF laid out in parts and joined (cms.pdf_parts): for its reader one document, with
its pages numbered through, its running title, a contents whose pages and links are right, its
bookmarks, every contribution once, and one structure tree for screen readers."""

import concurrent.futures
import io
import re
from unittest import mock

import pytest
from pypdf import PdfReader
from wagtail.models import Locale

from consultation.models import ConsultationPage, ConsultationReport, ReportCorrection
from consultation.pdf import ReportPdf
from consultation.report import ConsultationReportData

pytestmark = pytest.mark.django_db

CLOSED = "/{code}/consultations/bureau-services-2026/report.pdf"


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")


@pytest.fixture
def in_parts(settings, closed):
    """Ten rows a part, so the demo's report is laid out in several (one after the other), and a
    correction at the end."""
    settings.PDF_ROWS_PER_PART = 10
    settings.PDF_LAYOUT_PROCESSES = 1
    ReportCorrection.objects.create(
        report=ConsultationReport.objects.get(consultation=closed), text="Поправка: сряда, не четвъртък."
    )


def reader_of(client, code):
    response = client.get(CLOSED.format(code=code))
    assert response.status_code == 200
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def starting_page(reader, name):
    return reader.get_destination_page_number(reader.named_destinations[name]) + 1


def public_numbers(closed):
    from django.contrib.auth.models import AnonymousUser

    report = ConsultationReport.objects.get(consultation=closed)
    return [row.number for row in ConsultationReportData(closed, AnonymousUser(), report).table]


def test_the_pages_are_numbered_through_under_the_running_title(client, in_parts):
    reader = reader_of(client, "bg")
    total = len(reader.pages)

    texts = [page.extract_text() for page in reader.pages]
    assert total > 6  # the front matter, several parts of the table, the corrections
    assert "Страница" not in texts[0]  # the cover
    for number, text in enumerate(texts[1:], start=2):
        assert f"Страница {number} от {total}" in text
        assert "Справка: Услуги на Бюрото" in text.replace("\n", " ")


def test_the_page_numbers_are_in_farsi_digits_in_farsi(client, in_parts):
    reader = reader_of(client, "fa")

    assert "۲" in reader.pages[1].extract_text() and "صفحه" in reader.pages[1].extract_text()


def test_the_contents_give_the_pages_where_the_sections_start_and_link_there(client, in_parts):
    reader = reader_of(client, "en")
    contents = reader.pages[1]

    text = contents.extract_text()
    for name, entry, heading in [
        ("answers", "Contributions and the city", "Summary of the proposals"),
        ("corrections", "Corrections", "Corrections"),
    ]:
        page = starting_page(reader, name)
        assert re.search(rf"{entry}[^\n]*?\.+ ?{page}\b", text), (name, page, text)
        assert reader.pages[page - 1].extract_text().startswith(heading)
    links = {annotation.get_object()["/Dest"] for annotation in contents["/Annots"]}
    assert {"about", "participation", "answers", "corrections"} <= links
    assert starting_page(reader, "answers") > starting_page(reader, "participation") > 2


def test_every_contribution_is_in_the_table_once(client, closed, in_parts):
    reader = reader_of(client, "bg")
    numbers = public_numbers(closed)

    first, last = starting_page(reader, "answers"), starting_page(reader, "corrections")
    table = "\n".join(page.extract_text() for page in reader.pages[first - 1 : last - 1])
    # A row starts with its number; a date may start a line too ("12 October 2026", "2026").
    rows = [int(number) for number in re.findall(r"^(\d+) (?!г\.|\S+ 20\d\d)", table, re.MULTILINE)]
    assert len(numbers) > 4 and rows == numbers


def test_the_bookmarks_lead_to_the_sections_under_the_reports_title(client, in_parts):
    reader = reader_of(client, "bg")

    title, sections = reader.outline
    assert title.title.startswith("Справка")
    flat = [item for item in sections if not isinstance(item, list)]
    pages = {item.title: reader.get_destination_page_number(item) + 1 for item in flat}
    assert pages["Поправки"] == starting_page(reader, "corrections")
    assert pages["Справка за отразяване на постъпилите предложения и становища"] == starting_page(
        reader, "answers"
    )
    assert list(pages.values()) == sorted(pages.values())


def test_one_structure_tree_holds_every_page_and_the_pagination_is_an_artifact(client, in_parts):
    reader = reader_of(client, "bg")
    root = reader.trailer["/Root"]["/StructTreeRoot"]

    (document,) = root["/K"]
    assert document.get_object()["/S"] == "/Document"
    numbers = root["/ParentTree"]["/Nums"]
    keys = list(numbers[::2])
    assert keys == sorted(set(keys))
    parents = dict(zip(keys, numbers[1::2], strict=True))
    for index, page in enumerate(reader.pages):
        elements = parents[page["/StructParents"]]
        assert elements and all(
            element.get_object()["/Pg"].get_object() == page.get_object() for element in elements
        )
        content = page.get_contents().get_data()
        assert re.search(rb"/Artifact <</Type /Pagination>> BDC q /Frame[\w-]+ Do Q EMC\s*$", content), index
        for annotation in page.get("/Annots", []):
            assert parents[annotation.get_object()["/StructParent"]].get_object()["/S"] == "/Link"


def test_laid_out_side_by_side_it_is_the_same_document(settings, closed, in_parts):
    """More parts than processes: laid out in processes of their own, as on the worker, and the
    frame in a piece per process, each numbering its pages on from the one before."""
    document = ReportPdf(closed.get_translation(Locale.objects.get(language_code="ar")).pk, "ar")
    parts = document.parts()
    settings.PDF_LAYOUT_PROCESSES = 1
    alone = PdfReader(io.BytesIO(document.lay_out(parts)))
    settings.PDF_LAYOUT_PROCESSES = 3

    with mock.patch.object(
        concurrent.futures, "ProcessPoolExecutor", wraps=concurrent.futures.ProcessPoolExecutor
    ) as pool:
        side_by_side = PdfReader(io.BytesIO(document.lay_out(parts)))

    assert pool.called and len(parts) > 4
    assert [page.extract_text() for page in side_by_side.pages] == [
        page.extract_text() for page in alone.pages
    ]
