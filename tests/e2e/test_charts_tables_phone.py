"""Charts and wide tables on a 360 × 740 phone, in Farsi, Arabic and Bulgarian: the indicator's
chart keeps its text readable and inside the drawing, with a legend in words; the report's bars
grow from the side the reader starts on, each with its label and value; the decision registers
fit the screen, a decision's number on one line; axe finds nothing serious at that width."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import User
from cms.formats import format_number
from cms.models import Indicator

from .conftest import t

LANGUAGES = ["fa", "ar", "bg"]
PHONE = {"width": 360, "height": 740}


def on_a_phone(open_browser, address, user=None):
    page = open_browser(user, width=PHONE["width"])
    page.set_viewport_size(PHONE)
    page.goto(address)
    return page


def nothing_serious(page):
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def legend_text(language, message, year, value):
    """A legend entry as the reader of `language` sees it, figures in the language's digits."""
    with translation.override(language):
        figures = {"year": format_number(year, grouping=False), "value": format_number(value)}
    return re.sub(r"<[^>]+>", "", t(language, message, **figures))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_indicator_chart_is_readable_on_a_phone(open_browser, language):
    bulgarian = Indicator.objects.get(locale__language_code="bg", name="Достъп до пазара на труда")
    page = on_a_phone(open_browser, f"/{language}/action-plan/#indicator-{bulgarian.translation_key}")
    figure = page.locator(f"#indicator-{bulgarian.translation_key}")

    legend = figure.locator(".chart-legend li")
    expect(legend).to_have_text(
        [
            t(language, "Measured values"),
            legend_text(
                language,
                "Baseline (<bdi>%(year)s</bdi>): <bdi>%(value)s</bdi>",
                bulgarian.baseline_year,
                bulgarian.baseline_value,
            ),
            legend_text(
                language,
                "Target (<bdi>%(year)s</bdi>): <bdi>%(value)s</bdi>",
                bulgarian.target_year,
                bulgarian.target_value,
            ),
        ]
    )
    labels = figure.locator("svg.indicator-chart").evaluate(
        """svg => {
            const frame = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].map(text => {
                const box = text.getBoundingClientRect();
                return {
                    text: text.textContent,
                    // the size on the screen: the font's size times the drawing's scale, if any
                    size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
                    inside: box.left >= frame.left - 1 && box.right <= frame.right + 1
                         && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1
                         && frame.right <= innerWidth && frame.left >= 0,
                };
            });
        }"""
    )
    with translation.override(language):
        years = {
            format_number(bulgarian.baseline_year, grouping=False),
            format_number(bulgarian.target_year, grouping=False),
        }
        target = format_number(bulgarian.target_value)
    assert years | {target} <= {label["text"] for label in labels}
    assert all(label["inside"] for label in labels), labels
    assert min(label["size"] for label in labels) >= 12, labels
    fits_the_screen(page)
    nothing_serious(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reports_bars_start_where_the_reader_starts_each_with_its_label(open_browser, language):
    page = on_a_phone(open_browser, f"/{language}/consultations/bureau-services-2026/report/")
    rtl = language in ("fa", "ar")

    charts = page.locator(".bar-chart")
    expect(charts).to_have_count(3)
    for chart in charts.all():
        # The same labels and figures as the table before it, each visible beside its bar.
        table = chart.evaluate(
            """chart => [...chart.previousElementSibling.querySelectorAll('tbody tr')]
                .map(row => [...row.children].map(cell => cell.innerText.trim()))"""
        )
        bars = chart.evaluate(
            """chart => {
                const frame = chart.getBoundingClientRect();
                return [...chart.querySelectorAll('li')].map(item => {
                    const bar = item.querySelector('svg.bar').getBoundingClientRect();
                    const label = item.querySelector('.bar-label'), value = item.querySelector('.bar-value');
                    return {
                        text: [label.innerText.trim(), value.innerText.trim()],
                        visible: [label, value].every(element => {
                            const box = element.getBoundingClientRect();
                            return box.width > 0 && box.left >= 0 && box.right <= innerWidth;
                        }),
                        from: %s ? frame.right - bar.right : bar.left - frame.left,
                    };
                });
            }"""
            % ("true" if rtl else "false")
        )
        assert [bar["text"] for bar in bars] == table
        assert all(bar["visible"] for bar in bars), bars
        assert all(abs(bar["from"]) <= 1 for bar in bars), bars
    fits_the_screen(page)
    nothing_serious(page)


@pytest.mark.parametrize(
    ("address", "email"),
    [("/{language}/decisions/", None), ("/{language}/council/decisions/", "chair@example.org")],
    ids=["public decisions", "register of decisions"],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_decisions_fit_a_phone_each_number_on_one_line(open_browser, language, address, email):
    user = User.objects.get(email=email) if email else None
    page = on_a_phone(open_browser, address.format(language=language), user)

    numbers = page.locator(".decision-number")
    expect(numbers.first).to_be_visible()
    lines = numbers.evaluate_all("numbers => numbers.map(number => number.getClientRects().length)")
    assert lines and set(lines) == {1}
    # Each decision's figures under the name of its option, which the hidden header no longer shows.
    first_row = page.locator(".decision-table tbody tr").first
    expect(first_row.locator("td").nth(3)).to_have_attribute("data-label", t(language, "For"))
    fits_the_screen(page)
    nothing_serious(page)
