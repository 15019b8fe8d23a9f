"""One door in (issue #13): only allauth signs people in and resets passwords; Wagtail's password
forms of private pages and collections have a limit of wrong passwords; the erasure form checks no
password past its limit; opening a link never signs anyone out."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.contrib.auth import views as django_auth_views
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from accounts import roles
from consultation.models import ConsultationPage, Proposal, Support
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()

OPEN = "/en/consultations/action-plan-2026/"


def signed_in(client):
    return client.session.get("_auth_user_id")


def unverified_user():
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


# Wagtail's own login (`/<lang>/_util/login/`) ---------------------------------------------------


def test_wagtails_login_address_leads_to_allauths_login_keeping_next(client):
    response = client.get("/bg/_util/login/?next=/bg/consultations/")

    assert response.status_code == 302
    assert response["Location"] == "/bg/accounts/login/?next=/bg/consultations/"


def test_an_unverified_account_cannot_sign_in_through_wagtails_login_nor_take_part(client):
    user = unverified_user()
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    proposal = Proposal.objects.filter(consultation=consultation).first()

    response = client.post("/bg/_util/login/", {"username": user.email, "password": PASSWORD})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not signed_in(client)
    client.post(f"{OPEN}proposals/{proposal.pk}/support/")
    assert not Support.objects.filter(user=user).exists()


def test_a_moderator_cannot_reach_the_admin_through_wagtails_login(client):
    moderator = UserFactory(roles=[roles.MODERATORS])

    client.post("/en/_util/login/", {"username": moderator.email, "password": PASSWORD})

    assert not signed_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_page_for_signed_in_people_sends_visitors_to_allauths_login(client):
    page = Page.objects.get(slug="terms", locale__language_code="en")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/terms/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/terms/"


def auth_views_in(resolver, prefix=""):
    """Every route of the URL conf (shadowed or not) whose view is one of Django's own login,
    password-reset or password-change views, with the address that route has."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from auth_views_in(pattern, route)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            django_views = (
                django_auth_views.LoginView,
                django_auth_views.PasswordResetView,
                django_auth_views.PasswordResetConfirmView,
                django_auth_views.PasswordChangeView,
            )
            if view_class and issubclass(view_class, django_views):
                yield view_class, "/" + re.sub(r"<[^>]+>", "x", route)


