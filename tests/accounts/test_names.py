"""What a participant may call themselves and which address they may give (issue #13, items 14
and 16): no bidirectional controls, no name of the city or its staff, no look-alike domain, and
no text the person chose in the verification email."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.accounts.test_signup import signup_data
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

RESERVED_MESSAGE = "This name is reserved for the city and its staff. Please choose another one."
LOOKALIKE_MESSAGE = "The domain of this address imitates another one with look-alike letters."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("\u202eAmira", "Amira"),
        ("Ami\u2066ra\u2069", "Amira"),
        ("\u200fرضا\u200e", "رضا"),
        ("\u061cNadia \u202a\u202b\u202c\u202d\u2067\u2068", "Nadia"),
    ],
)
def test_bidi_controls_are_taken_out_of_display_names(client, typed, stored):
    response = client.post("/en/accounts/signup/", signup_data(display_name=typed))

    assert response.status_code == 302
    assert User.objects.get(email="nadia@example.org").display_name == stored


@pytest.mark.parametrize(
    "name",
    [
        "Столична община",
        "Sofia Municipality",
        "Municipalité de Sofia",
        "بلدية صوفيا",
        "شهرداری صوفیه",
        "Moderator",
        "Модератор",
        "Modérateur",
        "مشرف",
        "ناظر",
        "Admin",
        "Administrator",
        "Администратор",
        "Otvoren Grad",
        "Отворен град",
        "Open City",
        "Секретар на съвета",
        # Spelled to look the same: case, spacing, digits, Cyrillic and fullwidth letters, invisible marks.
        "MODERATOR",
        "  open   city ",
        "M0derat0r",
        "Мoderatоr",
        "ＡＤＭＩＮ",
        "Mod\u200beraтor",
        "Admin 2",
        "The Moderators team",
        "Отговор от Столичната община",
        "\u202eStolichna obshtina Столична община",
    ],
)
def test_names_of_the_city_and_its_staff_are_refused_and_the_form_keeps_the_input(client, name):
    response = client.post("/en/accounts/signup/", signup_data(display_name=name))

    assert response.status_code == 200
    assert not User.objects.filter(email="nadia@example.org").exists()
    assert response.context["form"].errors["display_name"] == [RESERVED_MESSAGE]
    assert response.context["form"]["display_name"].value() == name
    assert 'value="nadia@example.org"' in response.content.decode()


# The mayor, the administration, officials, the council, its chair and its secretary: each
# language's words, alone, in the plural and transliterated.
TITLES = {
    "bg": [
        "Кмет",
        "Заместник-кмет",
        "Администрация",
        "Официален профил",
        "Председател",
        "Председателят",
        "Секретар",
        "Секретариатът",
        "Съветът",
        "Кметство Лозенец",
    ],
    "en": [
        "Mayor",
        "Mayors",
        "Administration",
        "Official",
        "Officials",
        "Admins",
        "Editors",
        "Chair",
        "Council chairs",
        "Secretary",
        "The Council",
    ],
    "fr": [
        "Maire",
        "Mairie de Sofia",
        "Administration",
        "Officiel",
        "Officielle",
        "Président",
        "Présidente du conseil",
        "Secrétaire",
        "Secrétariat",
        "Conseil",
        "Hôtel de ville",
    ],
    "ar": [
        "العمدة",
        "عمدة صوفيا",
        "رئيس البلدية",
        "الإدارة",
        "الرسمي",
        "الرئيس",
        "رئيس",
        "أمين السر",
        "سكرتير",
        "المجلس",
    ],
    "fa": ["شهردار", "مدیریت", "رسمی", "رئیس", "دبیر", "منشی", "شورا", "دبیرخانه"],
    "translit": [
        "Stolichna obshtina",
        "Stolichnata Obshtina",
        "Obshtina Sofia",
        "Obština",
        "Sofia municipality",
        "Municipality of Sofia",
        "Kmet",
        "Sofia City Hall",
    ],
}


@pytest.mark.parametrize("language", TITLES)
def test_titles_of_the_city_and_the_council_are_refused_in_every_language(client, language):
    for name in TITLES[language]:
        response = client.post("/en/accounts/signup/", signup_data(display_name=name))

        assert response.status_code == 200, name
        assert response.context["form"].errors["display_name"] == [RESERVED_MESSAGE], name
        assert response.context["form"]["display_name"].value() == name
    assert not User.objects.filter(email="nadia@example.org").exists()


@pytest.mark.parametrize(
    "name",
    [
        "Richard",
        "Charles Dickens",
        "Chairman Mao fan club",
        "Mairead O'Neill",
        "Mayorga",
        "Officer Ivanova",
        "Кметова",
        "Секретна градина",
        "Sofia Petrova",
        "Jesus",
        "رئيسة الجمعية",
    ],
)
def test_words_that_only_contain_a_title_are_accepted(client, name):
    """Titles are matched as whole words after folding: a name is not refused for letters it shares."""
    response = client.post("/en/accounts/signup/", signup_data(display_name=name))

    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(email="nadia@example.org").display_name == name


@pytest.mark.parametrize(
    "name",
    ["Амира", "Badminton club Lozenets", "Фондация „Отворено общество“", "Reza 2", "مریم", "Modest Mary"],
)
def test_ordinary_names_are_accepted(client, name):
    response = client.post("/en/accounts/signup/", signup_data(display_name=name))

    assert response.status_code == 302
    assert User.objects.get(email="nadia@example.org").display_name == name


@pytest.mark.parametrize("name", ["\u202e", "\u200e\u200f", "\u200b\u2060"])
def test_a_name_with_nothing_visible_is_refused(client, name):
    response = client.post("/en/accounts/signup/", signup_data(display_name=name))

    assert response.status_code == 200
    assert "display_name" in response.context["form"].errors


@pytest.mark.parametrize(
    "email",
    [
        "nadia@gmаil.com",  # a Cyrillic а
        "nadia@gmaіl.com",  # a Cyrillic і
        "nadia@xn--gmal-nze.com",  # the same, in punycode
        "nadia@xn--80ak6aa92e.com",  # аррӏе, all Cyrillic
        "nadia@gmai1.com",
        "nadia@yah00.com",
        "nadia@mail.gmai1.com",
        "nadia@sofіa.bg",
    ],
)
def test_look_alike_email_domains_are_refused_and_the_form_keeps_the_input(client, email):
    response = client.post("/en/accounts/signup/", signup_data(email=email))

    assert response.status_code == 200
    assert not User.objects.filter(display_name="Надя").exists()
    errors = response.context["form"].errors["email"]
    assert len(errors) == 1 and errors[0].startswith(LOOKALIKE_MESSAGE)
    assert response.context["form"]["email"].value() == email
    assert 'value="Надя"' in response.content.decode()


@pytest.mark.parametrize("email", ["nadia@gmail.com", "nadia@mail.bg", "nadia@пример.бг", "nadia@sofia.bg"])
def test_ordinary_domains_are_accepted(client, email):
    response = client.post("/en/accounts/signup/", signup_data(email=email))

    assert response.status_code == 302
    assert User.objects.filter(email=email).exists()


def test_a_look_alike_domain_of_the_site_itself_is_refused(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://otvorengrad.example.bg"

    refused = client.post("/en/accounts/signup/", signup_data(email="nadia@otvoren9rad.example.bg"))
    accepted = client.post("/en/accounts/signup/", signup_data(email="nadia@otvorengrad.example.bg"))

    assert refused.context["form"].errors["email"][0].startswith(LOOKALIKE_MESSAGE)
    assert accepted.status_code == 302


def test_a_look_alike_address_cannot_be_added_to_an_account(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/en/accounts/email/", {"action_add": "", "email": "nadia@gmаil.com"})

    assert response.status_code == 200
    assert LOOKALIKE_MESSAGE in response.content.decode()
    assert not EmailAddress.objects.filter(email="nadia@gmаil.com").exists()
    assert mail.outbox == []


SPAM = "Win 1000 EUR at https://spam.example/prize now"


def test_the_verification_email_carries_no_text_the_person_chose(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://otvorengrad.example.bg"

    client.post("/en/accounts/signup/", signup_data(display_name=SPAM, preferred_language="en"))

    (message,) = mail.outbox
    for part in (message.subject, message.body, message.from_email):
        assert "spam.example" not in part and "Win 1000" not in part
    assert "/accounts/confirm-email/" in message.body
    assert "Otvoren Grad" in message.body and "https://otvorengrad.example.bg" in message.body
    assert "localhost" not in message.body.replace("http://localhost/en/accounts/confirm-email/", "")


def test_the_email_confirming_a_new_address_carries_no_text_the_person_chose(client):
    user = UserFactory(display_name=SPAM, preferred_language="en")
    client.force_login(user)

    client.post("/en/accounts/email/", {"action_add": "", "email": "new-address@example.org"})

    (message,) = mail.outbox
    assert message.to == ["new-address@example.org"]
    assert "spam.example" not in message.subject + message.body
    assert "/accounts/confirm-email/" in message.body


def test_signing_in_still_works_for_a_name_given_before_the_rules(client):
    """Accounts made before the rules keep signing in; the rules apply to what is typed."""
    user = UserFactory(display_name="Moderator")

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_the_refusals_are_translated(client):
    """In Bulgarian here; the catalogs are checked complete for every language by CI."""
    response = client.post(
        "/bg/accounts/signup/", signup_data(display_name="Модератор", email="nadia@gmаil.com")
    )

    errors = response.context["form"].errors
    assert errors["display_name"] == [
        "Това име е запазено за общината и нейните служители. Моля, изберете друго."
    ]
    assert errors["email"][0].startswith("Домейнът на този адрес имитира друг чрез сходни на вид букви.")
