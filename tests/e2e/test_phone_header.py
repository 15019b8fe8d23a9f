"""On a phone the header leaves the first screen to the page: its heading starts in the first 300 px
in every language and at every common phone width; the language and the menu open without
JavaScript, with the mouse or the keyboard. A first visit downloads only the fonts of the page's
scripts, within a budget of bytes, and nothing it asks for is missing."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from .conftest import ARTEFACTS, t

LANGUAGES = ["bg", "en", "fr", "ar", "fa"]
WIDTHS = [360, 390, 430, 464]
HEIGHT = 740
PAGES = ["/{language}/", "/{language}/consultations/action-plan-2026/", "/{language}/accounts/login/"]
# The bytes of a first visit (HTML, stylesheet, fonts, icon), as the browser receives them.
BUDGETS = {"/{language}/": 200_000, "/{language}/consultations/action-plan-2026/": 250_000}


@pytest.fixture
def phone(browser, site_url):
    """A fresh tab on a 360 × 740 phone (no cache, no cookies), with or without JavaScript."""
    contexts = []

    def open_tab(javascript=True):
        context = browser.new_context(
            base_url=site_url, viewport={"width": 360, "height": HEIGHT}, java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heading_starts_on_the_first_screen(open_browser, language, width):
    page = open_browser(width=width)
    page.set_viewport_size({"width": width, "height": HEIGHT})
    for address in PAGES:
        page.goto(address.format(language=language))
        page.evaluate("document.fonts.ready")

        top = page.locator("main h1").first.bounding_box()["y"]
        assert top < 300, f"{address.format(language=language)} at {width} px: the heading starts at {top} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_and_the_menu_open_without_javascript(phone, language):
    page = phone(javascript=False)
    page.goto(f"/{language}/")
    languages = page.get_by_role("navigation", name=t(language, "Language"))
    menu = page.get_by_role("navigation", name=t(language, "Main"))
    account = page.get_by_role("navigation", name=t(language, "Your account"))
    expect(languages).to_be_hidden()
    expect(menu).to_be_hidden()

    # The language, from the keyboard: its label names the language the page is in.
    language_summary = page.locator("summary", has_text=t(language, "Language"))
    expect(language_summary).to_contain_text(get_language_info(language)["name_local"])
    for _press in range(10):
        page.keyboard.press("Tab")
        if language_summary.evaluate("summary => summary === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reaches the language")
    page.keyboard.press("Enter")
    expect(languages).to_be_visible()
    expect(languages.locator("a")).to_have_count(5)
    expect(languages.locator("a[aria-current]")).to_have_attribute("hreflang", language)
    expect(menu).to_be_hidden()

    # The menu, with the mouse: the account's links and the main menu.
    page.locator("summary", has_text=t(language, "Menu")).click()
    expect(menu).to_be_visible()
    expect(account.get_by_role("link", name=t(language, "Sign in"))).to_be_visible()
    expect(menu.get_by_role("link", name=t(language, "Search"))).to_be_visible()
    expect(languages).to_be_hidden()  # one open at a time, so neither hides the other
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"phone-header-menu-{language}-360.png")

    language_summary.click()
    other = "bg" if language != "bg" else "fa"
    languages.locator(f'a[hreflang="{other}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", other)


def test_a_wide_screen_shows_the_whole_header_open(open_browser):
    page = open_browser(width=1024)
    page.goto("/fa/")

    expect(page.locator("summary").first).to_be_hidden()
    expect(
        page.get_by_role("navigation", name=t("fa", "Language")).locator('a[hreflang="bg"]')
    ).to_be_visible()
    expect(page.get_by_role("navigation", name=t("fa", "Main")).get_by_role("link").first).to_be_visible()
    expect(page.get_by_role("link", name=t("fa", "Sign in"))).to_be_visible()


@pytest.mark.parametrize("language", ["fa", "bg"])
@pytest.mark.parametrize("address", list(BUDGETS))
def test_a_first_visit_stays_within_its_budget_of_bytes(phone, language, address):
    page = phone()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(address.format(language=language), wait_until="networkidle")
    page.evaluate("document.fonts.ready")

    sizes = {response.url: len(response.body()) for response in responses}
    assert sum(sizes.values()) < BUDGETS[address], sizes
    assert not [response.url for response in responses if response.status >= 400]
    assert any("favicon.svg" in url for url in sizes)
    # Only the fonts of the page's scripts, and every font it preloads is one it draws text with.
    fonts = [url for url in sizes if url.endswith(".woff2")]
    assert fonts and all("/fonts/web/" in url for url in fonts)
    drawn_with = page.evaluate(
        """() => {
            const face = (family, weight, range) => `${family.replaceAll('"', '')} ${weight} ${range}`;
            const used = [...document.fonts].filter(font => font.status === 'loaded')
                .map(font => face(font.family, font.weight, font.unicodeRange));
            return [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
                .filter(rule => rule instanceof CSSFontFaceRule)
                .filter(rule => used.includes(face(...['font-family', 'font-weight', 'unicode-range']
                    .map(name => rule.style.getPropertyValue(name)))))
                .map(rule => new URL(rule.style.getPropertyValue('src').match(/url\\("([^"]+)/)[1],
                                     rule.parentStyleSheet.href).href);
        }"""
    )
    preloaded = page.eval_on_selector_all(
        "link[rel=preload][as=font]", "links => links.map(link => link.href)"
    )
    assert preloaded and set(preloaded) <= set(drawn_with), (preloaded, drawn_with)


@pytest.mark.parametrize("language", ["fa", "bg"])
def test_the_header_on_a_phone_has_no_serious_accessibility_problem(open_browser, language):
    page = open_browser(width=360)
    page.set_viewport_size({"width": 360, "height": HEIGHT})

    def serious():
        results = Axe().run(page)
        return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]

    for address in PAGES:
        page.goto(address.format(language=language))
        assert not serious(), address
    page.goto(f"/{language}/")
    for summary in page.locator("summary").all():
        summary.click()
        assert not serious(), summary.text_content()
