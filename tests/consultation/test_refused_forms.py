"""A refused form says what is wrong at its top, links each error to its field, names the error in
the page's title and keeps what was typed; reloading an action's address leads back to the page.
Every form of a consultation does so: comments, proposals, polls, supports, abuse reports, changes."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from consultation.models import Comment, ConsultationPage, Poll, Proposal
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

    response = client.post(
        f"{OPEN}comment/", {"text": text, "language": "xx", "organisation": "Сдружение", "emails": "no"}
    )

    assert response.status_code == 400
    assert error_summary(response) == ["#id_text", "#id_language"]
    form = soup(response).select_one("form#comment-form")
    assert form.select_one(".error-summary") is not None  # at the top of the form itself
    assert form.textarea.get_text().strip() == text.strip()  # a browser drops the first newline
    assert form.select_one("input[name=organisation]")["value"] == "Сдружение"


def test_a_refused_comment_error_without_a_field_is_listed_unlinked(client, participant):
    response = client.post(
        f"{OPEN}comment/", {"text": "Отговор", "language": "bg", "reply_to": "999999", "emails": "no"}
    )

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
        f"{OPEN}proposals/new/", {"title": "", "text": "Моят дълъг текст", "language": "bg", "emails": "no"}
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


def test_a_poll_answered_without_a_choice_comes_back_at_the_poll(client, participant, consultation):
    poll = Poll.objects.of(consultation).first()

    response = client.post(f"{OPEN}polls/{poll.pk}/vote/", {})

    assert response.status_code == 400  # the consultation's page again, like a refused comment
    assert error_summary(response) == [f"#poll-{poll.pk}-choice"]
    article = soup(response).select_one(f"#poll-{poll.pk}")
    assert article.select_one(".error-summary") is not None  # at the poll's own form
    assert len(article.select("form input[type=radio][name=choice]")) == poll.choices.count()
    assert len(soup(response).select(".error-summary")) == 1  # the other polls are as they were


def test_a_second_answer_to_a_poll_says_so_at_the_poll(client, participant, consultation):
    poll = Poll.objects.of(consultation).first()
    choice = poll.choices.first()
    client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": choice.pk})

    response = client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": choice.pk})

    assert response.status_code == 400
    assert error_summary(response) == []
    with translation.override("bg"):
        reason = gettext("You have already answered this question.")
    assert reason in soup(response).select_one(f"#poll-{poll.pk} .error-summary").get_text()
    assert poll.votes.filter(user=participant).count() == 1


def test_a_refused_support_says_why_at_the_proposal(client, participant, consultation):
    proposal = Proposal.objects.create(
        consultation=consultation, author=participant, language="bg", title="Моята мярка", text="т"
    )

    response = client.post(f"{OPEN}proposals/{proposal.pk}/support/")

    assert response.status_code == 400
    assert error_summary(response) == []
    with translation.override("bg"):
        reason = gettext("You cannot support your own proposal.")
    assert reason in soup(response).select_one(f"#proposal-{proposal.pk} .error-summary").get_text()


@pytest.mark.parametrize("reason", ["", "Обидно " * 200])  # nothing, or over the 1,000 characters
def test_a_refused_abuse_report_shows_the_summary_and_keeps_the_text(
    client, participant, consultation, reason
):
    comment = Comment.objects.of(consultation).filter(status="published").first()

    response = client.post(f"{OPEN}comments/{comment.pk}/report/", {"reason": reason})

    assert response.status_code == 200
    assert error_summary(response) == ["#id_reason"]
    assert soup(response).select_one("main form .error-summary") is not None
    assert soup(response).select_one("textarea[name=reason]").get_text().strip() == reason.strip()


def test_a_refused_change_of_a_comment_shows_the_summary_and_keeps_the_text(
    client, participant, consultation
):
    comment = Comment.objects.create(
        consultation=consultation, author=participant, language="bg", text="Първо"
    )
    text = "example.com example.org example.net example.com/path"  # four links, one more than allowed

    response = client.post(f"{OPEN}comments/{comment.pk}/edit/", {"text": text, "language": "bg"})

    assert response.status_code == 200
    assert error_summary(response) == ["#id_text"]
    assert soup(response).select_one("main form .error-summary") is not None
    assert soup(response).select_one("textarea[name=text]").get_text().strip() == text
    assert Comment.objects.get(pk=comment.pk).text == "Първо"
