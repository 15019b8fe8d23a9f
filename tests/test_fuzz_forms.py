"""Every public form with hostile input (hypothesis): no input gives a server error, and nothing a
person typed is lost.

For each form the property is the same, seen through HTTP only:
- the answer is never a 5xx;
- accepted input (a redirect) is stored as typed, less the surrounding whitespace Django strips
  (and, in a display name, the bidirectional controls);
- refused input comes back as the form (200, or 400 for the consultation page) with an error
  message and every text field as it was typed.

Inputs mix any text with control characters, NUL bytes, whitespace, right-to-left marks, emoji,
SQL- and HTML-looking strings and very long strings; choice fields get their valid values and
random strings. Rate limits and the anonymous page cache live in the cache, which is cleared at the
start of every example. Examples of one test share its transaction.
"""

import uuid
from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from accounts import names
from cms.spheres import Sphere, TargetGroup
from cms.text import strip_bidi_controls
from consultation.models import (
    AbuseReport,
    Comment,
    ConsultationPage,
    Follow,
    ModerationStatus,
    Poll,
    Proposal,
    Vote,
)
from council.models import Meeting, Minutes, MinutesComment, Motion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/en/consultations/action-plan-2026/"
LANGUAGES = ["bg", "en", "fr", "ar", "fa"]


def fuzz(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,  # nothing written into the working tree
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# Inputs --------------------------------------------------------------------------------------

CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\x00"]
)
RTL = st.sampled_from(
    ["\u200f", "\u200e", "\u202e", "\u2066", "\u2067", "\u2069", "مرحبا بكم", "سلام", "שלום"]
)
EMOJI = st.sampled_from(["😀", "👩🏽‍🚒", "🇧🇬", "🧑‍💻", "❤️", "\U0001f9ea" * 3])
SQLISH = st.sampled_from(
    [
        "' OR '1'='1",
        "'; DROP TABLE accounts_user; --",
        '" OR ""="',
        "%",
        "_%_",
        "\\",
        "\\'",
        "1; SELECT 1",
        "NEAR(a b)",
        '"unterminated',
        "a* OR b*",
        "AND",
        "NOT",
        "(",
        ")",
        "*",
        "^",
        ":",
        "-",
        "+",
    ]
)
HTMLISH = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<b>x</b>",
        "&amp;",
        "&",
        "<",
        ">",
        "\"'",
        "<!--",
        "]]>",
        "</textarea>",
        '"><input name="text">',
        "{{ request }}",
        "{% now 'Y' %}",
        "javascript:alert(1)",
        "https://example.org/a?b=<c>",
        "<img src=x onerror=alert(1)>",
    ]
)
WHITESPACE = st.sampled_from([" ", "  ", "\n", "\r\n", "\r", "\t", "\u00a0", "\u3000"])
PIECE = st.one_of(st.text(), CONTROL, RTL, EMOJI, SQLISH, HTMLISH, WHITESPACE)
SHORT = st.lists(PIECE, max_size=6).map("".join)
HUGE = st.builds(lambda piece, times: piece * times, PIECE.filter(bool), st.integers(300, 3000)).filter(
    lambda text: len(text) <= 100_000
)
TEXT = st.one_of(SHORT, SHORT, SHORT, HUGE)
WORDS = st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=80).filter(str.strip)


def choice(valid):
    """A choice field: one of its values, or anything."""
    return st.one_of(st.sampled_from(valid), st.sampled_from(valid), SHORT)


def fresh():
    """Rate limits and the anonymous page cache count in the cache: each example starts from zero."""
    cache.clear()


# What the answer shows -----------------------------------------------------------------------


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def normalised(text):
    """What is left of a text once Django has cleaned it: no NUL, no surrounding whitespace."""
    return text.replace("\x00", "").replace("\r\n", "\n").strip()


def kept(typed, shown):
    return shown == typed or normalised(shown) == normalised(typed)


