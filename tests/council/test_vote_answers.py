"""How a vote is answered (#17 item 4, #20 item 2). A cast vote leads back to its motion on the
meeting page, which says the choice in text and marks its button. A secret vote is asked once more
before it is sealed, and a refused vote is told why, each on a small page of its own (the motion,
the choice or the reason, the way back to the motion), not the whole meeting page: that step stores
nothing, and the confirming submission goes through every check again."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from cms.models.translations import save_translations
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
from tests.factories import AgendaItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def open_motion(meeting, method, **fields):
    motion = Motion.objects.create(meeting=meeting, text=f"A {method} motion", method=method, **fields)
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


def vote(client, motion, language="bg", **data):
    return client.post(f"/{language}/council/motions/{motion.pk}/vote/", data)


def main(response):
    return BeautifulSoup(response.content, "html.parser").select_one("main")


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


def back_to(motion):
    return f"/meetings/{motion.meeting_id}/#motion-{motion.pk}"


def assert_only_this_motion(page, motion, followup):
    """The answer names its motion and nothing else of the meeting: no motion, vote count or
    attendance of the meeting page."""
    assert text_of(page.select_one("h2.vote-motion")) == motion.text
    assert page.select(".motion, .votes-cast, #attendance, #motions") == []
    for other in followup.motions.exclude(pk=motion.pk):
        assert other.text not in text_of(page)


def test_after_a_named_vote_the_page_says_the_choice_and_marks_its_button(client, named, voter):
    response = vote(client, named, "fa", option="against")

    assert (response.status_code, response["Location"]) == (302, f"/fa/council{back_to(named)}")
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


def test_a_secret_votes_first_submission_stores_nothing_and_asks_on_a_page_of_its_own(
    client, secret, named, voter, followup
):
    before = ballots(secret), AuditEntry.objects.count(), dict(client.session)

    response = vote(client, secret, "fa", option="against")

    assert (ballots(secret), AuditEntry.objects.count(), dict(client.session)) == before
    assert ballots(secret) == (0, 0)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = main(response)
    heading = page.find(True)  # the page starts with its heading, on the first screen of a phone
    assert (heading.name, text_of(heading)) == ("h1", said("fa", "Confirm your secret vote"))
    confirmation = page.select_one(".ballot-confirmation")
    assert confirmation.has_attr("autofocus") and confirmation["aria-labelledby"] == heading["id"]
    assert_only_this_motion(page, secret, followup)
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
    assert (text_of(back), back["href"]) == (said("fa", "Go back"), f"/fa/council{back_to(secret)}")


def test_the_motion_is_named_with_its_agenda_item_in_the_readers_language(client, followup, voter):
    item = AgendaItemFactory(meeting=followup, title="Бюджет")
    motion = open_motion(followup, Motion.Method.SECRET, agenda_item=item)
    save_translations(item, "title", {"fa": "بودجه"})
    save_translations(motion, "text", {"fa": "شورا بودجه را تأیید می‌کند."})

    page = main(vote(client, motion, "fa", option="for"))

    assert page.select_one("h2.vote-motion").get_text().strip() == "بودجه: شورا بودجه را تأیید می‌کند."
    assert said("fa", "Translation: the original text is authoritative.") in text_of(page)


def test_a_vote_on_a_motion_that_does_not_exist_is_not_found_and_records_nothing(client, named, voter):
    gone, recorded = Motion(pk=named.pk + 1000), NamedVote.objects.count()

    response = vote(client, gone, "fa", option="for", confirmed="1")

    assert response.status_code == 404
    assert NamedVote.objects.count() == recorded and ballots(gone) == (0, 0)


def test_the_confirming_submission_casts_the_secret_vote_exactly_once(client, secret, voter, followup):
    confirm = {"option": "abstain", "confirmed": "1"}

    response = vote(client, secret, "fa", **confirm)
    again = vote(client, secret, "fa", **confirm)  # a second tap, or the confirming form sent again

    assert (response.status_code, response["Location"]) == (302, f"/fa/council{back_to(secret)}")
    assert ballots(secret) == (1, 1)
    assert_refused(again, secret, "You have already voted: a secret vote cannot be changed.", "fa")
    assert_only_this_motion(main(again), secret, followup)
    page = article(client.get(response["Location"]), secret)
    assert said("fa", "You have voted. A secret vote cannot be changed.") in text_of(
        page.select_one(".vote-done")
    )
    assert page.select_one("button[name=option]") is None
    assert secret.close_vote().result().counts == {"for": 0, "against": 0, "abstain": 1}


def test_a_named_vote_needs_no_confirmation(client, named, voter):
    vote(client, named, option="for")

    assert NamedVote.objects.filter(motion=named, membership=voter).count() == 1


def assert_refused(response, motion, reason, language="bg"):
    """A refused vote's own page: the reason in the error summary, which takes focus; a way back
    to the motion; nothing to confirm; never cached."""
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = main(response)
    heading = page.find(True)
    assert (heading.name, text_of(heading)) == ("h1", said(language, "Your vote"))
    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert" and summary.has_attr("autofocus")
    assert said(language, reason) in text_of(summary)
    assert page.select_one(".ballot-confirmation") is None
    back = page.find("a", string=said(language, "Back to the motion"))
    assert back["href"] == f"/{language}/council{back_to(motion)}"
    with translation.override(language):
        title = BeautifulSoup(response.content, "html.parser").title.get_text()
        assert title.startswith(translation.gettext("Error:"))


def refused_on_both_steps(client, motion, reason, language="bg"):
    """Both the first and the confirming submission come back refused, and nothing is stored."""
    before = ballots(motion)
    for data in ({"option": "for"}, {"option": "for", "confirmed": "1"}):
        assert_refused(vote(client, motion, language, **data), motion, reason, language)
    assert ballots(motion) == before


def test_an_absent_member_is_refused_at_both_steps(client, secret, followup):
    absent = followup.attendances.exclude(status=Attendance.Status.PRESENT).first().membership
    client.force_login(absent.user)

    refused_on_both_steps(client, secret, "Only members present at the meeting can vote.")


def test_a_closed_vote_is_refused_at_both_steps(client, secret, voter):
    secret.close_vote()

    refused_on_both_steps(client, secret, "This vote is not open.", "ar")


def test_a_second_ballot_is_refused_at_both_steps(client, secret, voter):
    secret.cast(voter, Option.FOR)

    refused_on_both_steps(client, secret, "You have already voted: a secret vote cannot be changed.", "fa")
    assert ballots(secret) == (1, 1)


def test_a_vote_closed_between_the_two_steps_is_not_cast(client, secret, voter):
    vote(client, secret, option="for")
    secret.close_vote()

    response = vote(client, secret, option="for", confirmed="1")

    assert_refused(response, secret, "This vote is not open.")
    assert Motion.objects.get(pk=secret.pk).votes_cast == 0


def test_an_unknown_option_is_refused_and_nothing_is_asked(client, secret, voter):
    response = vote(client, secret, option="maybe", confirmed="1")

    assert_refused(response, secret, "Choose for, against or abstain.")
    assert ballots(secret) == (0, 0)


@pytest.mark.parametrize("confirmed", [{}, {"confirmed": "1"}])
def test_people_who_are_not_members_are_refused_at_both_steps(client, secret, confirmed):
    client.force_login(UserFactory())

    response = vote(client, secret, option="for", **confirmed)

    assert response.status_code == 403
    assert ballots(secret) == (0, 0)
