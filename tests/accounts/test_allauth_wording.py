"""The account pages speak the site's register with the glossary's terms, not allauth's own."""

import ast
from pathlib import Path

import allauth
import django
import polib
import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from accounts import allauth_wording

pytestmark = pytest.mark.django_db

LANGUAGES = ["bg", "en", "fr", "ar", "fa"]
# The words docs/glossary.md says not to use for account, email and password, as the pages showed them.
NOT_TO_USE = {
    "bg": ["E-mail", "e-mail", "акаунт", "Забрави си", "електронна поща"],
    "en": ["Sign In", "Sign Up", "Remember Me"],
    "fr": ["courriel", "adresse électronique", "Adresse électronique"],
    "ar": ["كلمة السر", "الإيميل"],
    "fa": ["رمزعبور", "رمز عبور", "رایانامه", "کلمه عبور", "پست الکترونیک", "نساختی"],
}
NEWCOMER_PAGES = [
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/confirm-email/",
]
SIGNED_IN_PAGES = ["accounts/email/", "accounts/password/change/", "accounts/logout/"]


def listed_ids():
    """The first text of each `_()` and `ngettext_lazy()` call in accounts/allauth_wording.py."""
    tree = ast.parse(Path(allauth_wording.__file__).read_text())
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"_", "ngettext_lazy"}
    ]


def visible_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main")
    return " ".join([*main.stripped_strings, *(tag["placeholder"] for tag in main.select("[placeholder]"))])


def test_every_listed_text_is_still_one_allauth_or_django_uses():
    allauth_ids = {
        entry.msgid
        for entry in polib.pofile(Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po")
    }
    django_dir = Path(django.__file__).parent
    django_source = (django_dir / "contrib/auth/password_validation.py").read_text() + (
        django_dir / "core/validators.py"
    ).read_text()
    ids = listed_ids()
    assert len(ids) == len(allauth_wording.ALLAUTH) + len(allauth_wording.DJANGO_PASSWORDS)
    unused = [text for text in ids if text not in allauth_ids and f'"{text}"' not in django_source]
    assert unused == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_a_newcomer_sees_use_the_glossarys_words(client, language):
    for path in NEWCOMER_PAGES:
        text = visible_text(client.get(f"/{language}/{path}"))
        assert [word for word in NOT_TO_USE[language] if word in text] == [], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_account_pages_use_the_glossarys_words(client, participant, language):
    for path in SIGNED_IN_PAGES:
        text = visible_text(client.get(f"/{language}/{path}"))
        assert [word for word in NOT_TO_USE[language] if word in text] == [], path


@pytest.mark.parametrize("language", ["bg", "fr", "ar", "fa"])
def test_the_sign_in_page_speaks_the_sites_words_not_allauths(client, language):
    allauth_catalog = polib.pofile(Path(allauth.__file__).parent / f"locale/{language}/LC_MESSAGES/django.po")
    theirs = allauth_catalog.find("Forgot your password?").msgstr
    with translation.override(language):
        ours = translation.gettext("Forgot your password?")
    text = visible_text(client.get(f"/{language}/accounts/login/"))
    assert ours != theirs
    assert ours in text
    assert theirs not in text


@pytest.mark.parametrize("language", ["bg", "ar", "fa"])
def test_a_short_password_is_refused_in_the_pages_language_under_its_own_field(client, language):
    response = client.post(
        f"/{language}/accounts/signup/",
        {"email": "newcomer@example.org", "display_name": "Newcomer", "password1": "a1b", "password2": "a1b"},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.select_one("#id_password1_error")
    with translation.override(language):
        expected = (
            translation.ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                8,
            )
            % 8
        )
    assert expected != "This password is too short. It must contain at least 8 characters."
    assert expected in error.get_text()
    # Under the password, before the next field: not where it reads as the display name's error.
    fields = [tag.get("id") for tag in soup.select("input[id], ul[id]")]
    assert fields.index("id_password1") < fields.index("id_password1_error") < fields.index("id_password2")
    assert "id_password1_error" in soup.select_one("#id_password1")["aria-describedby"]
