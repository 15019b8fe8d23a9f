"""A vote is answered where it was cast (#17 item 4): a named vote's page says the choice in text
and marks its button; a secret vote is asked once more, beside the motion, before it is sealed,
and that step stores nothing; the confirming submission goes through every check again."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from council.models import (
    Attendance,
    AuditEntry,
    Membership,
    Motion,
    NamedVote,
    Option,
    SecretBallot,
    SecretParticipation,
)
from tests.council.helpers import present_members
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def open_motion(meeting, method):
    motion = Motion.objects.create(meeting=meeting, text=f"A {method} motion", method=method)
    motion.open_vote()
    return motion


@pytest.fixture
def named(followup):
    return open_motion(followup, Motion.Method.NAMED)


@pytest.fixture
def secret(followup):
    return open_motion(followup, Motion.Method.SECRET)


@pytest.fixture
def voter(client, followup):
    membership = next(m for m in present_members(followup) if m.role == Membership.Role.MEMBER)
    client.force_login(membership.user)
    return membership


def article(response, motion):
    return BeautifulSoup(response.content, "html.parser").select_one(f"#motion-{motion.pk}")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def said(language, message, **values):
    """A message as the page shows it in `language`, without its markup."""
    with translation.override(language):
        text = translation.gettext(message) % {
            name: translation.gettext(value) for name, value in values.items()
        }
    return text_of(BeautifulSoup(text, "html.parser"))


def ballots(motion):
    return SecretBallot.objects.filter(motion=motion).count(), SecretParticipation.objects.filter(
        motion=motion
    ).count()


def test_after_a_named_vote_the_page_says_the_choice_and_marks_its_button(client, named, voter):
    response = client.post(f"/fa/council/motions/{named.pk}/vote/", {"option": "against"})

    assert (response.status_code, response["Location"]) == (
        302,
        f"/fa/council/meetings/{named.meeting_id}/#motion-{named.pk}",
    )
    motion = article(client.get(response["Location"]), named)
    assert said("fa", "You voted: <strong>%(option)s</strong>", option="Against") in text_of(
        motion.select_one(".vote-done")
    )
    pressed = {button["value"]: button["aria-pressed"] for button in motion.select("button[name=option]")}
    assert pressed == {"for": "false", "against": "true", "abstain": "false"}
    assert "secondary" not in motion.select_one("button[aria-pressed=true]").get("class", [])
    assert NamedVote.objects.get(motion=named, membership=voter).option == Option.AGAINST


def test_before_any_vote_no_choice_is_said_or_marked(client, named, voter):
    motion = article(client.get(f"/fa/council/meetings/{named.meeting_id}/"), named)

    assert motion.select_one(".vote-done") is None
    assert {button["aria-pressed"] for button in motion.select("button[name=option]")} == {"false"}


def test_a_secret_votes_first_submission_stores_nothing_and_asks_to_confirm(client, secret, voter):
    before = ballots(secret), AuditEntry.objects.count(), dict(client.session)

    response = client.post(f"/fa/council/motions/{secret.pk}/vote/", {"option": "against"})

    assert (ballots(secret), AuditEntry.objects.count(), dict(client.session)) == before
    assert ballots(secret) == (0, 0)
    assert "no-store" in response["Cache-Control"]
    confirmation = article(response, secret).select_one(".ballot-confirmation")
    assert confirmation.has_attr("autofocus")
    assert said("fa", "Your choice: <strong>%(option)s</strong>", option="Against") in text_of(confirmation)
    assert said("fa", "Once it is cast, a secret vote cannot be changed.") in text_of(confirmation)
    form = confirmation.form
    assert form["action"] == f"/fa/council/motions/{secret.pk}/vote/"
    sent_back = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert sent_back == {
        "csrfmiddlewaretoken": sent_back["csrfmiddlewaretoken"],
        "option": "against",
        "confirmed": "1",
    }
    assert text_of(form.button) == said("fa", "Cast my secret vote")
    back = form.select_one("a")
    assert (text_of(back), back["href"]) == (
        said("fa", "Go back"),
        f"/fa/council/meetings/{secret.meeting_id}/#motion-{secret.pk}",
    )


def test_the_confirming_submission_casts_the_secret_vote_exactly_once(client, secret, voter):
    confirm = {"option": "abstain", "confirmed": "1"}

    response = client.post(f"/fa/council/motions/{secret.pk}/vote/", confirm)
    again = client.post(f"/fa/council/motions/{secret.pk}/vote/", confirm)  # a second tap

    assert (response.status_code, response["Location"]) == (
        302,
        f"/fa/council/meetings/{secret.meeting_id}/#motion-{secret.pk}",
    )
    assert ballots(secret) == (1, 1)
    assert said("fa", "You have already voted: a secret vote cannot be changed.") in text_of(
        article(again, secret).select_one(".error-summary")
    )
    page = article(client.get(response["Location"]), secret)
    assert said("fa", "You have voted. A secret vote cannot be changed.") in text_of(
        page.select_one(".vote-done")
    )
    assert page.select_one("button[name=option]") is None
    assert secret.close_vote().result().counts == {"for": 0, "against": 0, "abstain": 1}


def test_a_named_vote_needs_no_confirmation(client, named, voter):
    client.post(f"/bg/council/motions/{named.pk}/vote/", {"option": "for"})

    assert NamedVote.objects.filter(motion=named, membership=voter).count() == 1


def refused_on_both_steps(client, motion, reason, language="bg"):
    """Both the first and the confirming submission come back refused, with the reason beside the
    motion, and nothing is stored."""
    before = ballots(motion)
    for data in ({"option": "for"}, {"option": "for", "confirmed": "1"}):
        response = client.post(f"/{language}/council/motions/{motion.pk}/vote/", data)
        summary = article(response, motion).select_one(".error-summary")
        assert summary["role"] == "alert" and summary.has_attr("autofocus"), data
        assert said(language, reason) in text_of(summary), data
        assert article(response, motion).select_one(".ballot-confirmation") is None
        with translation.override(language):
            assert (
                BeautifulSoup(response.content, "html.parser")
                .title.get_text()
                .startswith(translation.gettext("Error:"))
            )
    assert ballots(motion) == before


def test_an_absent_member_is_refused_at_both_steps(client, secret, followup):
    absent = followup.attendances.exclude(status=Attendance.Status.PRESENT).first().membership
    client.force_login(absent.user)

    refused_on_both_steps(client, secret, "Only members present at the meeting can vote.")


def test_a_closed_vote_is_refused_at_both_steps(client, secret, voter):
    secret.close_vote()

    refused_on_both_steps(client, secret, "This vote is not open.")


def test_a_second_ballot_is_refused_at_both_steps(client, secret, voter):
    secret.cast(voter, Option.FOR)

    refused_on_both_steps(client, secret, "You have already voted: a secret vote cannot be changed.", "fa")
    assert ballots(secret) == (1, 1)


def test_a_vote_closed_between_the_two_steps_is_not_cast(client, secret, voter):
    client.post(f"/bg/council/motions/{secret.pk}/vote/", {"option": "for"})
    secret.close_vote()

    response = client.post(f"/bg/council/motions/{secret.pk}/vote/", {"option": "for", "confirmed": "1"})

    assert said("bg", "This vote is not open.") in text_of(
        article(response, secret).select_one(".error-summary")
    )
    assert Motion.objects.get(pk=secret.pk).votes_cast == 0


def test_an_unknown_option_is_refused_and_nothing_is_asked(client, secret, voter):
    response = client.post(f"/bg/council/motions/{secret.pk}/vote/", {"option": "maybe", "confirmed": "1"})

    assert said("bg", "Choose for, against or abstain.") in text_of(article(response, secret))
    assert ballots(secret) == (0, 0)


@pytest.mark.parametrize("confirmed", [{}, {"confirmed": "1"}])
def test_people_who_are_not_members_are_refused_at_both_steps(client, secret, confirmed):
    client.force_login(UserFactory())

    response = client.post(f"/bg/council/motions/{secret.pk}/vote/", {"option": "for", **confirmed})

    assert response.status_code == 403
    assert ballots(secret) == (0, 0)
