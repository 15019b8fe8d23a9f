"""Contributions that reached the city by email, letter, in person or phone, entered by a moderator
on the sender's behalf: published, answered like any other, and recorded with who entered them."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import roles
from consultation.models import Channel, Comment, ConsultationPage, ConsultationReport, Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENTER = "/admin/enter-received-contribution/"


def entry(consultation, **data):
    return {
        "kind": "comment",
        "channel": "email",
        "received_on": timezone.localdate().isoformat(),
        "section": str(consultation.sections.first().translation_key),
        "title": "",
        "text": "Писмо до Бюрото: моля за повече часове за консултации.",
        "language": "bg",
        "named": "",
        "sender_name": "",
        "organisation": "",
        **data,
    }


def post(client, consultation, **data):
    return client.post(f"{ENTER}?consultation={consultation.pk}", entry(consultation, **data))


def test_a_moderator_enters_an_email_which_is_published_with_its_channel(client, moderator, consultation):
    response = post(
        client, consultation, named="on", sender_name="Мария Петрова", organisation="Сдружение Мост"
    )

    assert response.status_code == 302
    comment = Comment.objects.get(text__startswith="Писмо до Бюрото")
    assert comment.author is None
    assert comment.entered_by == moderator
    assert comment.channel == Channel.EMAIL
    assert comment.is_public and comment.reviewed_at is not None
    assert comment.section_key == consultation.sections.first().translation_key
    page = BeautifulSoup(client.get("/fr/consultations/action-plan-2026/").content, "html.parser")
    article = page.find(id=f"comment-{comment.pk}")
    with translation.override("fr"):
        assert gettext("By email") in article.text
    assert "Мария Петрова" in article.text
    assert "Сдружение Мост" in article.find(class_="comment-organisation").text


def test_the_record_shows_who_entered_it(client, moderator, consultation):
    post(client, consultation)
    comment = Comment.objects.get(text__startswith="Писмо до Бюрото")

    listing = client.get("/admin/moderate_comments/?channel=email")

    assert moderator.display_name in listing.content.decode()
    assert f"/admin/moderate_comments/edit/{comment.pk}/" in listing.content.decode()


def test_a_sender_who_did_not_agree_is_not_named_and_nothing_typed_is_lost(client, moderator, consultation):
    response = post(client, consultation, sender_name="Иван Иванов")

    assert response.status_code == 200
    assert not Comment.objects.filter(text__startswith="Писмо до Бюрото").exists()
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find("textarea", attrs={"name": "text"}).text.strip().startswith("Писмо до Бюрото")
    assert form.find("input", attrs={"name": "sender_name"})["value"] == "Иван Иванов"


def test_an_unnamed_sender_shows_as_such(client, moderator, consultation):
    post(client, consultation, channel="letter")
    comment = Comment.objects.get(text__startswith="Писмо до Бюрото")

    page = BeautifulSoup(client.get("/bg/consultations/action-plan-2026/").content, "html.parser")

    with translation.override("bg"):
        assert gettext("A sender who is not named") in page.find(id=f"comment-{comment.pk}").text
        assert gettext("By letter") in page.find(id=f"comment-{comment.pk}").text


@pytest.mark.parametrize("when", ["before it opened", "tomorrow"])
def test_a_day_the_consultation_was_not_open_or_still_to_come_is_refused(
    client, moderator, consultation, when
):
    if when == "tomorrow":
        day = timezone.localdate() + timedelta(days=1)
    else:
        day = timezone.localdate(consultation.opens_at) - timedelta(days=1)

    response = post(client, consultation, received_on=day.isoformat())

    assert response.status_code == 200
    assert not Comment.objects.filter(text__startswith="Писмо до Бюрото").exists()
    with translation.override("bg"):
        assert gettext("Give a day on which the consultation was open, not later than today.") in (
            response.content.decode()
        )


def test_a_proposal_needs_a_title_and_is_on_the_whole_draft(client, moderator, consultation):
    refused = post(client, consultation, kind="proposal")
    entered = post(client, consultation, kind="proposal", section="", title="Съботна смяна")

    assert refused.status_code == 200
    assert entered.status_code == 302
    proposal = Proposal.objects.get(title="Съботна смяна")
    assert proposal.channel == Channel.EMAIL and proposal.entered_by is not None


def test_nothing_can_be_entered_once_the_report_is_published(client, moderator):
    closed = ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")
    day = timezone.localdate(closed.closes_at).isoformat()

    response = post(client, closed, received_on=day, section="")

    assert response.status_code == 200
    assert not Comment.objects.filter(text__startswith="Писмо до Бюрото").exists()
    assert ConsultationReport.objects.get(consultation=closed).is_published


def test_participants_and_editors_cannot_enter_contributions(client, consultation):
    editor = UserFactory(roles=[roles.EDITORS])
    for user in (UserFactory(), editor):
        client.force_login(user)
        assert client.get(f"{ENTER}?consultation={consultation.pk}").status_code in (302, 403)
        assert post(client, consultation).status_code in (302, 403)
    client.logout()
    assert post(client, consultation).status_code == 302
    assert not Comment.objects.filter(text__startswith="Писмо до Бюрото").exists()


def test_the_menu_item_is_shown_to_moderators_only(client, moderator):
    assert ENTER in client.get("/admin/").content.decode()
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert ENTER not in client.get("/admin/").content.decode()


def test_a_participant_may_write_for_an_organisation(client, participant, consultation):
    response = client.post(
        "/bg/consultations/action-plan-2026/comment/",
        {
            "text": "Като сдружение подкрепяме раздела.",
            "language": "bg",
            "organisation": "Сдружение „Мост“",
            "emails": "no",
        },
    )

    assert response.status_code == 302
    comment = Comment.objects.get(text="Като сдружение подкрепяме раздела.")
    assert comment.organisation == "Сдружение „Мост“"
    assert comment.named_as == "Сдружение „Мост“"


def test_an_organisation_may_not_take_the_citys_name(client, participant, consultation):
    response = client.post(
        "/bg/consultations/action-plan-2026/comment/",
        {"text": "Официално становище.", "language": "bg", "organisation": "Столична община", "emails": "no"},
    )

    assert not Comment.objects.filter(text="Официално становище.").exists()
    with translation.override("bg"):
        assert gettext("This name is reserved for the city and its staff. Please choose another one.") in (
            response.content.decode()
        )
