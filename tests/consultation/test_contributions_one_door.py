"""Issue 13, items 3, 10 and 11, through HTTP: an edit of a pre-moderated contribution goes back to
the queue; the same form sent twice makes one contribution; the link limit counts every link
shown; nobody supports their own proposal; no reply to what others cannot read."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from accounts import roles
from consultation.models import Comment, ConsultationPage, ModerationStatus, Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"
QUEUE = "/admin/moderate_comments/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def new_client(user=None):
    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


@pytest.fixture
def pre_moderated(consultation):
    consultation.moderation = ConsultationPage.Moderation.BEFORE
    consultation.save_revision().publish()
    return consultation


def messages_of(response):
    return [node.get_text(" ", strip=True) for node in soup(response).select(".messages .message")]


def in_bulgarian(message):
    """A message as the Bulgarian page shows it (English until the catalog has it)."""
    with translation.override("bg"):
        return translation.gettext(message)


def comment_form_key(client, query=""):
    return soup(client.get(f"{OPEN}{query}")).select_one("#comment-form input[name=submission_key]")["value"]


# Item 3: an edit of a pre-moderated contribution goes back to the queue -------------------------


def approve(comment):
    moderator = new_client(UserFactory(roles=[roles.MODERATORS]))
    data = {"status": "published", "moderation_reason": "", "official_answer": "", "answer_language": "bg"}
    response = moderator.post(f"{QUEUE}edit/{comment.pk}/", data)
    assert response.status_code == 302
    return moderator


def test_an_approved_comment_changed_by_its_author_waits_for_a_moderator_again(
    client, participant, pre_moderated, settings
):
    settings.PAGE_CACHE_SECONDS = 60  # the anonymous copy of the page must not keep the old text
    client.post(f"{OPEN}comment/", {"text": "Първоначален текст", "language": "bg", "emails": "no"})
    comment = Comment.objects.get(author=participant)
    moderator = approve(comment)
    anonymous = new_client()
    assert "Първоначален текст" in anonymous.get(OPEN).content.decode()

    response = client.post(
        f"{OPEN}comments/{comment.pk}/edit/", {"text": "Непрегледан текст", "language": "bg"}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == ModerationStatus.PENDING and comment.reviewed_at is None
    for reader in (anonymous, new_client(UserFactory())):
        page = reader.get(OPEN).content.decode()
        assert "Непрегледан текст" not in page and "Първоначален текст" not in page
    mine = soup(client.get(OPEN)).find(id=f"comment-{comment.pk}")
    assert "Непрегледан текст" in mine.select_one(".comment-text").get_text()
    assert mine.select_one(".status-note")
    queue = soup(moderator.get(QUEUE, {"unread": "true", "status": "pending"}))
    assert queue.find("a", href=f"{QUEUE}edit/{comment.pk}/")

    approve(comment)

    assert "Непрегледан текст" in anonymous.get(OPEN).content.decode()


def test_in_a_consultation_moderated_afterwards_an_edit_stays_published_and_is_read_again(
    client, participant, consultation
):
    client.post(f"{OPEN}comment/", {"text": "Публикуван веднага", "language": "bg", "emails": "no"})
    comment = Comment.objects.get(author=participant)
    approve(comment)

    client.post(f"{OPEN}comments/{comment.pk}/edit/", {"text": "Поправен", "language": "bg"})

    comment.refresh_from_db()
    assert comment.status == ModerationStatus.PUBLISHED and comment.reviewed_at is None
    assert "Поправен" in new_client().get(OPEN).content.decode()


def test_an_edit_saved_while_a_moderator_hides_the_comment_does_not_undo_the_hiding(
    client, participant, consultation
):
    client.post(f"{OPEN}comment/", {"text": "Текст преди скриването", "language": "bg", "emails": "no"})
    read_by_the_edit = Comment.objects.get(author=participant)  # the author's request read it here
    moderator = new_client(UserFactory(roles=[roles.MODERATORS]))
    data = {
        "status": "hidden",
        "moderation_reason": "Реклама",
        "official_answer": "",
        "answer_language": "bg",
    }
    assert moderator.post(f"{QUEUE}edit/{read_by_the_edit.pk}/", data).status_code == 302

    read_by_the_edit.edit_by_author("Текст след скриването", "bg")

    read_by_the_edit.refresh_from_db()
    assert read_by_the_edit.status == ModerationStatus.HIDDEN
    assert "Текст след скриването" not in new_client().get(OPEN).content.decode()


# Item 10: the same form sent twice makes one contribution ----------------------------------------


def test_a_double_click_on_a_comment_makes_one_comment_and_both_answers_agree(client, participant):
    data = {
        "text": "Двоен клик",
        "language": "bg",
        "emails": "no",
        "submission_key": comment_form_key(client),
    }

    first = client.post(f"{OPEN}comment/", data)
    second = client.post(f"{OPEN}comment/", data)

    comment = Comment.objects.get(author=participant)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"{OPEN}#comment-{comment.pk}"
    assert messages_of(client.get(OPEN))  # the second answer says what the first said


def test_a_double_click_on_a_reply_makes_one_reply(client, participant, consultation):
    parent = Comment.objects.filter(
        consultation=consultation, parent=None, status=ModerationStatus.PUBLISHED
    ).first()
    key = comment_form_key(client, f"?reply_to={parent.pk}")
    data = {
        "text": "Един отговор",
        "language": "bg",
        "emails": "no",
        "reply_to": parent.pk,
        "submission_key": key,
    }

    answers = {client.post(f"{OPEN}comment/", data)["Location"] for _n in range(3)}

    assert Comment.objects.filter(author=participant, parent=parent).count() == 1
    assert len(answers) == 1


def test_a_double_click_on_a_proposal_makes_one_proposal(client, participant):
    form = soup(client.get(f"{OPEN}proposals/new/"))
    key = form.select_one("main form input[name=submission_key]")["value"]
    data = {
        "title": "Нощен автобус",
        "text": "До бюрото.",
        "language": "bg",
        "emails": "no",
        "submission_key": key,
    }

    answers = [client.post(f"{OPEN}proposals/new/", data) for _n in range(5)]

    proposal = Proposal.objects.get(author=participant)
    assert {answer["Location"] for answer in answers} == {f"{OPEN}#proposal-{proposal.pk}"}


def test_each_form_shown_has_a_new_key(client, participant):
    first, second = comment_form_key(client), comment_form_key(client)
    proposal_keys = {
        soup(client.get(f"{OPEN}proposals/new/")).select_one("input[name=submission_key]")["value"]
        for _n in range(2)
    }

    assert first != second and len(proposal_keys) == 2


def test_a_refused_form_keeps_its_key_and_the_corrected_one_is_saved_once(client, participant):
    key = comment_form_key(client)

    refused = client.post(
        f"{OPEN}comment/", {"text": "", "language": "bg", "emails": "no", "submission_key": key}
    )

    assert refused.status_code == 400
    assert soup(refused).select_one("#comment-form input[name=submission_key]")["value"] == key
    data = {"text": "Поправено", "language": "bg", "emails": "no", "submission_key": key}
    client.post(f"{OPEN}comment/", data)
    client.post(f"{OPEN}comment/", data)
    assert Comment.objects.filter(author=participant).count() == 1


def test_a_key_belongs_to_its_author(client, participant):
    key = comment_form_key(client)
    client.post(f"{OPEN}comment/", {"text": "Мой", "language": "bg", "emails": "no", "submission_key": key})
    other = UserFactory()

    response = new_client(other).post(
        f"{OPEN}comment/", {"text": "Чужд", "language": "bg", "emails": "no", "submission_key": key}
    )

    comment = Comment.objects.get(author=other)
    assert comment.text == "Чужд" and response["Location"].endswith(f"#comment-{comment.pk}")


@pytest.mark.parametrize("model", [Comment, Proposal])
def test_the_database_refuses_a_second_contribution_with_the_same_key_by_the_same_author(consultation, model):
    author, key = UserFactory(), uuid.uuid4()

    def write(author):
        return model.objects.create(
            consultation=consultation, author=author, language="bg", text="т", submission_key=key
        )

    write(author)
    write(UserFactory())  # the same key is another author's own

    with pytest.raises(IntegrityError), transaction.atomic():
        write(author)


def test_a_form_without_a_valid_key_is_still_saved(client, participant):
    for key in ("", "not-a-key"):
        assert client.post(
            f"{OPEN}comment/",
            {"text": f"Без ключ {key}", "language": "bg", "emails": "no", "submission_key": key},
        )["Location"]

    assert Comment.objects.filter(author=participant).count() == 2


# Item 11: links, self-support, replies to what others cannot read --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "example.com example.org example.net example.com/path",
        "a@sofia.bg b@sofia.bg c@sofia.bg d@sofia.bg",
        "www.sofia.bg, https://sofia.bg, пиши на bureau@sofia.bg или виж sofia.org.",
    ],
)
def test_four_links_of_any_kind_are_refused_and_the_text_is_kept(client, participant, text):
    response = client.post(f"{OPEN}comment/", {"text": text, "language": "bg", "emails": "no"})

    assert response.status_code == 400
    assert soup(response).select_one("#comment-form textarea").get_text().strip() == text
    assert soup(response).select("#comment-form .errorlist li")
    assert not Comment.objects.filter(author=participant).exists()
    proposal = client.post(
        f"{OPEN}proposals/new/", {"title": "Връзки", "text": text, "language": "bg", "emails": "no"}
    )
    assert proposal.status_code == 200 and "text" in proposal.context["form"].errors


def test_three_links_are_accepted_and_exactly_those_are_clickable(client, participant):
    client.post(
        f"{OPEN}comment/",
        {
            "text": "Виж example.com и www.sofia.bg, пиши на bureau@sofia.bg. sofia.bg",
            "language": "bg",
            "emails": "no",
        },
    )

    comment = Comment.objects.get(author=participant)
    links = soup(client.get(OPEN)).find(id=f"comment-{comment.pk}").select(".comment-text a")
    assert [link["href"] for link in links] == [
        "http://example.com",
        "http://www.sofia.bg",
        "mailto:bureau@sofia.bg",
    ]


def test_a_participant_cannot_support_their_own_proposal(client, participant, consultation):
    proposal = Proposal.objects.create(
        consultation=consultation, author=participant, language="bg", title="Моята мярка", text="т"
    )
    assert not soup(client.get(OPEN)).find(id=f"proposal-{proposal.pk}").select("form")

    response = client.post(f"{OPEN}proposals/{proposal.pk}/support/")

    assert proposal.supports.count() == 0
    assert response.status_code == 400  # the page again, the reason where the person acted
    summary = soup(response).find(id=f"proposal-{proposal.pk}").select_one(".error-summary")
    assert in_bulgarian("You cannot support your own proposal.") in summary.get_text()
    client.force_login(UserFactory())
    client.post(f"{OPEN}proposals/{proposal.pk}/support/")
    assert proposal.supports.count() == 1


@pytest.mark.parametrize(
    "status", [ModerationStatus.HIDDEN, ModerationStatus.REJECTED, ModerationStatus.PENDING]
)
def test_no_reply_to_a_comment_others_cannot_read(client, participant, consultation, status):
    parent = Comment.objects.create(
        consultation=consultation,
        author=participant,
        language="bg",
        text="Скрит",
        status=status,
        moderation_reason="лични данни",
    )
    form = soup(client.get(OPEN, {"reply_to": parent.pk})).select_one("#comment-form")
    assert form.select_one("input[name=reply_to]")["value"] == ""
    assert not soup(client.get(OPEN)).find("a", href=f"?reply_to={parent.pk}#comment-form")

    response = client.post(
        f"{OPEN}comment/", {"text": "Моят отговор", "language": "bg", "emails": "no", "reply_to": parent.pk}
    )

    assert response.status_code == 400
    form = soup(response).select_one("#comment-form")
    assert form.select_one("textarea").get_text().strip() == "Моят отговор"
    assert (
        in_bulgarian("The comment you reply to is not available.") in form.select_one(".errorlist").get_text()
    )
    assert not parent.replies.exists()


def test_a_proposal_title_loses_the_controls_that_would_reverse_it(client, participant):
    data = {"title": "\u202eМарки", "text": "Повече автобуси.", "language": "bg", "emails": "no"}

    assert client.post(f"{OPEN}proposals/new/", data).status_code == 302

    assert Proposal.objects.get(author=participant).title == "Марки"
