"""Open data of consultations: a researcher finds every published report of a public consultation
as CSV and JSON, the data dictionary in five languages, one archive, the licence and OParl, and
nothing of a private consultation nor anything personal beyond the names the report shows."""

import csv
import io
import zipfile
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from accounts import roles
from cms.formats import format_number
from consultation.models import (
    Comment,
    ConsultationPage,
    ConsultationReport,
    Proposal,
    ReportCorrection,
    TakenIntoAccount,
)
from consultation.report import report_columns
from tests.factories import CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SLUG = "bureau-services-2026"
CSV = f"/open-data/consultations/{SLUG}.csv"
JSON = f"/open-data/consultations/{SLUG}.json"
ARCHIVE = "/open-data/open-data.zip"
DICTIONARY = "/open-data/data-dictionary.json"
FILES = [CSV, JSON, ARCHIVE, DICTIONARY, "/open-data/data-dictionary.csv"]
KEYS = [column.key for column in report_columns()]


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug=SLUG, locale__language_code="bg")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def public_contributions(consultation):
    comments = Comment.objects.filter(
        consultation=consultation, parent__isnull=True, is_official=False, deleted_at__isnull=True
    )
    return [
        *comments.filter(status="published"),
        *Proposal.objects.filter(consultation=consultation, status="published"),
    ]


def listed_titles(client, code):
    page = soup(client.get(f"/{code}/open-data/"))
    return [link.get_text(strip=True) for link in page.select("#open-data-reports + div table th a")]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_footer_links_the_open_data_page_in_its_language(client, code):
    for path in (f"/{code}/", f"/{code}/consultations/"):
        footer = soup(client.get(path)).select_one("footer.site-footer nav")
        with translation.override(code):
            (link,) = [a for a in footer.select("a") if a.get_text(strip=True) == gettext("Open data")]
        assert link["href"] == f"/{code}/open-data/"
    assert client.get(f"/{code}/open-data/").status_code == 200


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_lists_each_published_report_in_the_readers_language(client, closed, code):
    page = soup(client.get(f"/{code}/open-data/"))
    version = ConsultationPage.objects.get(slug=SLUG, locale__language_code=code)

    (row,) = page.select("#open-data-reports + div table tbody tr")
    link = row.select_one("th a")
    assert link.get_text(strip=True) == version.title
    assert link["href"] == f"{version.url}report/"
    assert [a["href"] for a in row.select("td a")] == [CSV, JSON]
    count = ConsultationReport.objects.get(consultation=closed).figures
    with translation.override(code):  # a count as the page's language writes it (Farsi: ۱۲)
        assert row.select("td")[3].get_text(strip=True) == format_number(
            count["comments"] + count["proposals"]
        )
    assert len(csv_rows(client.get(CSV).content)) == count["comments"] + count["proposals"]
    assert page.select_one(f'a[href="{ARCHIVE}"]') is not None
    assert page.html["lang"] == code


def test_the_open_consultation_and_an_unpublished_report_are_not_listed(client, closed):
    assert listed_titles(client, "en") == [
        ConsultationPage.objects.get(slug=SLUG, locale__language_code="en").title
    ]
    ConsultationReport.objects.filter(consultation=closed).update(published_at=None)

    assert listed_titles(client, "en") == []
    assert "action-plan-2026" not in client.get("/en/open-data/").content.decode()


@pytest.mark.parametrize(
    "restricted",
    ["the-page", "its-english-version", "the-list-of-consultations"],
)
def test_a_private_consultation_is_not_open_data_in_any_language(client, closed, restricted):
    page = {
        "the-page": closed,
        "its-english-version": ConsultationPage.objects.get(slug=SLUG, locale__language_code="en"),
        "the-list-of-consultations": closed.get_parent(),
    }[restricted]
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    for code in LANGUAGES:
        assert listed_titles(client, code) == []
    for path in (CSV, JSON):
        assert client.get(path).status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(client.get(ARCHIVE).content))
    assert not [name for name in archive.namelist() if name.startswith("consultations/")]


def test_a_visitor_who_may_open_a_private_consultation_still_gets_no_open_data_of_it(client, closed):
    """The files are shared by everyone: what is behind a password stays behind the report's door."""
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type="password", password="s3cret-word"
    )
    client.post(
        f"/bg/_util/authenticate_with_password/{restriction.pk}/{closed.pk}/",
        {"password": "s3cret-word", "return_url": f"/bg/consultations/{SLUG}/"},
    )
    assert client.get(f"/bg/consultations/{SLUG}/report.csv").status_code == 200

    assert client.get(CSV).status_code == 404
    assert listed_titles(client, "bg") == []


