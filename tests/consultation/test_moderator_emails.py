"""Moderators' emails: one when something is reported as abusive, a daily digest of what waits,
each in the moderator's language, each of which they can turn off."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import roles
from consultation.models import AbuseReport, Comment, ConsultationPage, ModerationStatus, Proposal
from tests.factories import CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"


@pytest.fixture
def comment(consultation):
    return CommentFactory(consultation=consultation, text="Това е обидно за съседите ми.", language="bg")


@pytest.fixture
def moderator():
    return UserFactory(roles=[roles.MODERATORS], preferred_language="fr")


def to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def stop_link(message):
    return re.search(r"https?://[^/\s]+(/\w+/accounts/stop-emails/\S+/)", message.body)[1]


def report(client, item, reporter, capture):
    client.force_login(reporter)
    with capture(execute=True):
        client.post(f"{OPEN}{item._meta.model_name}s/{item.pk}/report/", {"reason": "Обижда ме лично."})


# When something is reported as abusive ------------------------------------------------------


def test_moderators_are_told_in_their_language_without_the_reporter(
    client, comment, moderator, django_capture_on_commit_callbacks
):
    reporter = UserFactory(display_name="Сигнализиращ")

    report(client, comment, reporter, django_capture_on_commit_callbacks)

    [message] = to(moderator)
    with translation.override("fr"):
        assert message.subject == gettext("A comment was reported as abusive")
        title = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="fr").title
    assert title in message.body
    assert comment.text in message.body
    assert f"/admin/moderate_comments/edit/{comment.pk}/" in message.body
    assert "/fr/accounts/stop-emails/" in message.body
    for personal in (reporter.display_name, reporter.email, "Обижда ме лично."):
        assert personal not in message.body


def test_only_moderators_who_want_it_are_told(client, comment, moderator, django_capture_on_commit_callbacks):
    unwilling = UserFactory(roles=[roles.MODERATORS], abuse_report_emails=False)
    editor = UserFactory(roles=[roles.EDITORS])
    reporter = UserFactory()

    report(client, comment, reporter, django_capture_on_commit_callbacks)

    moderators = get_user_model().objects.filter(groups__name=roles.MODERATORS, abuse_report_emails=True)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        moderators.values_list("email", flat=True)
    )
    assert moderator.email in [message.to[0] for message in mail.outbox]
    for nobody in (unwilling, editor, reporter, comment.author):
        assert to(nobody) == []


def test_a_reported_proposal_names_its_title(
    client, consultation, moderator, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(consultation=consultation, title="Реклама на фирма")

    report(client, proposal, UserFactory(), django_capture_on_commit_callbacks)

    [message] = to(moderator)
    with translation.override("fr"):
        assert message.subject == gettext("A proposal was reported as abusive")
    assert "Реклама на фирма" in message.body
    assert f"/admin/moderate_proposals/edit/{proposal.pk}/" in message.body


def test_a_second_report_by_the_same_person_tells_nobody(
    client, comment, moderator, django_capture_on_commit_callbacks
):
    reporter = UserFactory()
    report(client, comment, reporter, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    report(client, comment, reporter, django_capture_on_commit_callbacks)

    assert mail.outbox == []


# The daily digest ---------------------------------------------------------------------------


@pytest.fixture
def nothing_waits():
    Comment.objects.filter(status=ModerationStatus.PENDING).update(status=ModerationStatus.PUBLISHED)
    Proposal.objects.filter(status=ModerationStatus.PENDING).update(status=ModerationStatus.PUBLISHED)
    AbuseReport.objects.all().delete()


def test_nothing_is_sent_when_nothing_waits(nothing_waits, moderator):
    call_command("send_moderation_digest", verbosity=0)

    assert mail.outbox == []


def test_the_digest_counts_what_waits_per_consultation(client, nothing_waits, consultation, moderator):
    pending = {"consultation": consultation, "status": ModerationStatus.PENDING}
    CommentFactory.create_batch(2, **pending)
    ProposalFactory(**pending)
    read = CommentFactory(consultation=consultation)
    AbuseReport.objects.create(comment=read, reporter=UserFactory(), reason="Спам")
    # Read by a moderator after it was reported: that report is no longer open.
    dealt_with = CommentFactory(consultation=consultation)
    AbuseReport.objects.create(
        comment=dealt_with,
        reporter=UserFactory(),
        reason="Спам",
        created_at=timezone.now() - timedelta(hours=1),
    )
    Comment.objects.filter(pk=dealt_with.pk).update(reviewed_at=timezone.now())

    call_command("send_moderation_digest", verbosity=0)

    [message] = to(moderator)
    with translation.override("fr"):
        assert message.subject == gettext("What waits for moderation today")
        assert f"{gettext('Comments awaiting moderation')}: 2" in message.body
        assert f"{gettext('Proposals awaiting moderation')}: 1" in message.body
        assert f"{gettext('Open abuse reports of comments')}: 1" in message.body
        assert gettext("Open abuse reports of proposals") not in message.body
        title = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="fr").title
        assert gettext("Consultation “%(title)s”:") % {"title": title} in message.body
    pending_comments = f"/admin/moderate_comments/?consultation={consultation.pk}&status=pending"
    assert pending_comments in message.body
    # The link opens the queue on those comments.
    client.force_login(moderator)
    queue = BeautifulSoup(client.get(pending_comments).content, "html.parser")
    assert len(queue.select("tbody tr")) == 2


def test_the_digest_goes_once_a_day_to_moderators_who_want_it(nothing_waits, consultation, moderator):
    unwilling = UserFactory(roles=[roles.MODERATORS], moderation_digest_emails=False)
    participant = UserFactory()
    CommentFactory(consultation=consultation, status=ModerationStatus.PENDING)

    call_command("send_moderation_digest", verbosity=0)
    call_command("send_moderation_digest", verbosity=0)

    assert len(to(moderator)) == 1
    assert to(unwilling) == [] and to(participant) == []
    moderators = get_user_model().objects.filter(groups__name=roles.MODERATORS, moderation_digest_emails=True)
    assert len(mail.outbox) == moderators.count()

    # The next day it goes again.
    get_user_model().objects.filter(pk=moderator.pk).update(
        moderation_digest_sent_on=timezone.localdate() - timedelta(days=1)
    )
    call_command("send_moderation_digest", verbosity=0)
    assert len(to(moderator)) == 2


# Turning them off -----------------------------------------------------------------------------


def test_the_stop_link_asks_on_get_and_turns_off_that_kind_on_post(
    client, comment, moderator, django_capture_on_commit_callbacks
):
    report(client, comment, UserFactory(), django_capture_on_commit_callbacks)
    link = stop_link(to(moderator)[0])
    client.logout()

    page = client.get(link)
    moderator.refresh_from_db()
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert moderator.abuse_report_emails

    client.post(link)
    moderator.refresh_from_db()
    assert not moderator.abuse_report_emails
    assert moderator.moderation_digest_emails  # the other kind stays on


def test_the_digest_link_turns_off_the_digest_only(nothing_waits, client, consultation, moderator):
    CommentFactory(consultation=consultation, status=ModerationStatus.PENDING)
    call_command("send_moderation_digest", verbosity=0)

    client.post(stop_link(to(moderator)[0]))

    moderator.refresh_from_db()
    assert not moderator.moderation_digest_emails and moderator.abuse_report_emails


def test_the_stop_link_needs_its_signature(client, comment, moderator, django_capture_on_commit_callbacks):
    report(client, comment, UserFactory(), django_capture_on_commit_callbacks)
    link = stop_link(to(moderator)[0])
    signature = link.rstrip("/").rsplit(":", 1)[1]
    forged = link.replace(signature, ("B" if signature[0] == "A" else "A") + signature[1:])
    for wrong in (forged, "/fr/accounts/stop-emails/nothing/"):
        assert client.get(wrong).status_code == 404
        assert client.post(wrong).status_code == 404
    moderator.refresh_from_db()
    assert moderator.abuse_report_emails


# In the admin's account settings --------------------------------------------------------------


def test_moderators_turn_them_off_in_their_account_settings(client, moderator):
    client.force_login(moderator)
    page = BeautifulSoup(client.get("/admin/account/").content, "html.parser")
    assert page.select_one('input[name="moderator_emails-abuse_report_emails"][checked]')
    assert page.select_one('input[name="moderator_emails-moderation_digest_emails"][checked]')

    data = {
        field["name"]: field.get("value", "on" if field.get("type") == "checkbox" else "")
        for field in page.select("form input[name]")
        if field.get("type") not in ("checkbox", "radio", "file") or field.has_attr("checked")
    }
    data |= {
        select["name"]: select.select_one("option[selected]")["value"]
        for select in page.select("form select")
    }
    data.pop("moderator_emails-abuse_report_emails")
    response = client.post("/admin/account/", data)

    assert response.status_code == 302
    moderator.refresh_from_db()
    assert not moderator.abuse_report_emails and moderator.moderation_digest_emails


def test_others_do_not_see_moderators_emails(client):
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    assert "moderator_emails-" not in client.get("/admin/account/").content.decode()
