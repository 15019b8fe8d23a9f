"""Following a consultation, and the emails followers get in their own language."""

import pytest
from django.core import mail
from django.core.management import call_command

from consultation.models import Comment, ConsultationPage, Follow, Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


def test_following_needs_an_account(client, consultation):
    response = client.post(f"{OPEN}follow/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert (
        not Follow.objects.filter(consultation=consultation)
        .exclude(user__email__endswith="example.org")
        .exists()
    )


def test_a_participant_follows_and_stops_following(client, consultation):
    user = UserFactory()
    client.force_login(user)

    client.post(f"{OPEN}follow/")
    assert Follow.objects.filter(user=user, consultation=consultation).exists()

    client.post(f"{OPEN}follow/", {"stop": "1"})
    assert not Follow.objects.filter(user=user, consultation=consultation).exists()


def write(client, user, emails="yes", **data):
    """A comment by `user`, who answers the form's question about emails with `emails`."""
    client.force_login(user)
    client.post(f"{OPEN}comment/", {"language": "bg", "emails": emails, **data})
    return Comment.objects.filter(author=user).latest("pk")


def test_a_reply_is_emailed_to_the_author_in_their_language(client, consultation):
    author = UserFactory(preferred_language="ar")
    comment = write(client, author, text="Въпрос към всички")  # and asks for emails
    mail.outbox.clear()

    reply = write(client, UserFactory(), text="Отговор", reply_to=comment.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert "رد" in message.subject or "تعليق" in message.subject
    assert f"/ar/consultations/action-plan-2026/#comment-{reply.pk}" in message.body


def test_no_email_without_following_or_to_oneself(client, consultation):
    author = UserFactory()
    comment = write(client, author, text="Първи")
    write(client, author, text="Сам си отговарям", reply_to=comment.pk)
    Follow.objects.filter(user=author).delete()
    write(client, UserFactory(), text="Отговор", reply_to=comment.pk)

    assert not [message for message in mail.outbox if message.to == [author.email]]


def test_an_answer_to_a_proposal_is_emailed_to_its_author(client, consultation):
    from accounts import roles

    author = UserFactory(preferred_language="fr")
    client.force_login(author)
    client.post(
        f"{OPEN}proposals/new/", {"title": "Idée", "text": "Une idée.", "language": "fr", "emails": "yes"}
    )
    proposal = Proposal.objects.get(author=author)
    mail.outbox.clear()

    client.force_login(UserFactory(roles=[roles.MODERATORS]))
    client.post(
        f"/admin/moderate_proposals/edit/{proposal.pk}/",
        {"status": "published", "moderation_reason": "", "outcome": "accepted", "answer": "Прието."},
    )

    assert [message.to for message in mail.outbox] == [[author.email]]
    assert "proposition" in mail.outbox[0].subject
    assert f"/fr/consultations/action-plan-2026/#proposal-{proposal.pk}" in mail.outbox[0].body


def test_followers_are_told_once_that_a_consultation_closed(consultation):
    follower = UserFactory(preferred_language="fa")
    Follow.objects.create(user=follower, consultation=consultation)
    ConsultationPage.objects.filter(pk=consultation.pk).update(closes_at=consultation.opens_at)

    call_command("send_closing_notices", verbosity=0)
    call_command("send_closing_notices", verbosity=0)

    to_follower = [message for message in mail.outbox if message.to == [follower.email]]
    assert len(to_follower) == 1
    assert "/fa/consultations/action-plan-2026/" in to_follower[0].body


def test_emails_wait_for_the_worker_with_the_database_backend(client, consultation, settings):
    from django_tasks_db.models import DBTaskResult

    # Production's queue (django-tasks reconfigures itself when the setting changes).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    author = UserFactory()
    comment = write(client, author, text="Чака пощата")
    mail.outbox.clear()

    write(client, UserFactory(), text="Отговор", reply_to=comment.pk)

    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="consultation.notifications.send_notification")
    # What the worker does with it (the worker itself needs a transaction of its own).
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert [message.to for message in mail.outbox] == [[author.email]]


def test_plain_text_emails_are_not_html_escaped(client, consultation):
    author = UserFactory(display_name="O'Neil & Co")
    comment = write(client, author, text="Въпрос")
    mail.outbox.clear()

    write(client, UserFactory(), text="Отговор", reply_to=comment.pk)

    assert "O'Neil & Co" in mail.outbox[0].body
