"""The council on a 360 × 740 phone (#17 items 4–5, #20 item 2): a member votes in Farsi, a named
vote shows the choice beside its motion, a secret vote is confirmed first on a page of its own and
a refused one says why there, each in view; an officer records attendance with every choice whole
on the screen, in each language; axe finds nothing serious on these pages at that width."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from council.models import Attendance, Meeting, Membership, Motion, SecretBallot
from tests.e2e.conftest import ARTEFACTS, t
from tests.e2e.test_staff_journeys import council_meeting_today

PHONE = {"width": 360, "height": 740}


def on_a_phone(open_browser, email):
    page = open_browser(Membership.objects.get(user__email=email).user, width=PHONE["width"])
    page.set_viewport_size(PHONE)
    return page


def open_votes(meeting):
    motions = []
    for text, method in [("Съветът приема плана.", "named"), ("Избор на заместник-председател.", "secret")]:
        motion = Motion.objects.create(meeting=meeting, text=text, method=method)
        motion.open_vote()
        motions.append(motion)
    return motions


def without_markup(text):
    return re.sub(r"<[^>]+>", "", text)


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def asked_to_confirm(page, language, motion):
    """A secret vote's page of its own: its heading and the whole confirmation on the first screen,
    the confirmation focused, nothing wider than the phone."""
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(t(language, "Confirm your secret vote"))
    expect(heading).to_be_in_viewport()
    confirmation = page.locator(".ballot-confirmation")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_contain_text(motion.text)
    expect(confirmation).to_be_in_viewport(ratio=1)
    assert fits(page)
    return confirmation


def refused(page, language, reason):
    """A refused vote's page of its own: its heading and the reason on the first screen, the error
    summary focused."""
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Your vote"))
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(t(language, reason))
    expect(summary).to_be_in_viewport(ratio=1)
    assert fits(page)


def test_a_member_votes_on_a_phone_in_farsi(open_browser):
    language = "fa"
    meeting = council_meeting_today(f"{language} phone")
    named, secret = open_votes(meeting)
    page = on_a_phone(open_browser, "member1@example.org")
    page.goto(f"/{language}/council/meetings/{meeting.pk}/")

    named_motion = page.locator(f"#motion-{named.pk}")
    named_motion.get_by_role("button", name=t(language, "Against")).click()
    expect(named_motion.get_by_role("button", name=t(language, "Against"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(named_motion.get_by_role("button", name=t(language, "For"))).to_have_attribute(
        "aria-pressed", "false"
    )
    chosen = named_motion.locator(".vote-done")
    you_voted = t(language, "You voted: <strong>%(option)s</strong>", option=t(language, "Against"))
    expect(chosen).to_contain_text(without_markup(you_voted))
    expect(chosen).to_be_in_viewport()

    secret_motion = page.locator(f"#motion-{secret.pk}")
    secret_motion.get_by_role("button", name=t(language, "For")).click()
    confirmation = asked_to_confirm(page, language, secret)
    expect(confirmation).to_contain_text(t(language, "For"))
    expect(confirmation).to_contain_text(t(language, "Once it is cast, a secret vote cannot be changed."))
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"council-secret-confirmation-{language}-360.png")
    assert not SecretBallot.objects.filter(motion=secret).exists()

    confirmation.get_by_role("link", name=t(language, "Go back")).click()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/#motion-{secret.pk}$"))
    secret_motion.get_by_role("button", name=t(language, "Abstain")).click()
    asked_to_confirm(page, language, secret).get_by_role(
        "button", name=t(language, "Cast my secret vote")
    ).click()
    done = secret_motion.locator(".vote-done")
    expect(done).to_have_text(t(language, "You have voted. A secret vote cannot be changed."))
    expect(done).to_be_in_viewport()
    assert page.url.endswith(f"/meetings/{meeting.pk}/#motion-{secret.pk}")
    expect(secret_motion.get_by_role("button", name=t(language, "Abstain"))).to_have_count(0)
    assert SecretBallot.objects.filter(motion=secret).count() == 1
    page.screenshot(path=ARTEFACTS / f"council-secret-cast-{language}-360.png")


@pytest.mark.parametrize("language", ["fa", "ar", "bg", "en", "fr"])
def test_an_officer_records_attendance_on_a_phone(open_browser, language):
    meeting = Meeting.objects.create(
        title=f"Attendance {language}", starts_at=timezone.now() - timedelta(hours=1), status="held"
    )
    member = Membership.objects.get(user__email="member1@example.org")
    page = on_a_phone(open_browser, "chair@example.org")
    page.goto(f"/{language}/council/meetings/{meeting.pk}/#attendance")

    form = page.locator("#attendance-form")
    assert fits(page)
    outside = page.evaluate(
        """() => [...document.querySelectorAll('#attendance-form label.choice')]
            .filter(label => {
                const box = label.getBoundingClientRect();
                return box.left < 0 || box.right > innerWidth || box.height < 44 || box.width < 44
                    || label.scrollWidth > label.clientWidth;
            })
            .map(label => label.textContent.trim())"""
    )
    assert outside == []
    assert form.locator("label.choice").count() == 5 * len(meeting.people()[0])

    group = form.locator("fieldset.attendance-member").filter(has_text=member.user.display_name)
    group.get_by_role("radio", name=t(language, "Present"), exact=True).check()
    group.get_by_role("radio", name=t(language, "Online"), exact=True).check()
    group.get_by_role("radio", name=t(language, "Online"), exact=True).scroll_into_view_if_needed()
    page.screenshot(path=ARTEFACTS / f"council-attendance-{language}-360.png")
    form.get_by_role("button", name=t(language, "Record attendance")).click()

    expect(page.locator(".messages")).to_contain_text(t(language, "Attendance recorded."))
    recorded = Attendance.objects.get(meeting=meeting, membership=member)
    assert (recorded.status, recorded.mode) == ("present", "online")
    assert (
        page.locator("#attendance-form").get_by_role("radio", name=t(language, "Online"), exact=True).count()
    )


def serious(page):
    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    return found, results


@pytest.mark.parametrize("language", ["fa", "ar", "bg"])
def test_the_meeting_pages_of_officers_and_voters_are_accessible_on_a_phone(open_browser, language):
    meeting = council_meeting_today(f"{language} axe")
    named, secret = open_votes(meeting)
    chair = on_a_phone(open_browser, "chair@example.org")
    chair.goto(f"/{language}/council/meetings/{meeting.pk}/")
    chair.locator(f"#motion-{named.pk}").get_by_role("button", name=t(language, "For")).click()
    found, results = serious(chair)
    assert not found, results.generate_report()
    assert fits(chair)

    chair.locator(f"#motion-{secret.pk}").get_by_role("button", name=t(language, "Against")).click()
    asked_to_confirm(chair, language, secret)
    found, results = serious(chair)
    assert not found, results.generate_report()

    secret.close_vote()  # before the chair confirms: the confirming vote is refused
    chair.get_by_role("button", name=t(language, "Cast my secret vote")).click()
    refused(chair, language, "This vote is not open.")
    found, results = serious(chair)
    assert not found, results.generate_report()
    chair.get_by_role("link", name=t(language, "Back to the motion")).click()
    expect(chair.locator(f"#motion-{secret.pk} caption")).to_have_text(t(language, "Result"))
