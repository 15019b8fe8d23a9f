"""Signing up, verifying the email address, signing in, rate limits: through the public pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def signup_data(**overrides):
    data = {
        "email": "nadia@example.org",
        "display_name": "Надя",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "respondent_category": "refugee",
        "preferred_language": "ar",
        "accept_terms": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_signup_without_accepting_the_terms_is_refused_and_keeps_the_input(client):
    response = client.post("/fr/accounts/signup/", signup_data(accept_terms=None))

    assert response.status_code == 200
    assert not User.objects.filter(email="nadia@example.org").exists()
    form = response.context["form"]
    assert "accept_terms" in form.errors
    content = response.content.decode()
    assert 'value="nadia@example.org"' in content
    assert 'value="Надя"' in content
    assert "Vous devez accepter les conditions d’utilisation pour participer." in content


def test_signup_records_the_profile_and_asks_to_verify_the_email(client):
    response = client.post("/bg/accounts/signup/", signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/bg/accounts/confirm-email/"
    user = User.objects.get(email="nadia@example.org")
    assert user.display_name == "Надя"
    assert user.respondent_category == User.RespondentCategory.REFUGEE
    assert user.preferred_language == "ar"
    assert user.terms_accepted_at is not None
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in until the address is verified.
    assert "_auth_user_id" not in client.session


def test_verification_email_is_in_the_preferred_language_and_its_link_verifies(client):
    client.post("/bg/accounts/signup/", signup_data(preferred_language="fr"))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia@example.org"]
    assert "Veuillez confirmer votre adresse e-mail" in message.subject
    assert "localhost" in message.body  # the site's name, from allauth's context
    link = re.search(r"https?://[^/]+(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)

    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nadia@example.org").verified
    assert client.session["_auth_user_id"] == str(User.objects.get(email="nadia@example.org").pk)


def test_an_unverified_account_cannot_sign_in(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_a_verified_participant_signs_in_and_out(client):
    user = UserFactory()

    response = client.post("/ar/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get("/ar/").content.decode()
    assert user.display_name in page

    client.post("/ar/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_login_is_rate_limited_per_account(client):
    user = UserFactory()
    for _attempt in range(5):
        response = client.post("/bg/accounts/login/", {"login": user.email, "password": "wrong password"})
        assert response.status_code == 200

    response = client.post("/bg/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Твърде много неуспешни опити за вход" in response.content.decode()


@pytest.mark.parametrize("code", ["bg", "en", "fr", "ar", "fa"])
def test_password_reset_sends_a_working_link(client, code):
    user = UserFactory(preferred_language=code)

    response = client.post(f"/{code}/accounts/password/reset/", {"email": user.email})

    assert response.status_code == 302
    link = re.search(r"https?://[^/]+(/\S+/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"password1": "another-long-passphrase", "password2": "another-long-passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase")


def test_email_change_needs_verification_of_the_new_address(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/en/accounts/email/", {"action_add": "", "email": "new-address@example.org"})

    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email="new-address@example.org", verified=False).exists()
    assert mail.outbox[0].to == ["new-address@example.org"]


def test_signup_does_not_ask_for_identifying_data(client):
    form = client.get("/en/accounts/signup/").context["form"]

    assert set(form.fields) == {
        "email",
        "display_name",
        "password1",
        "password2",
        "respondent_category",
        "preferred_language",
        "accept_terms",
    }
    assert not form.fields["respondent_category"].required


def test_the_verification_email_waits_for_the_worker_in_production(client, settings):
    """With the database task backend, signing up only queues the email: a slow mail server
    never holds up the signup."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    response = client.post("/bg/accounts/signup/", signup_data())

    assert response.status_code == 302
    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="accounts.emails.send_rendered")
    assert queued.args_kwargs["args"][3] == ["nadia@example.org"]


def test_the_admins_account_page_asks_no_real_name_and_changes_no_address(client):
    """Allauth's verified change (/accounts/email/) is the only way to another address."""
    from accounts import roles
    from tests.factories import UserFactory

    user = UserFactory(roles=[roles.EDITORS])
    client.force_login(user)
    page = client.get("/admin/account/")

    assert page.status_code == 200
    assert 'name="name_email-first_name"' not in page.content.decode()
    assert 'name="name_email-email"' not in page.content.decode()
    client.post(
        "/admin/account/", {"name_email-email": "elsewhere@example.org", "locale-preferred_language": "bg"}
    )
    user.refresh_from_db()
    assert user.email != "elsewhere@example.org"
    client.logout()
    assert client.get("/admin/account/").status_code == 302  # still behind the admin's sign-in