def test_no_django_login_or_password_view_answers_at_its_address(client):
    """Django's views sign in and reset passwords past allauth (no rate limit, unverified
    addresses accepted): each address they are routed at answers with allauth's login or 404."""
    with translation.override("en"):
        found = dict(auth_views_in(get_resolver()))
    assert {view.__name__ for view in found} >= {"LoginView", "PasswordResetView", "PasswordResetConfirmView"}
    user = UserFactory()

    for view, url in found.items():
        data = {"username": user.email, "email": user.email, "password": PASSWORD}
        response = client.post(url, data, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else url
        allauths = (
            "/accounts/login/" in landed or "/accounts/password/reset/" in landed
        ) and response.status_code == 200
        assert response.status_code == 404 or allauths, (view, url)
        assert not signed_in(client), (view, url)
    assert mail.outbox == []


# The admin's own password reset ------------------------------------------------------------------


def test_the_admin_has_no_password_reset_of_its_own(client):
    participant, editor = UserFactory(), UserFactory(roles=[roles.EDITORS])

    for user in (participant, editor):
        response = client.post("/admin/password_reset/", {"email": user.email})
        assert response.status_code == 302 and response["Location"] == "/bg/accounts/password/reset/"
        link = "/admin/password_reset/confirm/MQ/set-password/"  # as in the emails it used to send
        assert client.post(link, {"new_password1": "x", "new_password2": "x"}, follow=True).status_code == 404
    assert mail.outbox == []


def test_the_admin_checks_no_password_of_its_own(client):
    """Its account page would change the password after checking the old one, without a limit."""
    editor = UserFactory(roles=[roles.EDITORS])
    client.force_login(editor)
    change = {
        "password-old_password": PASSWORD,
        "password-new_password1": "another-long-passphrase",
        "password-new_password2": "another-long-passphrase",
    }

    assert 'name="password-old_password"' not in client.get("/admin/account/").content.decode()
    client.post("/admin/account/", change)

    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_the_admin_login_offers_allauths_password_reset(client):
    response = client.get("/admin/login/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/bg/accounts/login/")
    assert 'href="/bg/accounts/password/reset/"' in response.content.decode()


# Passwords of private pages and collections ----------------------------------------------------


@pytest.fixture
def compared(monkeypatch):
    """How many times Wagtail compared a typed password with a page's or collection's."""
    calls = []
    import wagtail.forms

    original = wagtail.forms.constant_time_compare
    monkeypatch.setattr(
        wagtail.forms, "constant_time_compare", lambda *args: calls.append(args) or original(*args)
    )
    return calls


def try_password(client, url, password, address="203.0.113.7"):
    return client.post(url, {"password": password, "return_url": "/en/terms/"}, REMOTE_ADDR=address)


def test_the_right_page_password_opens_the_page(client, private_page):
    for _attempt in range(3):
        assert try_password(client, private_page, "a guess").status_code == 200

    response = try_password(client, private_page, "the-page-password")

    assert response.status_code == 302 and response["Location"] == "/en/terms/"
    assert client.get("/en/terms/").status_code == 200


def test_past_ten_wrong_page_passwords_not_even_the_right_one_is_checked(client, private_page, compared):
    for _attempt in range(10):
        response = try_password(client, private_page, "a guess")
        assert response.status_code == 200
        assert "The password you have entered is not correct." in response.content.decode()
    compared.clear()

    typed = ("a guess", "the-page-password", "", "a\x00b")
    answers = [try_password(client, private_page, password) for password in typed]

    assert compared == []
    for response in answers:
        assert response.status_code == 429
        assert "Too many attempts. Please wait an hour and try again." in response.content.decode()
        assert "the-page-password" not in response.content.decode()
    # Not let in: the page still asks for its password.
    assert 'name="password"' in client.get("/en/terms/").content.decode()


def test_the_page_password_limit_is_per_page_across_addresses(client, private_page, compared):
    for n in range(30):
        try_password(client, private_page, "a guess", address=f"198.51.100.{n}")
    compared.clear()

    response = try_password(client, private_page, "the-page-password", address="192.0.2.1")

    assert response.status_code == 429 and compared == []


def test_the_page_password_limit_is_per_address_across_pages(client, private_page, compared):
    other = Page.objects.get(slug="privacy", locale__language_code="en")
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="another-password"
    )
    for _attempt in range(10):
        try_password(client, private_page, "a guess")
    compared.clear()

    response = try_password(client, f"/en/_util/authenticate_with_password/{restriction.pk}/{other.pk}/", "x")

    assert response.status_code == 429 and compared == []


def test_past_ten_wrong_collection_passwords_none_is_checked(client, compared, private_collection):
    url = private_collection
    for _attempt in range(10):
        assert try_password(client, url, "a guess").status_code == 200
    compared.clear()

    response = try_password(client, url, "documents")

    assert response.status_code == 429 and compared == []
    with translation.override("bg"):  # /documents/ has no language prefix: the default language
        assert (
            translation.gettext("Too many attempts. Please wait an hour and try again.")
            in response.content.decode()
        )


@pytest.fixture
def private_collection():
    """The address of the password form of a collection of documents made private with "documents"."""
    collection = Collection.get_first_root_node().add_child(name="Private")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="documents"
    )
    return f"/documents/authenticate_with_password/{restriction.pk}/"


def while_each_is_checked(check, send, times):
    """Patches `check` so that each guess is sent while the one before it is still being checked
    (in flight), `times` guesses in all; returns the arguments each check got."""
    checked = []

    def checking(*args):
        checked.append(args)
        if send.count < times:
            send()
        return check(*args)

    return checked, checking