def shown_value(scope, name):
    element = scope.find(["textarea", "input"], attrs={"name": name})
    assert element is not None, f"the form has no field {name!r}"
    if element.name == "textarea":
        text = element.string or ""
        return text[1:] if text.startswith("\n") else text
    return element.get("value", "")


def assert_form_again(response, typed, scope=None):
    """Refused: the form is back, with an error message and each field as it was typed."""
    assert response.status_code in (200, 400), response.status_code
    page = parse(response)
    scope = page.select_one(scope) if scope else page
    assert scope is not None
    assert scope.select(".errorlist li") or page.select(".messages .message-error"), "no error message"
    for name, text in typed.items():
        shown = shown_value(scope, name)
        assert kept(text, shown), f"{name}: typed {text!r}, shown {shown!r}"


def stored(text):
    """What a text field of a saved object must hold: what was typed, stripped by the form."""
    return text.strip()


def acceptable(text, max_length):
    """Whether Django's CharField takes this text: something left once stripped, short enough, no NUL."""
    return bool(text.strip()) and len(text.strip()) <= max_length and "\x00" not in text


def assert_no_server_error(response):
    assert response.status_code < 500, response.status_code
    if currently_in_test_context():
        event(f"HTTP {response.status_code}")  # --hypothesis-show-statistics: both outcomes are reached


# Accounts ------------------------------------------------------------------------------------

EMAILS = st.one_of(
    st.builds("fuzz{}@example.org".format, st.integers(0, 10**9)),
    st.emails(),
    st.sampled_from(["participant@example.org", "PARTICIPANT@example.org", " person@example.org "]),
    TEXT,
)
PASSWORDS = st.one_of(st.just("a-long-fuzz-passphrase-42"), TEXT)
# Names of the city and its staff (refused however they are spelled) and look-alike domains.
RESERVED_NAMES = st.builds(
    "{}{}{}".format,
    SHORT,
    st.sampled_from(["Moderator", "M0derat0r", "Столична община", "مشرف", "ＡＤＭＩＮ"]),
    SHORT,
)
LOOKALIKE_EMAILS = st.sampled_from(
    ["fuzz@gmаil.com", "fuzz@xn--gmal-nze.com", "fuzz@yah00.com", "fuzz@аре.com"]
)


def accounts():
    fields = ("pk", "email", "display_name", "respondent_category", "preferred_language")
    return {pk: rest for pk, *rest in get_user_model().objects.values_list(*fields)}


@fuzz(60)
@given(
    email=st.one_of(EMAILS, LOOKALIKE_EMAILS),
    display_name=st.one_of(WORDS, TEXT, RESERVED_NAMES),
    password1=PASSWORDS,
    password2=PASSWORDS,
    category=choice(["", "refugee", "third_country", "eu_citizen", "bg_citizen", "organisation"]),
    language=choice(LANGUAGES),
    accept=st.sampled_from(["on", "", "yes"]),
)
@example(
    email="fuzz@example.org",
    display_name="Amira",
    password1="a-long-fuzz-passphrase-42",
    password2="a-long-fuzz-passphrase-42",
    category="refugee",
    language="ar",
    accept="on",
)
@example(
    email="fuzz@example.org",
    display_name="\u202eAmira\u2069",
    password1="a-long-fuzz-passphrase-42",
    password2="a-long-fuzz-passphrase-42",
    category="",
    language="fa",
    accept="on",
)
@example(
    email="fuzz@gmаil.com",
    display_name="Модератор",
    password1="a-long-fuzz-passphrase-42",
    password2="a-long-fuzz-passphrase-42",
    category="",
    language="bg",
    accept="on",
)
def test_signup(client, email, display_name, password1, password2, category, language, accept):
    fresh()
    before = accounts()
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": email,
            "display_name": display_name,
            "password1": password1,
            "password2": password2,
            "respondent_category": category,
            "preferred_language": language,
            "accept_terms": accept,
        },
    )

    assert_no_server_error(response)
    if response.status_code == 302:
        new = get_user_model().objects.exclude(pk__in=before)
        if new:
            (user,) = new
            assert user.email.casefold() == email.strip().casefold()
            assert not names.is_lookalike_domain(user.email.rpartition("@")[2])
            # As typed, less the surrounding whitespace and the bidirectional controls.
            assert user.display_name == stored(strip_bidi_controls(display_name))
            assert not names.is_reserved(user.display_name)
            assert (user.respondent_category, user.preferred_language) == (category, language)
        else:  # the address has an account: the answer looks the same, and nothing changed
            assert email.strip().casefold() in {address.casefold() for address, *_ in before.values()}
            assert accounts() == before
        client.logout()
    else:
        assert_form_again(response, {"email": email, "display_name": display_name}, scope="main form")
        page = parse(response)
        for name, value in (("respondent_category", category), ("preferred_language", language)):
            selected = page.select_one(f"select[name={name}] option[selected]")
            if value in {option["value"] for option in page.select(f"select[name={name}] option")}:
                assert selected is not None and selected["value"] == value


