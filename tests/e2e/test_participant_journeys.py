"""A newcomer signs up and takes part, with the mouse and with the keyboard only; a visitor
changes language. In English and in Arabic."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from consultation.models import Comment, Proposal, Vote
from tests.e2e.conftest import label, t

pytestmark = pytest.mark.parametrize("language", ["en", "ar"])

CONSULTATION = "/{language}/consultations/action-plan-2026/"
YES_EMAILS = "Yes, email me about replies to me, the city's answers and the end of this consultation"


class Hands:
    """Works the page with the mouse, or with the keyboard only: Tab to the control (its focus
    must show), then Enter, Space or typing."""

    def __init__(self, page, keyboard):
        self.page = page
        self.keyboard = keyboard

    def focus(self, locator):
        target = locator.element_handle()
        for _press in range(400):
            self.page.keyboard.press("Tab")
            if target.evaluate("element => element === document.activeElement"):
                outline = target.evaluate("element => getComputedStyle(element).outlineStyle")
                assert outline != "none", "the keyboard focus is not visible"
                return
        raise AssertionError(f"Tab never reaches {locator}")

    def click(self, locator):
        if not self.keyboard:
            return locator.click()
        self.focus(locator)
        self.page.keyboard.press("Enter")

    def fill(self, locator, text):
        if not self.keyboard:
            return locator.fill(text)
        self.focus(locator)
        self.page.keyboard.type(text)

    def check(self, locator):
        if not self.keyboard:
            return locator.check()
        self.focus(locator)
        self.page.keyboard.press("Space")
        expect(locator).to_be_checked()


def sign_up(hands, language, email):
    page = hands.page
    page.goto(CONSULTATION.format(language=language))
    hands.click(page.get_by_role("link", name=t(language, "Create an account")).first)
    hands.fill(page.get_by_label(t(language, "Email")), email)
    hands.fill(page.get_by_label(t(language, "Display name")), f"Newcomer {language}")
    hands.fill(page.get_by_label(label(language, "Password")), "a long enough passphrase 42")
    hands.fill(page.get_by_label(t(language, "Password (again)")), "a long enough passphrase 42")
    hands.check(page.get_by_label(t(language, "I accept the terms of use and the privacy policy")))
    hands.click(page.get_by_role("button", name=t(language, "Create an account")))
    expect(page.get_by_role("heading", level=1)).to_have_text(t(language, "Verify Your Email Address"))


def verify_email(hands, language, email):
    message = next(message for message in mail.outbox if email in message.to)
    hands.page.goto(re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0))
    hands.click(hands.page.get_by_role("button", name=t(language, "Confirm")))


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_newcomer_signs_up_and_takes_part(open_browser, language, keyboard):
    page = open_browser()
    hands = Hands(page, keyboard)
    email = f"newcomer-{language}-{'keyboard' if keyboard else 'mouse'}@example.net"
    sign_up(hands, language, email)
    verify_email(hands, language, email)
    expect(page.locator(".signed-in-as")).to_contain_text(f"Newcomer {language}")

    page.goto(CONSULTATION.format(language=language))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    section = page.locator(".draft-section").nth(1)
    hands.click(section.get_by_role("link", name=t(language, "Comment on this section")))
    title = section.locator("h3").inner_text().split(".", 1)[1].strip()  # "2. Target groups"
    expect(page.locator("#comment-form .form-context")).to_contain_text(title)  # the form names it
    hands.fill(
        page.get_by_label(t(language, "Your comment")), "Please add courses for parents, in the evening."
    )
    hands.check(page.get_by_label(t(language, YES_EMAILS)))  # asked once: not while following
    hands.click(page.get_by_role("button", name=t(language, "Publish comment")))
    expect(page.locator(".messages")).to_be_visible()
    comment = Comment.objects.get(author__email=email)
    assert comment.section_key and comment.parent is None
    expect(page.locator(f"#comment-{comment.pk} .comment-text")).to_have_text(comment.text)

    other = page.locator(".comment-list > li > .comment").filter(has_not_text="Newcomer").first
    hands.click(other.get_by_role("link", name=t(language, "Reply")))
    reply = f"I agree, and on Saturdays too. ({email})"
    hands.fill(page.get_by_label(t(language, "Your comment")), reply)
    hands.click(page.get_by_role("button", name=t(language, "Publish comment")))
    expect(page.locator(".reply-list .comment-text").filter(has_text=reply)).to_be_visible()
    assert Comment.objects.filter(author__email=email, parent__isnull=False).count() == 1

    support = t(language, "Support this proposal")
    proposal = page.locator(".proposal").filter(has=page.get_by_role("button", name=support)).first
    title = proposal.get_by_role("heading").inner_text()
    hands.click(proposal.get_by_role("button", name=support))
    supported = page.locator(".proposal").filter(has_text=title)
    expect(supported.get_by_role("button", name=t(language, "Withdraw my support"))).to_be_visible()
    assert Proposal.objects.filter(title=title, supports__user__email=email).exists()

    poll = page.locator(".poll").first
    hands.check(poll.get_by_role("radio").first)
    hands.click(poll.get_by_role("button", name=t(language, "Answer")))
    expect(page.locator(".poll").first.locator(".my-choice")).to_contain_text(t(language, "your answer"))
    assert Vote.objects.filter(user__email=email).count() == 1


def test_signup_errors_keep_what_was_typed(open_browser, language):
    page = open_browser()
    page.goto(f"/{language}/accounts/signup/")
    page.get_by_label(t(language, "Email")).fill(f"taken-{language}@example.net")
    page.get_by_label(t(language, "Display name")).fill("Samira")
    page.get_by_label(label(language, "Password")).fill("a long enough passphrase 42")
    page.get_by_label(t(language, "Password (again)")).fill("another passphrase")
    page.get_by_label(t(language, "I accept the terms of use and the privacy policy")).check()
    page.get_by_role("button", name=t(language, "Create an account")).click()
    expect(page.locator(".errorlist")).to_have_text(t(language, "You must type the same password each time."))
    expect(page.get_by_label(t(language, "Display name"))).to_have_value("Samira")
    expect(page.get_by_label(t(language, "Email"))).to_have_value(f"taken-{language}@example.net")


def test_visitor_switches_language_and_stays_on_the_consultation(open_browser, language):
    other = "ar" if language == "en" else "en"
    page = open_browser()
    page.goto(CONSULTATION.format(language=language) + "?section=x")
    english_title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("navigation", name=t(language, "Language")).locator(f'a[hreflang="{other}"]').click()
    expect(page).to_have_url(re.compile(CONSULTATION.format(language=other)))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if other == "ar" else "ltr")
    assert page.get_by_role("heading", level=1).inner_text() != english_title
    expect(page.get_by_role("heading", level=2, name=t(other, "The draft"), exact=True)).to_be_visible()
