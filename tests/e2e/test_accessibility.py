"""axe-core on every page type, the council's pages and forms showing errors, in Bulgarian,
English and Arabic: no serious or critical violation, and nothing wider than a 360 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.models import User
from cms.models import ActionPlanPage
from council.models import Meeting, Motion
from tests.e2e.conftest import t

LANGUAGES = ["bg", "en", "ar"]
PHONE = {"width": 360, "height": 740}


def plan_version(language):
    plan = ActionPlanPage.objects.get(locale__language_code=language)
    return f"{plan.url}versions/{plan.revisions.order_by('pk').first().pk}/"


def held_meeting(language):
    return (
        f"/{language}/council/meetings/{Motion.objects.filter(closed_at__isnull=False).first().meeting_id}/"
    )


def minutes(language):
    return f"{held_meeting(language)}minutes/"


def planned_meeting(language):
    return f"/{language}/council/meetings/{Meeting.objects.filter(status='planned').first().pk}/"


def signup_with_errors(page, language):
    page.goto(f"/{language}/accounts/signup/")
    page.locator("#id_email").fill("not an address")
    page.locator("#id_password1").fill("short")
    page.locator("form.signup, form").last.evaluate("form => form.noValidate = true")
    page.locator("button[type=submit]").last.click()


def comment_with_errors(page, language):
    page.goto(f"/{language}/consultations/action-plan-2026/")
    links = " ".join(f"https://example.org/{n}" for n in range(5))
    page.locator("#id_text").fill(links)
    page.get_by_role("button", name=t(language, "Publish comment")).click()


def proposal_with_errors(page, language):
    page.goto(f"/{language}/consultations/action-plan-2026/proposals/new/")
    page.locator("form.contribution-form").evaluate("form => form.noValidate = true")
    page.locator("form.contribution-form button[type=submit]").click()


def login_with_errors(page, language):
    page.goto(f"/{language}/accounts/login/")
    page.locator("#id_login").fill("nobody@example.org")
    page.locator("#id_password").fill("wrong password")
    page.locator("button[type=submit]").last.click()


def erase_with_errors(page, language):
    page.goto(f"/{language}/accounts/my-data/")
    page.locator("#id_password").fill("not my password")
    page.locator("button.danger").click()


def meeting_form_with_errors(page, language):
    page.goto(f"/{language}/council/meetings/new/")
    page.locator("form.contribution-form").first.evaluate("form => form.noValidate = true")
    page.locator("form.contribution-form button[type=submit]").first.click()


# name: (who is signed in, the address or the steps that show the page)
PAGES = {
    "home": (None, "/{language}/"),
    "standard page": (None, "/{language}/bureau/"),
    "privacy": (None, "/{language}/privacy/"),
    "calendar": (None, "/{language}/bureau/calendar/"),
    "event": (None, "/{language}/bureau/calendar/legal-consultation-2026-12/"),
    "action plan": (None, "/{language}/action-plan/?sphere=integration"),
    "plan versions": (None, "/{language}/action-plan/versions/"),
    "plan version": (None, plan_version),
    "consultations": (None, "/{language}/consultations/"),
    "open consultation": (None, "/{language}/consultations/action-plan-2026/"),
    "closed consultation": (None, "/{language}/consultations/bureau-services-2026/"),
    "upcoming consultation": (None, "/{language}/consultations/intercultural-festival-2027/"),
    "report": (None, "/{language}/consultations/bureau-services-2026/report/"),
    "search": (None, "/{language}/search/?q=Sofia"),
    "public decisions": (None, "/{language}/decisions/"),
    "not found": (None, "/{language}/no-such-page/"),
    "login with errors": (None, login_with_errors),
    "signup with errors": (None, signup_with_errors),
    "consultation signed in": ("participant@example.org", "/{language}/consultations/action-plan-2026/"),
    "comment with errors": ("participant@example.org", comment_with_errors),
    "proposal with errors": ("participant@example.org", proposal_with_errors),
    "account": ("participant@example.org", "/{language}/accounts/email/"),
    "my data": ("participant@example.org", "/{language}/accounts/my-data/"),
    "erase with errors": ("participant@example.org", erase_with_errors),
    "council": ("chair@example.org", "/{language}/council/"),
    "council meeting": ("chair@example.org", held_meeting),
    "planned meeting": ("chair@example.org", planned_meeting),
    "meeting form with errors": ("chair@example.org", meeting_form_with_errors),
    "minutes": ("chair@example.org", minutes),
    "decisions": ("member1@example.org", "/{language}/council/decisions/"),
    "audit log": ("chair@example.org", "/{language}/council/audit/"),
    "members only": ("participant@example.org", "/{language}/council/"),
}


def show(page, language, address):
    if callable(address) and address.__name__.endswith("_with_errors"):
        address(page, language)
        expect(page.locator(".errorlist, .message-error, .form-errors").first).to_be_visible()
    else:
        page.goto(address(language) if callable(address) else address.format(language=language))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(open_browser, name, language):
    email, address = PAGES[name]
    page = open_browser(User.objects.get(email=email) if email else None)
    show(page, language, address)
    expect(page.locator("html")).to_have_attribute("lang", language)

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()

    page.set_viewport_size(PHONE)
    wider = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(element => element.getBoundingClientRect().right > innerWidth + 1
                            || element.getBoundingClientRect().left < -1)
            .filter(element => getComputedStyle(element).position !== 'absolute'
                            || element.getBoundingClientRect().width > 1)
            .map(element => element.outerHTML.slice(0, 120))"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wider[:5]
