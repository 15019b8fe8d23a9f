"""The accessibility statement (Directive (EU) 2016/2102, model statement of Implementing Decision
(EU) 2018/1523): linked from every footer in every language, in the model's structure, and said
to be overdue once its last review is more than a year old, on the page and in the admin."""

import json
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from cms.formats import format_moment
from cms.management.commands.seed_demo import DEMO_DIR
from cms.models import AccessibilityStatementPage
from cms.models.accessibility import STANDARD

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
OVERDUE = "This statement was last reviewed on <bdi>%(date)s</bdi>, more than a year ago: its yearly review is overdue."


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def statement(code):
    return AccessibilityStatementPage.objects.get(locale__language_code=code)


def squeeze(value):
    """Runs of line breaks and spaces as one space (the narrow no-break space of dates stays)."""
    return re.sub(r"[ \t\r\n]+", " ", value).strip()


def text(element):
    return squeeze(element.get_text(" "))


# The model statement's wording of each compliance status (Implementing Decision (EU) 2018/1523).
WORDING = {
    "full": "This website is fully compliant with the harmonised standard <bdi>%(standard)s</bdi> (WCAG 2.1, "
    "level AA).",
    "partial": "This website is partially compliant with the harmonised standard <bdi>%(standard)s</bdi> "
    "(WCAG 2.1, level AA) due to the non-compliances and the exemptions listed below.",
    "none": "This website is not compliant with the harmonised standard <bdi>%(standard)s</bdi> (WCAG 2.1, "
    "level AA). The non-compliances and the exemptions are listed below.",
}


def plain(html):
    return squeeze(BeautifulSoup(html, "html.parser").get_text())


def compliance(html):
    """The paragraph under "Compliance status"."""
    return squeeze(html.select("article h2")[0].find_next_sibling("p").get_text())