@fuzz(50)
@given(
    login=st.one_of(EMAILS, st.just("participant@example.org")),
    password=st.one_of(st.just("otvoren-grad-demo"), TEXT),
)
@example(login="participant@example.org", password="otvoren-grad-demo")
@example(login="participant@example.org", password="\x00")
def test_login(client, login, password):
    fresh()
    client.logout()

    response = client.post("/en/accounts/login/", {"login": login, "password": password})

    assert_no_server_error(response)
    if response.status_code == 302:
        assert login.strip().lower() == "participant@example.org" and password == "otvoren-grad-demo"
    else:
        assert_form_again(response, {"login": login}, scope="main form")


@fuzz(40)
@given(password=st.one_of(st.just("the-page-password"), TEXT), earlier_guesses=st.integers(0, 12))
@example(password="the-page-password", earlier_guesses=10)
@example(password="\x00", earlier_guesses=0)
@example(password="\x00", earlier_guesses=10)
@example(password="", earlier_guesses=11)
def test_page_password(client, private_page, password, earlier_guesses):
    """Right: let in; wrong: the form again with its error; past 10 wrong guesses from the address,
    the same refusal (429) whatever is typed."""
    fresh()
    client.logout()
    for _guess in range(earlier_guesses):
        client.post(private_page, {"password": "a guess", "return_url": "/en/terms/"})

    response = client.post(private_page, {"password": password, "return_url": "/en/terms/"})

    assert_no_server_error(response)
    if earlier_guesses >= 10:
        assert response.status_code == 429
        assert "Too many attempts" in response.content.decode()
    elif password == "the-page-password":
        assert response.status_code == 302 and response["Location"] == "/en/terms/"
    else:
        assert response.status_code == 200 and parse(response).select(".errorlist li")


# The consultation ----------------------------------------------------------------------------


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


# The one-time key of a contribution form: a new one, another author's (keys are per author), or
# anything (which counts as no key).
KEYS = st.one_of(st.just("NEW"), st.just("NEW"), st.just("OTHERS"), SHORT)
# The answer to a new contribution's question about emails (asked until the author follows).
EMAILS_ANSWERS = ["yes", "no"]


def follows(user):
    return Follow.objects.filter(user=user).exists()


def submission_key(key, consultation):
    """NEW: a key never used; OTHERS: the key of another author's comment."""
    if key == "OTHERS":
        other = Comment.objects.create(
            consultation=consultation,
            author=UserFactory(),
            language="en",
            text="x",
            submission_key=uuid.uuid4(),
        )
        return str(other.submission_key)
    return str(uuid.uuid4()) if key == "NEW" else key


def is_key(key):
    try:
        uuid.UUID(key)
    except ValueError:
        return False
    return True