@pytest.mark.parametrize("form", ["private_page", "private_collection"])
def test_guesses_sent_together_cannot_pass_the_limit(client, monkeypatch, request, form):
    """Twelve guesses, each arriving while the ones before are still being compared, as a burst of
    parallel requests would: each is counted before its password is compared, so ten are compared
    and the eleventh is refused unread."""
    import wagtail.forms

    url, answers = request.getfixturevalue(form), []

    def send():
        send.count += 1
        answers.append(try_password(client, url, "a guess").status_code)

    send.count = 0
    compared, comparing = while_each_is_checked(wagtail.forms.constant_time_compare, send, 12)
    monkeypatch.setattr(wagtail.forms, "constant_time_compare", comparing)

    send()

    assert len(compared) == 10
    assert sorted(answers) == [200] * 10 + [429]


def test_a_right_password_gives_its_attempt_back(client, private_page, compared):
    """Only wrong passwords add up: a right one among nine wrong ones leaves one more guess."""
    for _attempt in range(9):
        try_password(client, private_page, "a guess")

    assert try_password(client, private_page, "the-page-password").status_code == 302
    assert try_password(client, private_page, "a guess").status_code == 200
    assert try_password(client, private_page, "the-page-password").status_code == 429
    assert len(compared) == 11


# The erasure form ------------------------------------------------------------------------------


def test_past_the_limit_the_erasure_form_checks_no_password(client, monkeypatch):
    user = UserFactory()
    client.force_login(user)
    for _attempt in range(5):
        client.post("/en/accounts/my-data/", {"password": "a guess"})
    checked = []
    original = User.check_password
    monkeypatch.setattr(User, "check_password", lambda self, raw: checked.append(raw) or original(self, raw))

    typed = ("a guess", PASSWORD, "", "a\x00b")
    answers = [client.post("/en/accounts/my-data/", {"password": password}) for password in typed]

    assert checked == []
    for response in answers:
        assert response.status_code == 429
        content = response.content.decode()
        assert "Too many attempts. Please wait an hour and try again." in content
        assert "This is not your password." not in content
    assert User.objects.filter(pk=user.pk, is_active=True).exists()


def test_erasure_guesses_sent_together_cannot_pass_the_limit(client, monkeypatch):
    """As for private pages: each guess is counted before its password is checked."""
    user = UserFactory()
    client.force_login(user)
    answers = []

    def send():
        send.count += 1
        answers.append(client.post("/en/accounts/my-data/", {"password": "a guess"}).status_code)

    send.count = 0
    checked, checking = while_each_is_checked(User.check_password, send, 7)
    monkeypatch.setattr(User, "check_password", checking)

    send()

    assert len(checked) == 5
    assert sorted(answers) == [200] * 5 + [429]
    assert User.objects.filter(pk=user.pk, is_active=True).exists()


# Opening a link never signs anyone out -----------------------------------------------------------


def test_opening_someone_elses_confirmation_link_does_not_sign_out(client):
    visitor, other = UserFactory(), unverified_user()
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=other)).key
    client.force_login(visitor)

    response = client.get(f"/en/accounts/confirm-email/{key}/")

    assert response.status_code == 200
    assert signed_in(client) == str(visitor.pk)
    # Confirming is a choice (POST): it verifies the other address and signs the visitor out.
    client.post(f"/en/accounts/confirm-email/{key}/")
    assert EmailAddress.objects.get(user=other).verified
    assert signed_in(client) != str(visitor.pk)


def test_opening_someone_elses_password_reset_link_does_not_sign_out(client):
    visitor, other = UserFactory(), UserFactory()
    client.force_login(visitor)
    link = f"/en/accounts/password/reset/key/{user_pk_to_url_str(other)}-{default_token_generator.make_token(other)}/"

    form_url = client.get(link)["Location"]
    response = client.get(form_url)

    assert response.status_code == 200 and 'name="password1"' in response.content.decode()
    assert signed_in(client) == str(visitor.pk)
    response = client.post(
        form_url, {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.check_password("a-new-long-passphrase")
    assert signed_in(client) != str(visitor.pk)
