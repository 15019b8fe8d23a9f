"""axe-core on every page type, the council's pages and forms showing errors, in Bulgarian,
English and Arabic: no serious or critical violation, and nothing wider than a 360 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.models import User
from cms.models import ActionPlanPage
from consultation.models import Comment
from council.models import Meeting, Motion

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


def report_abuse(language):
    comment = Comment.objects.filter(status="published", parent__isnull=True).first()
    return f"/{language}/consultations/action-plan-2026/comments/{comment.pk}/report/"


def planned_meeting(language):
    return f"/{language}/council/meetings/{Meeting.objects.filter(status='planned').first().pk}/"


class FormWithErrors:
    """Fills a form with what it refuses and sends it past the browser's own checks, so the
    server's error messages show."""

    def __init__(self, path, fields=(), form="main form"):
        self.path, self.fields, self.form = path, fields, form

    def __call__(self, page, language):
        page.goto(f"/{language}{self.path}")
        for selector, value in self.fields:
            page.locator(selector).fill(value)
        form = page.locator(self.form).last
        form.evaluate("form => form.noValidate = true")
        form.locator("button[type=submit]").last.click()
        expect(page.locator(".errorlist, .message-error").first).to_be_visible()


FIVE_LINKS = " ".join(f"https://example.org/{n}" for n in range(5))


# name: (who is signed in, the address or the steps that show the page)
PAGES = {
    "home": (None, "/{language}/"),
    "standard page": (None, "/{language}/bureau/"),
    "privacy": (None, "/{language}/privacy/"),
    "accessibility statement": (None, "/{language}/accessibility/"),
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
    "open data": (None, "/{language}/open-data/"),
    "not found": (None, "/{language}/no-such-page/"),
    "login with errors": (
        None,
        FormWithErrors("/accounts/login/", [("#id_login", "nobody@example.org"), ("#id_password", "wrong")]),
    ),
    "signup with errors": (
        None,
        FormWithErrors("/accounts/signup/", [("#id_email", "not an address"), ("#id_password1", "short")]),
    ),
    "consultation signed in": ("participant@example.org", "/{language}/consultations/action-plan-2026/"),
    "comment with errors": (
        "participant@example.org",
        FormWithErrors("/consultations/action-plan-2026/", [("#id_text", FIVE_LINKS)], "#comment-form"),
    ),
    "proposal with errors": (
        "participant@example.org",
        FormWithErrors("/consultations/action-plan-2026/proposals/new/", form="form.contribution-form"),
    ),
    "report abuse": ("participant@example.org", report_abuse),
    "account": ("participant@example.org", "/{language}/accounts/email/"),
    "my data": ("participant@example.org", "/{language}/accounts/my-data/"),
    "erase with errors": (
        "participant@example.org",
        FormWithErrors("/accounts/my-data/", [("#id_password", "not my password")], "form.contribution-form"),
    ),
    "council": ("chair@example.org", "/{language}/council/"),
    "council meeting": ("chair@example.org", held_meeting),
    "planned meeting": ("chair@example.org", planned_meeting),
    "meeting form with errors": (
        "chair@example.org",
        FormWithErrors("/council/meetings/new/", form="form.contribution-form"),
    ),
    "minutes": ("chair@example.org", minutes),
    "decisions": ("member1@example.org", "/{language}/council/decisions/"),
    "audit log": ("chair@example.org", "/{language}/council/audit/"),
    "members only": ("participant@example.org", "/{language}/council/"),
}


def show(page, language, address):
    if isinstance(address, FormWithErrors):
        address(page, language)
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
