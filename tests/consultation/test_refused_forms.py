"""A refused form says what is wrong at its top, links each error to its field, names the error in
the page's title and keeps what was typed; reloading an action's address leads back to the page."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from consultation.models import ConsultationPage, Poll, Proposal
from tests.accounts.test_signup import signup_data

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response, language="bg"):
    """The summary's links by field, after checking it is an alert that takes focus."""
    page = soup(response)
    summary = page.select_one(".error-summary")
    assert summary is not None
    assert summary["role"] == "alert" and summary["tabindex"] == "-1" and summary.has_attr("autofocus")
    with translation.override(language):
        assert summary.h2.get_text(strip=True) == gettext("There is a problem")
        assert page.title.get_text(strip=True).startswith(gettext("Error:"))
    for link in summary.select("a"):
        assert page.select_one(link["href"]) is not None  # each link reaches its field
    return [link["href"] for link in summary.select("a")]


def test_a_refused_comment_shows_the_summary_and_keeps_the_text(client, participant):
    text = "Дълъг коментар " * 400  # over the 5,000 characters allowed

    response = client.post(f"{OPEN}comment/", {"text": text, "language": "xx", "organisation": "Сдружение"})

    assert response.status_code == 400
    assert error_summary(response) == ["#id_text", "#id_language"]
    form = soup(response).select_one("form#comment-form")
    assert form.select_one(".error-summary") is not None  # at the top of the form itself
    assert form.textarea.get_text().strip() == text.strip()  # a browser drops the first newline
    assert form.select_one("input[name=organisation]")["value"] == "Сдружение"


def test_a_refused_comment_error_without_a_field_is_listed_unlinked(client, participant):
    response = client.post(f"{OPEN}comment/", {"text": "Отговор", "language": "bg", "reply_to": "999999"})

    assert response.status_code == 400
    assert error_summary(response) == []
    with translation.override("bg"):
        items = [item.get_text(strip=True) for item in soup(response).select(".error-summary li")]
        assert items == [gettext("The comment you reply to is not available.")]


def test_an_accepted_page_has_no_summary_and_no_error_in_its_title(client, participant):
    page = soup(client.get(OPEN))

    assert page.select_one(".error-summary") is None
    with translation.override("bg"):
        assert not page.title.get_text(strip=True).startswith(gettext("Error:"))


def test_a_refused_proposal_shows_the_summary_and_keeps_the_text(client, participant):
    response = client.post(
        f"{OPEN}proposals/new/", {"title": "", "text": "Моят дълъг текст", "language": "bg"}
    )

    assert error_summary(response) == ["#id_title"]
    assert soup(response).select_one("textarea[name=text]").get_text().strip() == "Моят дълъг текст"


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_refused_sign_in_shows_the_summary_in_the_language_of_the_page(client, language):
    response = client.post(
        f"/{language}/accounts/login/", {"login": "nobody@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert error_summary(response, language) == []  # allauth's refusal belongs to the whole form
    assert soup(response).select_one("input[name=login]")["value"] == "nobody@example.org"


def test_a_refused_signup_links_each_error_to_its_field(client):
    response = client.post("/bg/accounts/signup/", signup_data(accept_terms=None, display_name="Надя"))

    assert "#id_accept_terms" in error_summary(response)
    assert soup(response).select_one("input[name=display_name]")["value"] == "Надя"


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


def test_opening_an_action_address_leads_back_to_the_page(client, participant, consultation):
    proposal = Proposal.objects.of(consultation).first()
    poll = Poll.objects.of(consultation).first()
    addresses = {
        "comment/": "#comment-form",
        f"proposals/{proposal.pk}/support/": "#proposals",
        "follow/": "",
    }
    if poll is not None:
        addresses[f"polls/{poll.pk}/vote/"] = "#polls"

    for address, anchor in addresses.items():
        response = client.get(f"{OPEN}{address}")
        assert (response.status_code, response["Location"]) == (302, f"{OPEN}{anchor}"), address


def test_an_anonymous_visitor_reloading_the_comment_address_also_goes_back(client):
    response = client.get(f"{OPEN}comment/")

    assert (response.status_code, response["Location"]) == (302, f"{OPEN}#comment-form")


def test_a_refused_meeting_form_of_the_council_shows_the_summary(client):
    client.force_login(User.objects.get(email="chair@example.org"))
    data = {"title": "Юнско заседание", "starts_at": "", "place": "Бюрото", "status": "planned"}
    data.update({"agenda-TOTAL_FORMS": "0", "agenda-INITIAL_FORMS": "0"})

    response = client.post("/bg/council/meetings/new/", data)

    assert "#id_starts_at" in error_summary(response)
    assert soup(response).select_one("input[name=title]")["value"] == "Юнско заседание"
