"""The action plan as readers see it: measures by sphere and target group, indicators."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from cms.models import ActionPlanPage, Indicator, IndicatorValue, Measure

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def measure_titles(response):
    return [item.h3.get_text(" ", strip=True) for item in soup(response).select(".measure-list .measure")]


@pytest.fixture
def plan():
    return ActionPlanPage.objects.get(locale__language_code="bg")


def test_the_plan_lists_every_measure_with_its_spheres(client, plan):
    both = Measure(
        locale=plan.locale,
        title="Календар на общностите",
        spheres=["internationalisation", "integration"],
        sort_order=plan.measures.count(),
    )
    plan.measures.add(both)
    plan.save_revision().publish()

    response = client.get("/bg/action-plan/")

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == plan.title
    items = page.select(".measure-list .measure")
    assert len(items) == plan.measures.count() == 16 + 1  # the demo's and this one
    # The measure belongs to internationalisation ■ and integration ●.
    calendar = next(item for item in items if both.title in item.h3.get_text())
    assert calendar.select_one(".sphere-symbols").get_text() == "■●"
    assert "Интернационализация" in calendar.get_text()


@pytest.mark.parametrize("code", ["en", "fr", "ar", "fa"])
def test_the_plan_is_translated(client, plan, code):
    response = client.get(f"/{code}/action-plan/")

    assert response.status_code == 200
    translated = plan.get_translation(Locale.objects.get(language_code=code))
    assert soup(response).h1.get_text() == translated.title != plan.title
    titles = measure_titles(response)
    assert len(titles) == 16
    assert not set(titles) & set(measure_titles(client.get("/bg/action-plan/")))


def test_filter_by_sphere_keeps_plan_numbers(client, plan):
    response = client.get("/en/action-plan/?sphere=internationalisation")

    items = soup(response).select(".measure-list .measure")
    expected = [
        number
        for number, measure in enumerate(plan.measures.all(), start=1)
        if "internationalisation" in measure.spheres
    ]
    assert [int(item["value"]) for item in items] == expected
    assert 0 < len(expected) < 16
    assert f"{len(expected)} measures of 16" in response.content.decode()


def test_filters_combine_and_the_form_is_a_shareable_get_form(client, plan):
    response = client.get("/bg/action-plan/?sphere=integration&target_group=refugees")

    expected = [
        number
        for number, measure in enumerate(plan.measures.all(), start=1)
        if "integration" in measure.spheres and "refugees" in measure.target_groups
    ]
    assert [int(item["value"]) for item in soup(response).select(".measure-list .measure")] == expected
    assert 0 < len(expected) < 16
    form = soup(response).select_one("form.filter-form")
    assert form["method"] == "get"
    assert form.select_one("select[name=sphere] option[selected]")["value"] == "integration"


def test_an_unknown_filter_value_is_explained_and_shows_all_measures(client):
    response = client.get("/fr/action-plan/?sphere=nonsense")

    assert response.status_code == 200
    assert len(measure_titles(response)) == 16
    assert soup(response).select_one("form.filter-form .errorlist")


def test_indicators_show_a_chart_and_its_data_table(client, plan):
    indicator = Indicator.objects.create(
        locale=plan.locale,
        name="Наети чрез Бюрото",
        unit="души",
        baseline_year=2022,
        baseline_value=40,
        target_year=2028,
        target_value=300,
        is_demo=True,
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, year=year, value=value)
        for year, value in [(2023, 85), (2025, 190)]
    )

    response = client.get("/bg/action-plan/")

    figures = soup(response).select("figure.indicator")
    assert len(figures) == Indicator.objects.filter(locale=plan.locale).count() == 8 + 1  # the demo's too
    figure_of_its_own = next(figure for figure in figures if indicator.name in figure.h3.get_text())
    assert figure_of_its_own.find("svg")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in figure_of_its_own.tbody.find_all("tr")
    ]
    assert rows[0][1] == "40" and "2022" in rows[0][0]
    assert ["2023", "85"] in rows and ["2025", "190"] in rows
    assert rows[-1][1] == "300" and "2028" in rows[-1][0]
    assert figure_of_its_own.select_one(".demo-notice")


def test_translated_indicators_show_the_bulgarian_figures(client):
    bulgarian = Indicator.objects.get(locale__language_code="bg", name="Достъп до пазара на труда")
    IndicatorValue.objects.create(indicator=bulgarian, year=2026, value=240)

    response = client.get("/fa/action-plan/")

    figure = soup(response).find("figure", id=f"indicator-{bulgarian.translation_key}")
    assert figure.h3.get_text() != bulgarian.name
    cells = [cell.get_text(strip=True) for cell in figure.tbody.find_all(["th", "td"])]
    assert "۲۰۲۶" in cells and "۲۴۰" in cells  # the same figures, in the digits Farsi writes


def test_the_plan_runs_the_same_number_of_queries_with_more_content(client, plan, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/action-plan/")
    with CaptureQueriesContext(connection) as before:
        client.get("/bg/action-plan/")

    bulgarian = plan.locale
    for number in range(20):
        plan.measures.add(Measure(locale=bulgarian, title=f"Мярка {number}", spheres=["integration"]))
    plan.save_revision().publish()
    for number in range(5):
        indicator = Indicator.objects.create(
            locale=bulgarian,
            name=f"Показател {number}",
            unit="души",
            baseline_year=2022,
            baseline_value=1,
            target_year=2028,
            target_value=10,
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, year=2023 + y, value=y) for y in range(3)
        )

    with django_assert_num_queries(len(before)):
        response = client.get("/bg/action-plan/")
    assert len(measure_titles(response)) == 36


def version_links(client, code="bg"):
    page = soup(client.get(f"/{code}/action-plan/versions/"))
    return [link["href"] for link in page.select(".version-list a")]


def test_earlier_versions_stay_readable_at_their_own_address(client):
    current, older = version_links(client)

    response = client.get(older)

    assert response.status_code == 200
    assert (
        "Четете версията от 12 март 2026\u202fг." in soup(response).select_one(".version-notice").get_text()
    )
    assert len(measure_titles(response)) == 13
    assert len(measure_titles(client.get(current))) == 16


def test_drafts_are_not_versions(client, plan):
    draft = plan.save_revision()

    assert client.get(f"/bg/action-plan/versions/{draft.pk}/").status_code == 404
    assert f"/versions/{draft.pk}/" not in " ".join(version_links(client))
    assert (
        client.get(f"/bg/action-plan/versions/?old={draft.pk}&new={draft.pk - 1}").context["comparison"]
        is None
    )


def test_comparing_two_versions_shows_what_changed(client, plan):
    published_before = version_links(client)[0]
    measures = list(plan.measures.all())
    measures[0].title = "Приемни часове на Бюрото в събота"
    added = [
        Measure(
            locale=plan.locale, title=f"Нова мярка {n}", spheres=["integration"], sort_order=len(measures) + n
        )
        for n in (0, 1)
    ]
    plan.measures = [*measures, *added]
    plan.intro += " Планът беше допълнен с две мерки."
    plan.save_revision().publish()
    current, older = version_links(client)[:2]
    assert older == published_before
    old_id, new_id = older.rstrip("/").rsplit("/", 1)[1], current.rstrip("/").rsplit("/", 1)[1]

    response = client.get(f"/bg/action-plan/versions/?old={old_id}&new={new_id}")

    changes = soup(response).select(".measure-change")
    assert [change["class"][1] for change in changes].count("measure-added") == 2
    changed = next(change for change in changes if "measure-changed" in change["class"])
    assert "Приемни часове на Бюрото в събота" in changed.get_text()
    assert changed.find("ins") and changed.find("del")
    assert soup(response).select_one(".diff .word-diff ins")  # the introduction grew


def test_comparing_a_version_with_itself_is_explained(client):
    current = version_links(client)[0].rstrip("/").rsplit("/", 1)[1]

    response = client.get(f"/bg/action-plan/versions/?old={current}&new={current}")

    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert soup(response).select_one("form .errorlist")
