"""report.csv opens safely in a spreadsheet: no participant's text becomes a formula (OWASP)."""

import csv
import io

import pytest

from cms.spreadsheets import csv_text
from consultation.models import ConsultationPage
from tests.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db

CSV = "/en/consultations/bureau-services-2026/report.csv"
FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "-2+3",
    "+1",
    "@SUM(A1:A9)",
    "\tcmd|' /C calc'!A0",
    "\r=1+1",
]


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("text", FORMULAS)
def test_a_text_that_would_be_a_formula_is_written_as_text(client, closed, text):
    CommentFactory(consultation=closed, text=text)

    cells = [row[5] for row in rows(client.get(CSV))]

    assert f"'{text}" in cells  # a leading apostrophe: shown as text, the rest as it was written
    assert text not in cells


def test_titles_are_made_safe_too_and_other_texts_stay_as_they_are(client, closed):
    ProposalFactory(consultation=closed, title="=1+1", text="A bus stop = a meeting place, 2-3 min away.")

    (row,) = [row for row in rows(client.get(CSV)) if row[4] == "'=1+1"]

    assert row[5] == "A bus stop = a meeting place, 2-3 min away."
    assert row[0].isdigit()  # numbers are not quoted


def test_quotes_and_line_breaks_survive_the_round_trip():
    text = '=HYPERLINK("http://x","y")\nsecond line, "quoted"'

    (row,) = csv.reader(io.StringIO(csv_text([[text, 7, "plain"]]).removeprefix("\ufeff"), newline=""))

    assert row == [f"'{text}", "7", "plain"]