def assert_sent_again_gives_the_same(client, url, data, first, count):
    """The same form sent again (a double click): nothing new, and the first one's answer."""
    if not is_key(data["submission_key"]):
        return
    again = client.post(url, data)
    assert again.status_code == first.status_code
    if first.status_code == 302:
        assert again["Location"] == first["Location"]
    assert count() == (count.before + (first.status_code == 302))


@fuzz(60)
@given(
    text=TEXT,
    language=choice(LANGUAGES),
    section=st.one_of(st.just(""), st.just("SECTION"), st.uuids().map(str), SHORT),
    reply_to=st.one_of(st.just(""), st.just("PARENT"), st.integers().map(str), SHORT),
    website=st.one_of(st.just(""), st.just(""), st.just(""), SHORT),
    key=KEYS,
    emails=choice(EMAILS_ANSWERS),
)
@example(text="  Добре.\n", language="bg", section="SECTION", reply_to="", website="", key="NEW", emails="no")
@example(text="x" * 5001, language="en", section="", reply_to="PARENT", website="", key="NEW", emails="no")
@example(text="a\x00b", language="en", section="", reply_to="", website="", key="", emails="")
@example(
    text="Отговор.", language="bg", section="", reply_to="PARENT", website="", key="OTHERS", emails="yes"
)
def test_comment_form(
    client, participant, consultation, text, language, section, reply_to, website, key, emails
):
    fresh()
    section = section.replace("SECTION", str(consultation.sections.first().translation_key))
    parent = Comment.objects.filter(consultation=consultation, parent=None).first()
    reply_to = reply_to.replace("PARENT", str(parent.pk))
    key = submission_key(key, consultation)

    def count():
        return Comment.objects.filter(author=participant).count()

    count.before = count()
    followed = follows(participant)
    data = {
        "text": text,
        "language": language,
        "section": section,
        "reply_to": reply_to,
        "website": website,
        "submission_key": key,
        "emails": emails,
    }

    response = client.post(f"{OPEN}comment/", data)

    assert_no_server_error(response)
    if response.status_code == 302:
        comment = Comment.objects.filter(author=participant).latest("pk")
        assert (comment.text, comment.language) == (stored(text), language)
        assert response["Location"].endswith(f"#comment-{comment.pk}")
        assert follows(participant) == (followed or emails == "yes")
    else:
        assert count() == count.before
        assert follows(participant) == followed
        typed = {"text": text, "section": section, "reply_to": reply_to, "submission_key": key}
        assert_form_again(response, typed, scope="#comment-form")
    assert_sent_again_gives_the_same(client, f"{OPEN}comment/", data, response, count)


LINKISH = st.sampled_from(
    [
        "example.com",
        "example.org/path?q=1",
        "www.sofia.bg",
        "https://sofia.bg/a",
        "http://[::1]/x",
        "bureau@sofia.bg",
        "mailto:x@y.org",
        "(example.net)",
        "sofia.bg",
        "пример.com",
        "a@b",
        "http://",
    ]
)


@fuzz(40)
@given(pieces=st.lists(st.one_of(LINKISH, LINKISH, PIECE), max_size=10))
@example(pieces=["example.com", "example.org", "bureau@sofia.bg", "www.sofia.bg", "https://sofia.bg"])
def test_a_comment_never_shows_more_than_three_links(client, participant, pieces):
    fresh()
    text = " ".join(pieces)

    response = client.post(f"{OPEN}comment/", {"text": text, "language": "en", "emails": "no"})

    assert_no_server_error(response)
    if response.status_code == 302:
        comment = Comment.objects.filter(author=participant).latest("pk")
        shown = parse(client.get(OPEN)).find(id=f"comment-{comment.pk}").select(".comment-text a")
        assert len(shown) <= 3
    else:
        assert_form_again(response, {"text": text}, scope="#comment-form")


