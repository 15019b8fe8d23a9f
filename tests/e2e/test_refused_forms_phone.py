"""A refused comment on a phone, in Farsi and Bulgarian: the browser lands on the error summary,
without JavaScript doing it, and the title says there is an error."""

import pytest
from playwright.sync_api import expect

from accounts.models import User

from .conftest import ARTEFACTS, t


@pytest.mark.parametrize("language", ["fa", "bg"])
def test_a_refused_comment_takes_the_reader_to_what_is_wrong(open_browser, language):
    page = open_browser(User.objects.get(email="participant@example.org"), width=360)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/{language}/consultations/action-plan-2026/#comment-form")
    form = page.locator("form#comment-form")
    form.locator("textarea[name=text]").fill("x" * 10)
    form.locator("select[name=language]").evaluate("select => select.add(new Option('xx', 'xx', true, true))")
    form.evaluate("form => form.noValidate = true")
    form.locator("button[type=submit]").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("heading")).to_have_text(t(language, "There is a problem"))
    assert page.title().startswith(t(language, "Error:"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / f"refused-comment-{language}-360.png")

    summary.get_by_role("link").first.click()
    expect(page.locator("#id_language")).to_be_in_viewport()