@pytest.mark.parametrize("path", [CSV, JSON])
def test_the_files_of_an_unpublished_report_are_not_found(client, closed, path):
    ConsultationReport.objects.filter(consultation=closed).update(published_at=None)
    client.force_login(UserFactory(roles=[roles.MODERATORS]))  # even staff, who may see the draft

    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/consultations/action-plan-2026.csv",  # open, no report
        "/open-data/consultations/action-plan-2026.json",
        "/open-data/consultations/no-such-consultation.json",
        f"/open-data/consultations/{SLUG}.xml",
    ],
)
def test_other_files_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_csv_has_one_row_per_public_contribution_with_keys_codes_and_a_language_column(client, closed):
    CommentFactory(consultation=closed, language="fa", text="نظر من درباره پیش‌نویس")
    hidden = CommentFactory(consultation=closed, status="hidden", text="A hidden comment")
    pending = ProposalFactory(consultation=closed, status="pending", title="A pending proposal")
    rejected = CommentFactory(consultation=closed, status="rejected", text="A rejected comment")

    response = client.get(CSV)
    rows = csv_rows(response.content)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert list(rows[0]) == KEYS  # the keys as header names, not translated labels
    public = public_contributions(closed)
    assert len(rows) == len(public)
    assert [int(row["number"]) for row in rows] == list(range(1, len(public) + 1))
    assert sorted(row["text"] for row in rows) == sorted(item.text for item in public)
    assert {row["language"] for row in rows} == {item.language for item in public} >= {"fa", "bg"}
    assert {row["kind"] for row in rows} == {"comment", "proposal"}
    codes = {column.key: {value for value, _label in column.values} for column in report_columns()}
    assert {row["channel"] for row in rows} <= codes["channel"]
    assert {row["verdict"] for row in rows} <= codes["verdict"] | {""}  # "": not answered
    for row in rows:
        date.fromisoformat(row["received"])
    text = response.content.decode("utf-8-sig")
    for item in (hidden, rejected):
        assert item.text not in text
    assert pending.title not in text