@fuzz(40)
@given(text=TEXT, language=choice(LANGUAGES))
@example(text="   ", language="en")
def test_edit_comment_form(client, participant, consultation, text, language):
    fresh()
    comment = Comment.objects.create(
        consultation=consultation, author=participant, language="en", text="First version."
    )

    response = client.post(f"{OPEN}comments/{comment.pk}/edit/", {"text": text, "language": language})

    assert_no_server_error(response)
    comment.refresh_from_db()
    if response.status_code == 302:
        assert (comment.text, comment.language) == (stored(text), language)
    else:
        assert comment.text == "First version."
        assert_form_again(response, {"text": text}, scope="main form")


@fuzz(50)
@given(
    title=st.one_of(WORDS, TEXT),
    text=TEXT,
    spheres=st.lists(choice(Sphere.values), max_size=3),
    target_groups=st.lists(choice(TargetGroup.values), max_size=3),
    language=choice(LANGUAGES),
    key=KEYS,
    emails=choice(EMAILS_ANSWERS),
)
@example(
    title="A night bus",
    text="To the bureau.",
    spheres=["integration"],
    target_groups=[],
    language="en",
    key="NEW",
    emails="yes",
)
@example(
    title="x" * 201,
    text="ok",
    spheres=["integration", "nonsense"],
    target_groups=["refugees"],
    language="xx",
    key="NEW",
    emails="maybe",
)
@example(title="\u200e", text="0", spheres=[], target_groups=[], language="bg", key="NEW", emails="no")
def test_proposal_form(
    client, participant, consultation, title, text, spheres, target_groups, language, key, emails
):
    fresh()
    key = submission_key(key, consultation)

    def count():
        return Proposal.objects.filter(author=participant).count()

    count.before = count()
    followed = follows(participant)
    data = {
        "title": title,
        "text": text,
        "spheres": spheres,
        "target_groups": target_groups,
        "language": language,
        "submission_key": key,
        "emails": emails,
    }

    response = client.post(f"{OPEN}proposals/new/", data)

    assert_no_server_error(response)
    if response.status_code == 302:
        proposal = Proposal.objects.filter(author=participant).latest("pk")
        assert (proposal.title, proposal.text, proposal.language) == (
            stored(strip_bidi_controls(title)),
            stored(text),
            language,
        )
        assert (proposal.spheres, proposal.target_groups) == (spheres, target_groups)
        assert follows(participant) == (followed or emails == "yes")
    else:
        assert count() == count.before
        assert follows(participant) == followed
        assert_form_again(response, {"title": title, "text": text, "submission_key": key}, scope="main form")
        page = parse(response)
        for name, values in (("spheres", spheres), ("target_groups", target_groups)):
            checked = {box["value"] for box in page.select(f"input[name={name}][checked]")}
            offered = {box["value"] for box in page.select(f"input[name={name}]")}
            assert checked == set(values) & offered
    assert_sent_again_gives_the_same(client, f"{OPEN}proposals/new/", data, response, count)


@fuzz(40)
@given(reason=TEXT, what=st.sampled_from(["comments", "proposals"]))
@example(reason="Insults.", what="comments")
@example(reason="", what="proposals")
def test_abuse_report_forms(client, participant, consultation, reason, what):
    """No server error, and a report is stored as typed or not at all; a refused report comes back
    with its text (test_a_refused_abuse_report_comes_back_with_its_text)."""
    fresh()
    AbuseReport.objects.filter(reporter=participant).delete()  # one report per item and person
    model = Comment if what == "comments" else Proposal
    item = model.objects.filter(consultation=consultation, status=ModerationStatus.PUBLISHED).first()

    response = client.post(f"{OPEN}{what}/{item.pk}/report/", {"reason": reason})

    assert_no_server_error(response)
    reports = [report.reason for report in AbuseReport.objects.filter(reporter=participant)]
    if acceptable(reason, 1000):
        assert response.status_code == 302
        assert reports == [stored(reason)]
    else:
        assert response.status_code == 200
        assert reports == []


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001, "Обидно\x00"])
def test_a_refused_abuse_report_comes_back_with_its_text(client, participant, consultation, reason):
    comment = Comment.objects.filter(consultation=consultation, status=ModerationStatus.PUBLISHED).first()

    response = client.post(f"{OPEN}comments/{comment.pk}/report/", {"reason": reason})

    assert not AbuseReport.objects.filter(reporter=participant).exists()
    assert_form_again(response, {"reason": reason}, scope="main form")


