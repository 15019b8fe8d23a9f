"""Every page exists in five languages, with the right direction, and the menu keeps the page."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.utils import translation
from django.utils.translation import ngettext

LANGUAGES = {"bg": "ltr", "en": "ltr", "fr": "ltr", "ar": "rtl", "fa": "rtl"}
HOME_TITLES = {
    "bg": "Отворен град",
    "en": "Open City",
    "fr": "Ville ouverte",
    "ar": "المدينة المفتوحة",
    "fa": "شهر باز",
}

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("code", "direction"), LANGUAGES.items())
@pytest.mark.parametrize(
    "path", ["", "terms/", "accounts/login/", "accounts/signup/", "accounts/password/reset/"]
)
def test_every_language_renders_with_its_lang_and_direction(client, code, direction, path):
    response = client.get(f"/{code}/{path}")

    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == code
    assert html["dir"] == direction
    assert len(soup(response).find_all("h1")) == 1


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_is_translated_not_copied(client, code):
    response = client.get(f"/{code}/")

    assert soup(response).h1.get_text(strip=True) == HOME_TITLES[code]


@pytest.mark.parametrize(
    ("accept", "expected"), [("ar,en;q=0.5", "/ar/"), ("fr-FR", "/fr/"), ("de", "/bg/"), ("", "/bg/")]
)
def test_root_redirects_by_browser_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == expected


def language_menu(response):
    nav = soup(response).find("nav", class_="language-nav")
    return {link["hreflang"]: link for link in nav.find_all("a")}


def test_language_menu_names_each_language_in_itself(client):
    menu = language_menu(client.get("/bg/"))

    assert {code: link.get_text(strip=True) for code, link in menu.items()} == {
        "bg": "български",
        "en": "English",
        "fr": "français",
        "ar": "العربيّة",
        "fa": "فارسی",
    }
    assert menu["ar"]["lang"] == "ar" and menu["ar"]["dir"] == "rtl"
    assert menu["bg"]["aria-current"] == "true"


@pytest.mark.parametrize("target", ["en", "ar", "fa"])
def test_language_switch_keeps_the_content_page(client, target):
    menu = language_menu(client.get("/bg/privacy/"))

    response = client.get(menu[target]["href"])

    assert response.status_code == 200
    assert soup(response).html["lang"] == target
    assert menu[target]["href"] == f"/{target}/privacy/"
    bulgarian_title = soup(client.get("/bg/privacy/")).h1.get_text()
    assert soup(response).h1.get_text() != bulgarian_title


def test_language_switch_keeps_the_account_page_and_its_query(client):
    menu = language_menu(client.get("/fr/accounts/login/?next=/fr/terms/"))

    assert menu["fa"]["href"] == "/fa/accounts/login/?next=/fr/terms/"
    assert client.get(menu["fa"]["href"]).status_code == 200


def test_no_address_is_translated_so_the_language_menu_swaps_only_the_prefix():
    """The language menu of a view that is not a Wagtail page changes only the language prefix
    (cms.templatetags.otvoren_grad.in_language_prefix): that holds while no route is translated."""
    from django.urls import URLResolver, get_resolver
    from django.urls.resolvers import LocalePrefixPattern

    def routes(patterns):
        for pattern in patterns:
            yield str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns)

    (prefixed,) = [p for p in get_resolver().url_patterns if isinstance(p.pattern, LocalePrefixPattern)]
    in_each = {}
    for code in LANGUAGES:
        with translation.override(code):
            in_each[code] = list(routes(prefixed.url_patterns))
    assert all(found == in_each["bg"] for found in in_each.values())


def test_interface_strings_are_translated(client):
    skip_links = {
        code: soup(client.get(f"/{code}/")).find("a", class_="skip-link").get_text() for code in LANGUAGES
    }

    assert len(set(skip_links.values())) == 5


def test_pages_make_no_third_party_requests(client):
    page = soup(client.get("/ar/"))

    sources = [tag.get("href") or tag.get("src") for tag in page.find_all(["link", "script", "img"])]
    assert sources
    assert not [source for source in sources if re.match(r"^(https?:)?//", source or "")]
    stylesheet = Path(finders.find("css/site.css")).read_text()
    fonts = re.findall(r"url\(\"?([^\")]+)", stylesheet)
    assert any("NotoSansArabic-Regular" in font for font in fonts)
    assert all(font.startswith("../fonts/") and finders.find(font.removeprefix("../")) for font in fonts)


def test_footer_links_to_terms_and_privacy_in_the_readers_language(client):
    footer = soup(client.get("/ar/")).find("footer")

    assert {"/ar/terms/", "/ar/privacy/", "/ar/accessibility/"} <= {
        link["href"] for link in footer.find_all("a")
    }


@pytest.mark.parametrize("path", ["/en/", "/ar/privacy/", "/fa/accounts/login/"])
def test_pages_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, path):
    client.get(path)  # warm the per-process caches (site root paths)
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize(("code", "direction"), LANGUAGES.items())
def test_a_missing_page_answers_404_in_the_readers_language(client, code, direction):
    response = client.get(f"/{code}/no-such-page/")

    assert response.status_code == 404
    assert soup(response).html["lang"] == code
    assert soup(response).html["dir"] == direction
    assert soup(response).find("a", href=f"/{code}/")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا توجد تعليقات"),
        (1, "تعليق واحد"),
        (2, "تعليقان"),
        (3, "3 تعليقات"),
        (11, "11 تعليقًا"),
        (100, "100 تعليق"),
    ],
)
def test_arabic_counts_use_its_six_plural_forms(count, expected):
    """Zero, one and two are words in Arabic ("2 تعليقان" is wrong); 3–10, 11–99 and 100 differ."""
    with translation.override("ar"):
        assert ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count} == expected
