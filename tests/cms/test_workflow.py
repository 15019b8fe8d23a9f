"""Editors write, publishers approve (Wagtail's workflow); scheduled publishing; untranslated pages."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import rich_text

from accounts import roles
from cms.models import HomePage, StandardPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="bg")


def page_form(title, slug, **extra):
    return {"title": title, "slug": slug, "intro": "", "body": rich_text("<p>Текст.</p>"), **extra}


def add_page(client, home, action, slug="novini"):
    return client.post(
        f"/admin/pages/add/cms/standardpage/{home.pk}/", page_form("Новини", slug, **{action: action})
    )


def test_an_editor_cannot_publish(client, home):
    client.force_login(UserFactory(roles=[roles.EDITORS]))

    add_page(client, home, "action-publish")

    page = StandardPage.objects.get(slug="novini", locale=home.locale)
    assert not page.live
    assert client.get("/bg/novini/").status_code == 404


def test_an_editor_submits_and_a_publisher_approves(client, home):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    add_page(client, home, "action-submit")
    page = StandardPage.objects.get(slug="novini", locale=home.locale)
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state

    # The editor may not approve their own page: only publishers can.
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")
    page.refresh_from_db()
    assert not page.live

    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "Добре."})

    page.refresh_from_db()
    assert page.live
    assert client.get("/bg/novini/").status_code == 200


def test_a_publisher_publishes_directly(client, home):
    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))

    add_page(client, home, "action-publish")

    assert StandardPage.objects.get(slug="novini", locale=home.locale).live


def test_scheduled_publishing_waits_for_its_time(client, home):
    page = home.add_child(instance=StandardPage(title="По-късно", slug="po-kasno", live=False))
    page.go_live_at = timezone.now() + timedelta(days=1)
    revision = page.save_revision()
    revision.publish()
    assert client.get("/bg/po-kasno/").status_code == 404
    call_command("publish_scheduled")
    assert client.get("/bg/po-kasno/").status_code == 404

    the_day_after = timezone.now() + timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=the_day_after):
        call_command("publish_scheduled")

    assert client.get("/bg/po-kasno/").status_code == 200


def test_anonymous_visitors_never_see_drafts_or_previews(client, home):
    page = home.add_child(instance=StandardPage(title="Чернова", slug="chernova", live=False))
    page.save_revision()

    assert client.get("/bg/chernova/").status_code == 404
    preview = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert preview.status_code == 302 and "/accounts/login/" in preview["Location"]


def test_a_page_not_yet_translated_is_shown_in_bulgarian_with_a_notice(client, home):
    client.force_login(UserFactory(roles=[roles.PUBLISHERS]))
    add_page(client, home, "action-publish", slug="novo")
    client.logout()

    response = client.get("/ar/novo/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Новини" in content
    assert 'class="translation-notice"' in content
    assert '<article lang="bg">' in content
    alias = Page.objects.get(slug="novo", locale__language_code="ar")
    assert alias.alias_of_id == StandardPage.objects.get(slug="novo", locale=home.locale).pk
