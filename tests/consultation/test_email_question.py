"""Writing no longer signs anyone up for emails: the comment and proposal forms ask, with no answer
chosen beforehand, and only "Yes" follows the consultation (the one operation the page's Follow
button uses). Replies and the city's answers are emailed to followers only, so "No" means none."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import translation

from accounts import roles
from consultation.models import Comment, ConsultationPage, Follow, Poll, Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"
YES = "Yes, email me about replies to me, the city's answers and the end of this consultation"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def in_bulgarian(message):
    with translation.override("bg"):
        return translation.gettext(message)


def follows(user, consultation):
    return Follow.objects.filter(user=user, consultation=consultation).exists()


def comment(client, emails=None, **data):
    data = {"text": "Вечерни часове, моля.", "language": "bg", **data}
    if emails is not None:
        data["emails"] = emails
    return client.post(f"{OPEN}comment/", data)


def propose(client, emails=None):
    data = {"title": "Нощен автобус", "text": "До бюрото.", "language": "bg"}
    if emails is not None:
        data["emails"] = emails
    return client.post(f"{OPEN}proposals/new/", data)


@pytest.mark.parametrize("form", ["#comment-form", "main form.contribution-form"])
def test_both_forms_ask_with_neither_answer_chosen(client, participant, form):
    page = soup(client.get(OPEN if form == "#comment-form" else f"{OPEN}proposals/new/"))

    question = page.select_one(f"{form} fieldset.email-choice")
    assert question.legend.get_text(strip=True).startswith(in_bulgarian("Emails about this consultation"))
    radios = question.select("input[type=radio][name=emails]")
    assert [radio["value"] for radio in radios] == ["yes", "no"]
    assert not [radio for radio in radios if radio.has_attr("checked")]
    assert all(radio.has_attr("required") for radio in radios)
    assert question.select_one("label[for=id_emails_0]").get_text(strip=True) == in_bulgarian(YES)


def test_no_means_no_follow(client, participant, consultation):
    response = comment(client, "no")

    assert response.status_code == 302
    assert Comment.objects.filter(author=participant).exists()
    assert not follows(participant, consultation)


def test_yes_follows_the_consultation(client, participant, consultation):
    assert comment(client, "yes").status_code == 302

    assert follows(participant, consultation)


def test_yes_from_the_farsi_page_follows_the_one_consultation(client, participant, consultation):
    farsi = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="fa")

    client.post(farsi.get_url() + "comment/", {"text": "ساعات کاری بیشتر", "language": "fa", "emails": "yes"})

    assert list(Follow.objects.filter(user=participant).values_list("consultation", flat=True)) == [
        consultation.pk
    ]


@pytest.mark.parametrize("emails", [None, "", "maybe"])
def test_a_comment_without_an_answer_comes_back_with_everything_typed(
    client, participant, consultation, emails
):
    section = consultation.sections.all()[1]

    response = comment(client, emails, section=section.translation_key, organisation="Сдружение „Мост“")

    assert response.status_code == 400
    page = soup(response)
    assert "#id_emails" in [link["href"] for link in page.select("#comment-form .error-summary a")]
    assert page.select_one("#id_emails")  # the link reaches the question
    if emails is None:
        error = in_bulgarian("Choose whether we may email you about this consultation.")
        assert error in page.select_one(".email-choice .errorlist").get_text()
    form = page.select_one("#comment-form")
    assert form.textarea.get_text().strip() == "Вечерни часове, моля."
    assert form.select_one("input[name=organisation]")["value"] == "Сдружение „Мост“"
    assert form.select_one("input[name=section]")["value"] == str(section.translation_key)
    assert not Comment.objects.filter(author=participant).exists()
    assert not follows(participant, consultation)


def test_a_refused_form_keeps_the_answer_chosen(client, participant, consultation):
    response = comment(client, "yes", text="")

    chosen = soup(response).select("#comment-form input[name=emails][checked]")
    assert [radio["value"] for radio in chosen] == ["yes"]
    assert not follows(participant, consultation)  # a refused comment follows nothing


def test_a_proposal_asks_the_same(client, participant, consultation):
    refused = propose(client)

    assert refused.status_code == 200
    assert "#id_emails" in [link["href"] for link in soup(refused).select(".error-summary a")]
    assert soup(refused).select_one("input[name=title]")["value"] == "Нощен автобус"
    assert not Proposal.objects.filter(author=participant).exists()

    assert propose(client, "no").status_code == 302
    assert not follows(participant, consultation)
    assert propose(client, "yes").status_code == 302
    assert follows(participant, consultation)


def test_a_follower_is_not_asked_again_and_is_told_where_to_stop(client, participant, consultation):
    client.post(f"{OPEN}follow/")

    for address, form in ((OPEN, "#comment-form"), (f"{OPEN}proposals/new/", "main form")):
        page = soup(client.get(address))
        assert not page.select(f"{form} input[name=emails]")
        note = page.select_one(f"{form} .email-choice-following")
        assert in_bulgarian(
            "You follow this consultation: we will email you about replies, answers and its end."
        ) in note.get_text(" ", strip=True)
        assert note.a["href"] == f"{OPEN}#follow"
    assert soup(client.get(OPEN)).select_one("form#follow button")  # where the link leads

    assert comment(client).status_code == 302  # nothing more to answer
    assert comment(client, "no").status_code == 302  # and "No" sent anyway stops nothing
    assert follows(participant, consultation)


def test_no_email_to_an_author_who_said_no(client, participant, consultation):
    """Replies and the city's answers go to followers only: "No" is no email about them."""
    comment(client, "no")
    propose(client, "no")
    written = Comment.objects.get(author=participant)
    proposal = Proposal.objects.get(author=participant)
    mail.outbox.clear()

    client.force_login(UserFactory())
    comment(client, "no", text="Отговор", reply_to=written.pk)
    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    client.post(
        f"/admin/moderate_proposals/edit/{proposal.pk}/",
        {"status": "published", "moderation_reason": "", "outcome": "accepted", "answer": "Прието."},
    )

    assert Proposal.objects.get(pk=proposal.pk).answer == "Прието."
    assert not [message for message in mail.outbox if participant.email in message.to]


def test_nothing_else_follows(client, participant, consultation):
    """Only the person's own choice follows: not opening the follow address, not answering a poll,
    not supporting a proposal, not changing a comment, and nobody signed out."""
    poll = Poll.objects.of(consultation).first()
    proposal = (
        Proposal.objects.of(consultation).exclude(author=participant).filter(status="published").first()
    )
    comment(client, "no")
    mine = Comment.objects.get(author=participant)

    assert client.get(f"{OPEN}follow/")["Location"] == OPEN
    client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": poll.choices.first().pk, "emails": "yes"})
    client.post(f"{OPEN}proposals/{proposal.pk}/support/", {"emails": "yes"})
    client.post(f"{OPEN}comments/{mine.pk}/edit/", {"text": "Поправено", "language": "bg", "emails": "yes"})
    client.logout()
    signed_out = client.post(f"{OPEN}follow/")

    assert "/accounts/login/" in signed_out["Location"]
    assert (
        poll.votes.filter(user=participant).exists() and proposal.supports.filter(user=participant).exists()
    )
    assert Comment.objects.get(pk=mine.pk).text == "Поправено"
    assert not Follow.objects.filter(user=participant).exists()


def test_the_follow_chosen_while_writing_is_in_my_data(client, participant, consultation):
    comment(client, "yes")

    data = json.loads(client.get("/bg/accounts/my-data/download/").content)

    assert data["following"] == [consultation.title]