def test_the_abuse_report_page_shows_its_form(client, participant, consultation):
    comment = Comment.objects.filter(consultation=consultation, status=ModerationStatus.PUBLISHED).first()

    response = client.get(f"{OPEN}comments/{comment.pk}/report/")

    assert response.status_code == 200
    assert parse(response).select_one("main form textarea[name=reason]") is not None


@fuzz(30)
@given(choice_=st.one_of(st.just("CHOICE"), st.just(""), st.integers().map(str), SHORT))
@example(choice_="CHOICE")
@example(choice_=" CHOICE ")
def test_poll_answer(client, participant, consultation, choice_):
    """A choice's number counts once; anything else brings the poll's form back with the reason."""
    fresh()
    poll = Poll.objects.get(consultation=consultation, locale=consultation.locale)
    Vote.objects.filter(user=participant).delete()
    choice_ = choice_.replace("CHOICE", str(poll.choices.first().pk))

    response = client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": choice_})

    assert_no_server_error(response)
    valid = {str(pk) for pk in poll.choices.values_list("pk", flat=True)}
    votes = list(Vote.objects.filter(user=participant).values_list("choice", flat=True))
    if choice_ in valid:
        assert response.status_code == 302 and votes == [int(choice_)]
    else:
        assert response.status_code == 400 and votes == []
        assert parse(response).select_one(f"#poll-{poll.pk} .error-summary li")


@pytest.mark.parametrize("choice_", ["one", "1.5", "1 OR 1=1"])
def test_a_poll_answer_that_is_not_a_number(client, participant, consultation, choice_):
    poll = Poll.objects.get(consultation=consultation, locale=consultation.locale)
    Vote.objects.filter(user=participant).delete()

    response = client.post(f"{OPEN}polls/{poll.pk}/vote/", {"choice": choice_})

    assert_no_server_error(response)
    assert not Vote.objects.filter(user=participant).exists()


@fuzz(40)
@given(
    sort=choice(["", "newest", "oldest", "replies"]),
    section=choice(["", "draft", "SECTION"]),
    page=st.one_of(st.just(""), st.integers().map(str), SHORT),
    comment_on=st.one_of(st.just(""), st.uuids().map(str), SHORT),
    reply_to=st.one_of(st.just(""), st.integers().map(str), SHORT),
)
def test_comment_list_filters(client, participant, consultation, sort, section, page, comment_on, reply_to):
    fresh()
    keys = [str(key) for key in consultation.sections.values_list("translation_key", flat=True)]
    section = section.replace("SECTION", keys[0])
    params = {"sort": sort, "section": section, "page": page, "comment_on": comment_on, "reply_to": reply_to}

    response = client.get(OPEN, params)

    assert_no_server_error(response)
    assert response.status_code == 200
    filters = parse(response).select_one("form.filter-form")
    refused = sort not in ("", "newest", "oldest", "replies") or section not in ["", "draft", *keys]
    assert bool(filters.select(".errorlist li")) == refused


# Search, the action plan and the calendar ----------------------------------------------------


