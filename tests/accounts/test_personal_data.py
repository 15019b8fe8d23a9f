"""A participant downloads what we hold about them and erases their account (/<lang>/accounts/my-data/)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from consultation.models import Comment, ConsultationPage, Follow, Poll, Proposal, Support, Vote
from council.models import Membership, NamedVote
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

MY_DATA = "/en/accounts/my-data/"
DOWNLOAD = "/en/accounts/my-data/download/"
OPEN = "/en/consultations/action-plan-2026/"


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


@pytest.fixture
def participant(client, consultation):
    user = UserFactory(display_name="Farida")
    Comment.objects.create(consultation=consultation, author=user, language="fa", text="کلاس‌های زبان عصرها")
    Proposal.objects.create(
        consultation=consultation,
        author=user,
        language="en",
        title="Evening desk",
        text="…",
        organisation="Women's Centre",
    )
    Support.objects.create(proposal=Proposal.objects.exclude(author=user).first(), user=user)
    poll = Poll.objects.filter(consultation=consultation).first()
    Vote.objects.create(poll=poll, choice=poll.choices.first(), user=user)
    Follow.objects.create(user=user, consultation=consultation)
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", [MY_DATA, DOWNLOAD])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_the_download_holds_everything_about_me_and_nothing_about_others(client, participant):
    someone_else = UserFactory(display_name="Someone else")
    Comment.objects.create(
        consultation=Comment.objects.first().consultation, author=someone_else, language="en", text="Not mine"
    )

    response = client.get(DOWNLOAD)

    assert response["Content-Disposition"] == 'attachment; filename="otvoren-grad-my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == participant.email
    assert data["account"]["display_name"] == "Farida"
    assert [comment["text"] for comment in data["comments"]] == ["کلاس‌های زبان عصرها"]
    assert [proposal["title"] for proposal in data["proposals"]] == ["Evening desk"]
    assert data["proposals"][0]["on_behalf_of"] == "Women's Centre"
    assert len(data["supports"]) == 1 and len(data["poll_answers"]) == 1 and len(data["following"]) == 1
    assert "Not mine" not in response.content.decode()


def test_a_wrong_password_erases_nothing(client, participant):
    response = client.post(MY_DATA, {"password": "not my password"})

    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=participant.pk).exists()


def test_erasing_keeps_the_public_record_without_the_name(client, participant, consultation):
    proposal = Support.objects.get(user=participant).proposal
    supports = proposal.supports.count()
    poll = Vote.objects.get(user=participant).poll
    answers = poll.votes.count()

    response = client.post(MY_DATA, {"password": PASSWORD})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=participant.pk).exists()
    comment = Comment.objects.get(text="کلاس‌های زبان عصرها")
    assert comment.author is None and comment.status == "published"
    assert proposal.supports.count() == supports and poll.votes.count() == answers
    assert not Follow.objects.filter(consultation=consultation, user_id=participant.pk).exists()
    page = client.get(OPEN).content.decode()
    article = BeautifulSoup(page, "html.parser").select_one(f"#comment-{comment.pk}")
    assert "Deleted participant" in article.get_text()
    assert "Farida" not in page
    assert client.get(MY_DATA).status_code == 302  # signed out


def signed_in_member(client, email):
    """A council member of the demo, signed in, with a password they can confirm."""
    membership = Membership.objects.get(user__email=email)
    membership.user.set_password(PASSWORD)
    membership.user.save()
    client.force_login(membership.user)
    return membership


def test_a_council_member_keeps_their_name_on_the_official_record(client):
    membership = signed_in_member(client, "member1@example.org")
    user = membership.user
    name = user.display_name
    named_votes = NamedVote.objects.filter(membership=membership).count()

    client.post(MY_DATA, {"password": PASSWORD})

    user.refresh_from_db()
    assert user.display_name == name
    assert user.email.endswith("@invalid") and not user.is_active and not user.has_usable_password()
    assert not user.emailaddress_set.exists()
    assert NamedVote.objects.filter(membership=membership).count() == named_votes
    assert not client.login(email="member1@example.org", password=PASSWORD)


def test_password_guesses_are_limited(client, participant):
    for _attempt in range(5):
        client.post(MY_DATA, {"password": "guess"})

    response = client.post(MY_DATA, {"password": PASSWORD})

    assert "Too many attempts" in response.content.decode()
    assert get_user_model().objects.filter(pk=participant.pk).exists()


def test_an_erased_member_no_longer_counts_for_the_quorum(client):
    membership = signed_in_member(client, "member2@example.org")

    client.post(MY_DATA, {"password": PASSWORD})

    assert not Membership.objects.current().filter(pk=membership.pk).exists()


def test_an_officer_in_the_audit_log_keeps_their_name_there(client):
    from council.models import AuditEntry, Meeting

    secretariat = UserFactory(display_name="Секретариат")
    AuditEntry.objects.create(actor=secretariat, meeting=Meeting.objects.first(), action="Протокол")
    client.force_login(secretariat)

    client.post(MY_DATA, {"password": PASSWORD})

    entry = AuditEntry.objects.get(action="Протокол")
    assert entry.actor.display_name == "Секретариат" and not entry.actor.is_active


def test_erased_poll_answers_still_count_but_not_as_a_participant(client, participant, consultation):
    from django.contrib.auth.models import AnonymousUser

    from consultation.report import ConsultationReportData

    before = ConsultationReportData(consultation, AnonymousUser()).participants
    client.post(MY_DATA, {"password": PASSWORD})

    after = ConsultationReportData(consultation, AnonymousUser()).participants
    assert None not in after and after == before - {participant.pk}
