"""Followers are reminded once, in their own language, three days before a consultation closes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.formats import format_moment, format_time_left
from consultation.models import ClosingReminder, ConsultationPage, Follow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


def closes_in(consultation, delay):
    """Every language version closes then, as wagtail-localize keeps the dates in step."""
    closes_at = timezone.now() + delay
    ConsultationPage.objects.filter(translation_key=consultation.translation_key).update(closes_at=closes_at)
    return closes_at


def to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_each_follower_is_reminded_once_in_their_language(consultation):
    followers = {language: UserFactory(preferred_language=language) for language in ("bg", "ar", "fa")}
    for follower in followers.values():
        Follow.objects.create(user=follower, consultation=consultation)
    # Half an hour past the hour: the hours left do not change while the test runs.
    closes_at = closes_in(consultation, timedelta(days=2, hours=12, minutes=30))

    call_command("send_closing_reminders", verbosity=0)
    call_command("send_closing_reminders", verbosity=0)

    for language, follower in followers.items():
        messages = to(follower)
        assert len(messages) == 1  # once, although every language version closes in the window
        with translation.override(language):
            title = ConsultationPage.objects.get(
                translation_key=consultation.translation_key, locale__language_code=language
            ).title
            assert messages[0].subject == gettext("A consultation you follow closes soon")
            assert title in messages[0].body
            assert format_moment(closes_at) in messages[0].body
            assert format_time_left(closes_at) in messages[0].body
        assert f"/{language}/consultations/action-plan-2026/" in messages[0].body
    assert ClosingReminder.objects.filter(consultation=consultation).count() == 1


def test_a_follower_of_another_consultation_is_not_reminded(consultation):
    other = ConsultationPage.objects.filter(locale__language_code="bg").exclude(pk=consultation.pk).first()
    follower = UserFactory()
    Follow.objects.create(user=follower, consultation=other)
    closes_in(consultation, timedelta(days=1))

    call_command("send_closing_reminders", verbosity=0)

    assert to(follower) == []


@pytest.mark.parametrize(
    "delay",
    [timedelta(days=5), timedelta(days=3, minutes=5), -timedelta(hours=1)],
    ids=["5 days", "3 days 5 min", "closed"],
)
def test_no_reminder_before_the_three_days_nor_after_closing(consultation, delay):
    follower = UserFactory()
    Follow.objects.create(user=follower, consultation=consultation)
    closes_in(consultation, delay)

    call_command("send_closing_reminders", verbosity=0)

    assert to(follower) == []
    assert not ClosingReminder.objects.filter(consultation=consultation).exists()


def test_the_reminder_signs_off_with_the_site_and_its_address(consultation, settings):
    follower = UserFactory(preferred_language="en")
    Follow.objects.create(user=follower, consultation=consultation)
    closes_in(consultation, timedelta(days=2))

    call_command("send_closing_reminders", verbosity=0)

    body = to(follower)[0].body
    with translation.override("en"):
        assert gettext("Otvoren Grad, the participation platform of Sofia Municipality") in body
    assert body.rstrip().endswith(settings.WAGTAILADMIN_BASE_URL)