@fuzz(50)
@given(q=TEXT, page=st.one_of(st.just(""), st.integers().map(str), SHORT))
@example(q="plan", page="2")
@example(q="x" * 201, page="")
@example(q='""', page="")
@example(q="a* OR NEAR(b ' ^ : -x", page="")
def test_search(client, q, page):
    """Double quotes are dropped (SQLite's full-text syntax would choke on an unbalanced one)."""
    fresh()
    response = client.get("/en/search/", {"q": q, "page": page})

    assert_no_server_error(response)
    assert response.status_code == 200
    form = parse(response).select_one("form[role=search]")
    assert kept(q, shown_value(form, "q"))
    cleaned = q.strip()
    refused = not q.replace('"', " ").strip() or len(cleaned) > 200 or "\x00" in q
    assert bool(form.select(".errorlist li")) == refused


@pytest.mark.parametrize("q", ['"', 'the "bureau', "'\"'"])
def test_search_with_a_double_quote(client, q):
    response = client.get("/en/search/", {"q": q})

    assert response.status_code == 200


@fuzz(30)
@given(sphere=choice(["", *Sphere.values]), target_group=choice(["", *TargetGroup.values]))
def test_action_plan_filters(client, sphere, target_group):
    fresh()
    response = client.get("/en/action-plan/", {"sphere": sphere, "target_group": target_group})

    assert_no_server_error(response)
    assert response.status_code == 200
    form = parse(response).select_one("form.filter-form")
    refused = sphere not in ["", *Sphere.values] or target_group not in ["", *TargetGroup.values]
    assert bool(form.select(".errorlist li")) == refused


@pytest.fixture
def plan_versions(client):
    """The published versions of the plan one can compare, newest first."""
    page = parse(client.get("/en/action-plan/versions/"))
    versions = [option["value"] for option in page.select("select[name=old] option")]
    assert len(versions) >= 2
    return versions


@fuzz(30)
@given(
    old=st.one_of(st.just("OLD"), st.just("NEW"), st.integers().map(str), SHORT),
    new=st.sampled_from(["NEW", "OLD", "", "x"]),
)
def test_action_plan_version_comparison(client, plan_versions, old, new):
    fresh()
    old = old.replace("OLD", plan_versions[-1]).replace("NEW", plan_versions[0])
    new = new.replace("OLD", plan_versions[-1]).replace("NEW", plan_versions[0])

    response = client.get("/en/action-plan/versions/", {"old": old, "new": new})

    assert_no_server_error(response)
    assert response.status_code == 200
    form = parse(response).select_one("main form")
    refused = (
        old.strip() not in plan_versions or new.strip() not in plan_versions or old.strip() == new.strip()
    )
    assert bool(form.select(".errorlist li")) == refused


MONTHS = st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)).map(
    lambda day: day.strftime("%Y-%m")
)


@fuzz(50)
@given(month=st.one_of(MONTHS, MONTHS, TEXT))
@example(month="2026-12")
@example(month="2026-13")
@example(month=" 2026-12 ")
@example(month="")
def test_calendar_month(client, month):
    fresh()
    response = client.get("/en/bureau/calendar/", {"month": month})

    assert_no_server_error(response)
    assert response.status_code == 200
    form = parse(response).select_one("form.filter-form")
    assert kept(month, shown_value(form, "month"))
    # Only an empty field means "this month"; blanks alone are refused like any other non-month,
    # and so are months before 2000 or after 2100.
    assert bool(form.select(".errorlist li")) == (month != "" and not is_month(month.strip()))


def is_month(text):
    try:
        return 2000 <= datetime.strptime(text, "%Y-%m").year <= 2100
    except ValueError:
        return False


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_calendar_first_and_last_months(client, month):
    response = client.get("/en/bureau/calendar/", {"month": month})

    assert_no_server_error(response)


# The council ---------------------------------------------------------------------------------


@pytest.fixture
def circulated():
    """Minutes circulated to the members for remarks: the follow-up meeting's."""
    meeting = Meeting.objects.filter(status="held").order_by("starts_at").last()
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    return meeting


def sign_in(client, email):
    client.force_login(get_user_model().objects.get(email=email))


