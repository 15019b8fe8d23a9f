"""A newcomer on a 360 × 740 phone, in Farsi: from a section of the draft to a published comment,
through sign-up and the address check and back at the form with the section still chosen; asked
about emails, and signed up for none by writing. Then a poll sent without an answer comes back at
the poll: the summary of what is wrong in view, with the focus."""

import re

from django.core import mail
from playwright.sync_api import expect

from consultation.models import Comment, ConsultationPage, Follow

from .conftest import ARTEFACTS, label, t

LANGUAGE = "fa"
CONSULTATION = f"/{LANGUAGE}/consultations/action-plan-2026/"
EMAIL = "newcomer-fa-phone@example.net"
PASSWORD = "a long enough passphrase 42"


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def sign_up_from_the_comment_form(page):
    page.locator("#comment-form").get_by_role("link", name=t(LANGUAGE, "Create an account")).click()
    page.get_by_label(t(LANGUAGE, "Email")).fill(EMAIL)
    page.get_by_label(t(LANGUAGE, "Display name")).fill("Newcomer on a phone")
    page.get_by_label(label(LANGUAGE, "Password")).fill(PASSWORD)
    page.get_by_label(t(LANGUAGE, "Password (again)")).fill(PASSWORD)
    page.get_by_label(t(LANGUAGE, "I accept the terms of use and the privacy policy")).check()
    page.get_by_role("button", name=t(LANGUAGE, "Create an account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(LANGUAGE, "Verify Your Email Address"))
    message = next(message for message in mail.outbox if EMAIL in message.to)
    page.goto(re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0))
    page.get_by_role("button", name=t(LANGUAGE, "Confirm")).click()


def test_a_newcomer_on_a_phone_signs_up_comments_and_is_told_what_is_wrong(open_browser):
    page = open_browser(width=360)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(CONSULTATION)
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    section = consultation.sections.all()[1]
    draft_section = page.locator(f"#{section.anchor}")
    draft_section.get_by_role("link", name=t(LANGUAGE, "Comment on this section")).click()
    title = draft_section.locator("h3").inner_text().split(".", 1)[1].strip()

    sign_up_from_the_comment_form(page)

    expect(page).to_have_url(re.compile(rf"\?comment_on={section.translation_key}#comment-form$"))
    form = page.locator("form#comment-form")
    expect(form.locator(".form-context")).to_contain_text(title)  # the section is still chosen
    expect(form.get_by_label(t(LANGUAGE, "Your comment"))).to_be_in_viewport()
    form.get_by_label(t(LANGUAGE, "Your comment")).fill("کلاس زبان برای والدین، عصرها.")
    question = form.get_by_role("group", name=label(LANGUAGE, "Emails about this consultation"))
    expect(question.get_by_role("radio")).to_have_count(2)
    for radio in question.get_by_role("radio").all():
        expect(radio).not_to_be_checked()  # no answer is chosen for the person
    question.get_by_label(t(LANGUAGE, "No emails")).check()
    fits_the_phone(page)
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"comment-form-email-question-{LANGUAGE}-360.png")
    form.get_by_role("button", name=t(LANGUAGE, "Publish comment")).click()

    expect(page.locator(".messages")).to_be_visible()
    comment = Comment.objects.get(author__email=EMAIL)
    assert comment.section_key == section.translation_key and comment.parent is None
    expect(page.locator(f"#comment-{comment.pk} .comment-text")).to_have_text(comment.text)
    assert not Follow.objects.filter(user__email=EMAIL).exists()

    poll = page.locator(".poll").first
    poll_form = poll.locator("form")
    poll_form.evaluate("form => form.noValidate = true")  # past the browser's own check
    poll_form.get_by_role("button", name=t(LANGUAGE, "Answer")).click()

    summary = page.locator(".poll .error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("heading")).to_have_text(t(LANGUAGE, "There is a problem"))
    expect(summary).to_contain_text(t(LANGUAGE, "Choose one of the answers."))
    assert page.title().startswith(t(LANGUAGE, "Error:"))
    fits_the_phone(page)
    page.screenshot(path=ARTEFACTS / f"refused-poll-{LANGUAGE}-360.png")

    summary.get_by_role("link").first.click()
    expect(page.locator(".poll").first.get_by_role("radio").first).to_be_in_viewport()