def seeded(code):
    return json.loads((DEMO_DIR / f"{code}.json").read_text("utf-8"))["accessibility_statement"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_footer_links_the_statement_in_the_readers_language(client, code):
    for path in (f"/{code}/", f"/{code}/bureau/calendar/", f"/{code}/decisions/", f"/{code}/accounts/login/"):
        footer = soup(client.get(path)).select_one("footer.site-footer nav")
        with translation.override(code):
            (link,) = [
                a for a in footer.select("a") if a.get_text(strip=True) == gettext("Accessibility statement")
            ]
        assert link["href"] == f"/{code}/accessibility/"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_statement_is_translated_and_follows_the_model_statement(client, code):
    page = statement(code)
    spec = seeded(code)
    response = client.get(f"/{code}/accessibility/")

    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == code
    assert not page.alias_of_id  # a translation of its own, not the Bulgarian text
    assert html.h1.get_text(strip=True) == page.title == spec["title"]
    with translation.override(code):
        headings = [h.get_text(strip=True) for h in html.select("article h2")]
        assert headings == [
            gettext("Compliance status"),
            gettext("Non-accessible content"),
            gettext("Preparation of this accessibility statement"),
            gettext("Feedback and contact information"),
            gettext("Enforcement procedure"),
        ]
        assert [h.get_text(strip=True) for h in html.select("article h3")] == [
            gettext("Non-compliance with the accessibility requirements"),
            gettext("Disproportionate burden"),
            gettext("Content not within the scope of the applicable legislation"),
        ]
        wording = plain(gettext(WORDING["partial"]) % {"standard": STANDARD})
        last_review = format_moment(page.last_reviewed_on, "date")
        next_review = format_moment(page.next_review_on, "date")
    assert compliance(html) == wording
    body = text(html.article)
    for item in spec["non_compliance"] + spec["out_of_scope"] + spec["assessment"]:
        assert squeeze(item) in body
    assert squeeze(spec["enforcement_procedure"][0]) in body
    assert spec["enforcement_body"] in body
    assert last_review in body and next_review in body
    assert html.select_one("article a[href^=mailto]")["href"] == "mailto:accessibility@example.org"
    assert {bdi.get_text() for bdi in html.select("article bdi")} >= {last_review, next_review}
    assert not html.select(".message-error")  # reviewed within the year


def test_what_the_statement_says_of_the_tests_is_what_they_check():
    """The statement says that axe checks it and in which languages: the test that does so."""
    from tests.e2e.test_accessibility import LANGUAGES as CHECKED
    from tests.e2e.test_accessibility import PAGES

    assert PAGES["accessibility statement"] == (None, "/{language}/accessibility/")
    assert CHECKED == ["bg", "en", "ar"]
    assert statement("en").method == AccessibilityStatementPage.Method.SELF_ASSESSMENT
    assert statement("en").compliance_status == AccessibilityStatementPage.Compliance.PARTIAL


@pytest.mark.parametrize("status", ["full", "none"])
def test_each_compliance_status_has_the_model_statements_wording(client, status):
    AccessibilityStatementPage.objects.filter(locale__language_code="fr").update(compliance_status=status)

    html = soup(client.get("/fr/accessibility/"))

    with translation.override("fr"):
        assert compliance(html) == plain(gettext(WORDING[status]) % {"standard": STANDARD})
    assert html.select("article h2 + p bdi")[0].get_text() == STANDARD


def review(page, days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    AccessibilityStatementPage.objects.filter(pk=page.pk).update(
        prepared_on=day - timedelta(days=30), last_reviewed_on=day, next_review_on=day + timedelta(days=365)
    )
    return day


@pytest.mark.parametrize("code", ["bg", "ar"])
def test_a_review_older_than_a_year_is_overdue_on_the_page(client, code):
    page = statement(code)
    day = review(page, days_ago=400)

    notice = soup(client.get(f"/{code}/accessibility/")).select_one("article .message-error")

    with translation.override(code):
        date = format_moment(day, "date")
        expected = plain(gettext(OVERDUE) % {"date": date})
    assert squeeze(notice.get_text()) == expected
    assert notice.bdi.get_text() == date  # isolated inside an Arabic sentence


def test_a_review_a_year_ago_today_is_not_overdue_yet(client):
    today = timezone.localdate()
    page = statement("en")
    AccessibilityStatementPage.objects.filter(pk=page.pk).update(
        prepared_on=today.replace(year=today.year - 2), last_reviewed_on=today.replace(year=today.year - 1)
    )
    assert not soup(client.get("/en/accessibility/")).select(".message-error")

    AccessibilityStatementPage.objects.filter(pk=page.pk).update(
        last_reviewed_on=today.replace(year=today.year - 1) - timedelta(days=1)
    )
    assert soup(client.get("/en/accessibility/")).select(".message-error")


def editor(client):
    user = User.objects.get(email="editor@example.org")
    client.force_login(user)
    return user


def test_the_admin_says_the_review_is_overdue_on_the_form_and_the_dashboard(client):
    page = statement("bg")
    day = review(page, days_ago=400)
    editor(client)

    form = soup(client.get(f"/admin/pages/{page.pk}/edit/"))
    dashboard = soup(client.get("/admin/"))

    date = format_moment(day, "date")
    notice = form.select_one(".help-warning")
    assert notice is not None and date in notice.get_text()
    panel = dashboard.select_one("#overdue-accessibility-statements-section")
    assert panel is not None
    assert panel.select_one(f"a[href='/admin/pages/{page.pk}/edit/']")
    assert date in panel.get_text()


def test_the_admin_says_nothing_while_the_review_is_recent(client):
    page = statement("bg")
    review(page, days_ago=10)
    editor(client)

    assert not soup(client.get(f"/admin/pages/{page.pk}/edit/")).select(".help-warning")
    assert not soup(client.get("/admin/")).select("#overdue-accessibility-statements-section")


def test_the_dashboard_notice_is_only_for_those_who_may_edit_the_statement(client):
    review(statement("bg"), days_ago=400)
    client.force_login(User.objects.get(email="moderator@example.org"))

    response = client.get("/admin/")

    assert response.status_code == 200
    assert not soup(response).select("#overdue-accessibility-statements-section")


@pytest.mark.parametrize(
    ("field", "prepared", "reviewed", "planned"),
    [("last_reviewed_on", 10, 20, -300), ("next_review_on", 20, 10, 10)],
)
def test_review_dates_follow_each_other(field, prepared, reviewed, planned):
    today = timezone.localdate()
    page = statement("en")
    page.prepared_on = today - timedelta(days=prepared)
    page.last_reviewed_on = today - timedelta(days=reviewed)
    page.next_review_on = today - timedelta(days=planned)

    with pytest.raises(ValidationError) as refused:
        page.full_clean()

    assert field in refused.value.message_dict
