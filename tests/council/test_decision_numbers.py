"""Decision numbers read and are found the same in every language (#16 item 8)."""

import pytest
from bs4 import BeautifulSoup

from cms.models.translations import translations
from council.models import Motion
from tests.council.helpers import member

pytestmark = pytest.mark.django_db


def found(client, url, query):
    page = BeautifulSoup(client.get(url, {"q": query}).content, "html.parser")
    return page, [row.td.get_text(strip=True) for row in page.select(".decision-table tbody tr") if row.bdi]


def public_decision():
    return Motion.objects.public_decisions().order_by("pk").first()


def test_new_decision_numbers_are_ascii():
    numbers = Motion.objects.exclude(decision_number=None).values_list("decision_number", flat=True)
    assert numbers and all(number.isascii() and number.startswith("R-") for number in numbers)


@pytest.mark.parametrize(
    "typed",
    ["{year}-{n}", "P-{year}-{n:02d}", "р {year} {n}", "R/{year}/{n:02d}", "R-{persian_year}-{persian_n}"],
)
def test_the_public_decisions_find_a_number_however_it_is_typed(client, typed):
    decision = public_decision()
    _letter, year, n = decision.decision_number.split("-")
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    query = typed.format(
        year=year, n=int(n), persian_year=year.translate(persian), persian_n=n.translate(persian)
    )

    page, numbers = found(client, "/fa/decisions/", query)

    assert numbers == [decision.decision_number]
    assert page.select_one("[role=status]").get_text(strip=True)  # how many were found, said
    assert page.select_one("input[name=q]")["value"] == query  # what was typed stays
    assert page.select_one("input[name=q]")["dir"] == "auto"  # a Latin number runs left to right in Farsi


def test_a_number_given_with_the_cyrillic_letter_is_found_by_the_latin_one(client):
    decision = public_decision()
    Motion.objects.filter(pk=decision.pk).update(decision_number="Р-2025-03")  # as numbered before

    assert found(client, "/en/decisions/", "P-2025-03")[1] == ["Р-2025-03"]
    assert found(client, "/en/decisions/", "R-2025-3")[1] == ["Р-2025-03"]


def test_words_find_decisions_and_a_miss_says_so(client):
    decision = public_decision()
    words = decision.text.split()[0]

    assert decision.decision_number in found(client, "/bg/decisions/", words)[1]

    page, numbers = found(client, "/ar/decisions/", "R-1999-99")
    assert numbers == []
    assert "R-1999-99" in page.select_one("input[name=q]")["value"]
    assert page.select_one(".decision-table tbody td[colspan]")


def test_the_public_search_never_finds_a_decision_that_is_not_public(client):
    private = Motion.objects.filter(is_public=False).exclude(decision_number=None).first()

    assert found(client, "/bg/decisions/", private.decision_number)[1] == []
    assert found(client, "/bg/decisions/", private.text)[1] == []

    client.force_login(member())
    assert found(client, "/bg/council/decisions/", private.decision_number)[1] == [private.decision_number]


def test_words_in_the_readers_language_find_a_translated_decision(client):
    decision = next(
        motion for motion in Motion.objects.public_decisions() if translations(motion, "text").get("fa")
    )
    word = max(translations(decision, "text")["fa"].split(), key=len)

    assert decision.decision_number in found(client, "/fa/decisions/", word)[1]