def test_the_json_gives_the_consultation_the_licence_the_columns_and_the_rows(client, closed):
    ReportCorrection.objects.create(report=closed.report, text="Row 2: the reason is corrected.")

    data = client.get(JSON).json()

    assert list(data) == ["consultation", "licence", "columns", "rows"]
    consultation = data["consultation"]
    assert consultation["slug"] == SLUG
    assert set(consultation["title"]) == set(LANGUAGES)
    assert (
        consultation["title"]["en"]
        == ConsultationPage.objects.get(slug=SLUG, locale__language_code="en").title
    )
    assert consultation["opened"].startswith(closed.opens_at.date().isoformat()[:7])
    assert consultation["closed"][:10] <= consultation["report_published"][:10]
    assert consultation["report_url"]["fr"].endswith(f"/fr/consultations/{SLUG}/report/")
    assert consultation["corrections"][-1]["text"] == "Row 2: the reason is corrected."
    assert data["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert [column["key"] for column in data["columns"]] == KEYS
    assert [list(row) for row in data["rows"]] == [KEYS] * len(public_contributions(closed))
    csv_text = csv_rows(client.get(CSV).content)
    assert [str(row["number"]) for row in data["rows"]] == [row["number"] for row in csv_text]
    assert all(isinstance(row["number"], int) for row in data["rows"])


def test_no_personal_data_beyond_the_names_the_report_shows(client, closed):
    moderator = UserFactory(display_name="Moderatorka Velislava", roles=[roles.MODERATORS])
    unnamed = CommentFactory(
        consultation=closed,
        author=None,
        entered_by=moderator,
        channel="email",
        received_on=closed.closes_at.date(),
        text="Sent by email by someone who did not agree to be named.",
    )
    hidden_author = UserFactory(display_name="Skrytoslav Nevidimov")
    CommentFactory(consultation=closed, author=hidden_author, status="hidden")
    authors = [item.author for item in public_contributions(closed) if item.author_id]

    for path in (CSV, JSON, ARCHIVE):
        response = client.get(path)
        content = response.content
        if path == ARCHIVE:
            archive = zipfile.ZipFile(io.BytesIO(content))
            content = b"".join(archive.read(name) for name in archive.namelist())
        text = content.decode("utf-8-sig")
        assert unnamed.text in text
        for user in [*authors, moderator, hidden_author]:
            assert user.email not in text
        assert "@example.org" not in text
        assert moderator.display_name not in text
        assert hidden_author.display_name not in text
    (row,) = [row for row in client.get(JSON).json()["rows"] if row["text"] == unnamed.text]
    assert row["channel"] == "email" and row["received"] == closed.closes_at.date().isoformat()
    with translation.override("bg"):
        assert row["participant"].startswith(gettext("Participant %(number)s").split("%")[0].strip())


def test_the_data_dictionary_in_five_languages(client):
    data = client.get(DICTIONARY).json()

    columns = {column["key"]: column for column in data["columns"]}
    assert list(columns) == KEYS
    for code in LANGUAGES:
        with translation.override(code):
            for column in report_columns():
                described = columns[column.key]
                assert described["type"] == column.type
                assert described["meaning"][code] == str(column.meaning)
                assert [value["code"] for value in described["values"]] == [
                    value for value, _ in column.values
                ]
                assert [value["label"][code] for value in described["values"]] == [
                    str(label) for _value, label in column.values
                ]
    assert {value["code"] for value in columns["language"]["values"]} == set(LANGUAGES)
    assert {value["code"] for value in columns["verdict"]["values"]} >= {"taken", "partly", "not_taken"}


def test_the_data_dictionary_as_csv_has_a_language_column(client):
    rows = csv_rows(client.get("/open-data/data-dictionary.csv").content)

    assert list(rows[0]) == ["column", "type", "language", "meaning", "code", "label"]
    assert {row["language"] for row in rows} == set(LANGUAGES)
    with translation.override("ar"):
        (verdict,) = [
            row
            for row in rows
            if row["column"] == "verdict" and row["language"] == "ar" and row["code"] == "partly"
        ]
        assert verdict["label"] == str(TakenIntoAccount.PARTLY.label)
    assert {row["column"] for row in rows if row["code"] == ""} == {
        column.key for column in report_columns() if not column.values
    }


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_page_shows_the_dictionary_in_its_language(client, code):
    page = soup(client.get(f"/{code}/open-data/"))

    table = page.select_one("#open-data-dictionary ~ div table")
    rows = table.select("tbody tr")
    assert [row.select_one("th code").get_text() for row in rows] == KEYS
    with translation.override(code):
        columns = report_columns()
        for row, column in zip(rows, columns, strict=True):
            assert str(column.meaning) in row.get_text()
            for value, label in column.values:
                assert f"{value}: {label}" in row.get_text(" ", strip=True).replace(" :", ":")


def test_the_archive_holds_every_file_the_dictionary_and_a_readme(client):
    response = client.get(ARCHIVE)

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(
        [
            "README.txt",
            "data-dictionary.csv",
            "data-dictionary.json",
            f"consultations/{SLUG}.csv",
            f"consultations/{SLUG}.json",
        ]
    )
    assert archive.read(f"consultations/{SLUG}.csv") == client.get(CSV).content
    assert archive.read(f"consultations/{SLUG}.json") == client.get(JSON).content
    assert archive.read("data-dictionary.json") == client.get(DICTIONARY).content
    readme = archive.read("README.txt").decode()
    assert "https://creativecommons.org/licenses/by/4.0/" in readme
    assert f"{settings.WAGTAILADMIN_BASE_URL}/fr/open-data/" in readme
    for code in LANGUAGES:
        with translation.override(code):
            assert gettext("Open data of public consultations") in readme
    assert client.get(ARCHIVE).content == response.content  # the same data, the same bytes


def test_the_licence_is_a_setting(client, settings):
    settings.OPEN_DATA_LICENCE = {"name": "ODbL 1.0", "url": "https://opendatacommons.org/licenses/odbl/1-0/"}

    page = soup(client.get("/en/open-data/"))
    link = page.select_one('a[rel="license"]')

    assert (link.get_text(strip=True), link["href"]) == (
        "ODbL 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    )
    assert client.get(JSON).json()["licence"]["name"] == "ODbL 1.0"
    assert client.get(DICTIONARY).json()["licence"]["name"] == "ODbL 1.0"
    readme = zipfile.ZipFile(io.BytesIO(client.get(ARCHIVE).content)).read("README.txt").decode()
    assert "ODbL 1.0" in readme and "CC BY" not in readme


def test_the_page_links_the_oparl_entry_point(client):
    page = soup(client.get("/fr/open-data/"))

    assert page.select_one('#open-data-council ~ p a[href="/oparl/v1/system"]') is not None


@pytest.mark.parametrize(
    ("path", "filename"),
    [
        (CSV, f"{SLUG}.csv"),
        (JSON, f"{SLUG}.json"),
        (ARCHIVE, "open-data.zip"),
        (DICTIONARY, "data-dictionary.json"),
        ("/open-data/data-dictionary.csv", "data-dictionary.csv"),
    ],
)
def test_any_website_may_read_the_files_and_caches_may_keep_them(client, path, filename):
    response = client.get(path, HTTP_ORIGIN="https://researcher.example")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert f'filename="{filename}"' in response["Content-Disposition"]
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_the_files_take_no_writes(client):
    assert client.post(CSV).status_code == 405


def test_the_page_and_the_files_keep_their_number_of_queries(client, closed, django_assert_max_num_queries):
    paths = ["/en/open-data/", CSV, JSON]
    before = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        before[path] = len(queries)
    for number in range(30):
        CommentFactory(consultation=closed, language=LANGUAGES[number % 5])
        ProposalFactory(consultation=closed, channel="letter", sender_name=f"Sender {number}")

    for path in paths:
        with django_assert_max_num_queries(before[path]):
            assert client.get(path).status_code == 200
    assert before["/en/open-data/"] <= 15 and before[CSV] <= 12


def test_the_address_without_a_language_leads_to_the_page_in_the_visitors_language(client):
    response = client.get("/open-data/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 302 and response["Location"] == "/fr/open-data/"