@fuzz(40)
@given(text=TEXT)
@example(text="Точка 2 е непълна.")
@example(text="   ")
def test_minutes_remark(client, circulated, text):
    """A member's remark is stored as typed, or refused and shown again with its error."""
    fresh()
    sign_in(client, "member1@example.org")
    before = set(MinutesComment.objects.values_list("pk", flat=True))

    response = client.post(
        f"/en/council/meetings/{circulated.pk}/minutes/", {"action": "comment", "text": text}
    )

    assert_no_server_error(response)
    new = list(MinutesComment.objects.exclude(pk__in=before).values_list("text", flat=True))
    if acceptable(text, 3000):
        assert response.status_code == 302 and new == [stored(text)]
    else:
        assert new == []
        assert_form_again(response, {"text": text}, scope="main")


@fuzz(40)
@given(
    text=TEXT,
    method=choice(["named", "secret"]),
    majority=choice(["simple", "absolute", "two_thirds"]),
    agenda_item=st.one_of(st.just(""), st.just("ITEM"), st.integers().map(str), SHORT),
)
@example(text="Съветът одобрява програмата.", method="secret", majority="two_thirds", agenda_item="ITEM")
@example(text="", method="named", majority="simple", agenda_item="")
def test_motion_form(client, text, method, majority, agenda_item):
    """The chair's motion is stored as typed, or refused and shown again with its errors."""
    fresh()
    sign_in(client, "chair@example.org")
    planned = Meeting.objects.get(status="planned")
    agenda_item = agenda_item.replace("ITEM", str(planned.agenda_items.first().pk))
    before = set(Motion.objects.values_list("pk", flat=True))

    response = client.post(
        f"/en/council/meetings/{planned.pk}/motions/",
        {"text": text, "method": method, "majority": majority, "agenda_item": agenda_item},
    )

    assert_no_server_error(response)
    new = list(Motion.objects.exclude(pk__in=before))
    if new:
        (motion,) = new
        assert response.status_code == 302
        assert (motion.text, motion.method, motion.majority) == (stored(text), method, majority)
        assert str(motion.agenda_item_id or "") == agenda_item.strip()
    else:
        assert_form_again(response, {"text": text}, scope="main")


# Refused council input comes back (bugs these tests found, fixed) --------------------------------------


@pytest.mark.parametrize("text", ["   ", "x" * 3001, "Точка 2\x00"])
def test_a_refused_minutes_remark_comes_back_with_an_error(client, circulated, text):
    sign_in(client, "member1@example.org")

    response = client.post(
        f"/en/council/meetings/{circulated.pk}/minutes/", {"action": "comment", "text": text}, follow=True
    )

    assert not MinutesComment.objects.filter(minutes__meeting=circulated).exists()
    assert_form_again(response, {"text": text}, scope="main")


def test_a_refused_motion_keeps_its_text(client):
    sign_in(client, "chair@example.org")
    planned = Meeting.objects.get(status="planned")
    text = "Съветът одобрява програмата.\x00"

    response = client.post(
        f"/en/council/meetings/{planned.pk}/motions/",
        {"text": text, "method": "named", "majority": "simple", "agenda_item": ""},
        follow=True,
    )

    assert_form_again(response, {"text": text}, scope="main")


# What participants wrote comes out of report.csv as text, never as a formula ---------------------


@fuzz(40)
@given(text=TEXT.filter(lambda text: "\x00" not in text))
@example(text='=HYPERLINK("http://x","y")')
@example(text="-2+3")
@example(text="\r\n@SUM(A1)")
def test_report_csv_cells_never_start_a_formula(client, text):
    import csv
    import io

    fresh()
    closed = ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")
    comment = Comment.objects.create(consultation=closed, text=text, language="en")
    try:
        response = client.get("/en/consultations/bureau-services-2026/report.csv")
    finally:
        comment.delete()

    assert_no_server_error(response)
    cells = [row[5] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))]
    formula = text.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert (f"'{text}" if formula else text) in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
