"""Signing up from a consultation leads back to its comment form, with the section chosen."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from consultation.models import ConsultationPage
from tests.accounts.test_signup import signup_data

pytestmark = pytest.mark.django_db

OPEN = "/bg/consultations/action-plan-2026/"


@pytest.fixture
def section_key():
    page = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")
    return str(page.sections.first().translation_key)


def confirm_by_email(client):
    link = re.search(r"https?://[^/]+(/\S+/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    return client.post(link)


def test_the_links_to_sign_in_and_up_carry_the_comment_form_and_the_section(client, section_key):
    key = section_key
    page = BeautifulSoup(client.get(f"{OPEN}?comment_on={key}").content, "html.parser")

    links = page.select("#comment-form a")
    assert len(links) == 2
    for link in links:
        query = parse_qs(urlsplit(link["href"]).query)
        assert query["next"] == [f"{OPEN}?comment_on={key}#comment-form"]


def test_after_signing_up_and_verifying_the_person_is_back_at_the_form(client, section_key):
    key = section_key
    back = f"{OPEN}?comment_on={key}#comment-form"
    page = BeautifulSoup(client.get(f"{OPEN}?comment_on={key}").content, "html.parser")
    signup_url = page.select_one("#comment-form a[href*=signup]")["href"]

    response = client.post(signup_url, signup_data())
    assert response.status_code == 302
    response = confirm_by_email(client)

    assert response.status_code == 302
    assert response["Location"] == back
    assert "_auth_user_id" in client.session
    form = BeautifulSoup(client.get(back).content, "html.parser").select_one("form#comment-form")
    assert form.select_one("input[name=section]")["value"] == key


def test_a_next_on_another_site_is_not_followed(client):
    client.post("/bg/accounts/signup/?next=https://evil.example/comment-form", signup_data())
    response = confirm_by_email(client)

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert urlsplit(response["Location"]).netloc == ""
