"""Emails to followers, sent by a background task in each recipient's language, so that a slow
mail server never slows a page."""

from django.db import transaction
from django.utils import translation
from django_tasks import task
from wagtail.models import Locale

from accounts.emails import absolute_url, recipient, send_templated
from cms.models import translations

from .models import ConsultationPage, Follow


def in_language(consultation, language):
    """The consultation's page in `language` if it has one, else the page given."""
    locale = Locale.objects.filter(language_code=language).first()
    return (locale and consultation.get_translation_or_none(locale)) or consultation


@task()
def send_notification(user_id, consultation_id, template, extra=None):
    user = recipient(user_id)
    consultation = ConsultationPage.objects.filter(pk=consultation_id).first()
    if user is None or consultation is None:
        return
    with translation.override(user.preferred_language):
        page = in_language(consultation, user.preferred_language)
        context = {
            "user": user,
            "consultation": page,
            "url": absolute_url(page.get_url()),
            **(extra or {}),
        }
        send_templated(f"consultation/email/{template}", context, user)


def notify_if_following(user, consultation, template, **extra):
    """Queue an email to a participant who follows the consultation."""
    if user is not None and Follow.objects.filter(user=user, consultation=consultation).exists():
        send_notification.enqueue(user.pk, consultation.pk, template, extra)


def notify_of_answer(proposal):
    """Tell the author of a proposal, if they follow the consultation, that the city answered it,
    with the answer in their preferred language if it is translated, else the Bulgarian one."""
    author = proposal.author
    answer = translations.in_language(proposal, "answer", author.preferred_language if author else None)
    notify_if_following(
        author,
        proposal.consultation,
        "proposal_answered",
        proposal_id=proposal.pk,
        answer=answer.text,
        answer_language=answer.language,
        answer_is_original=answer.is_fallback,
        answer_is_translation=answer.is_translation,
    )


def notify_followers_once(record_model, consultation, template):
    """Email the followers unless `record_model` (one row per consultation) says it was done: the
    row and the queued emails are saved together, so a run that finds the row (a second one, or one
    at the same moment, waiting on the unique key) sends nothing. Returns whether it sent."""
    with transaction.atomic():
        _record, created = record_model.objects.get_or_create(consultation=consultation)
        if created:
            notify_followers(consultation, template)
    return created


def notify_followers(consultation, template):
    for user_id in Follow.objects.filter(consultation=consultation).values_list("user_id", flat=True):
        send_notification.enqueue(user_id, consultation.pk, template, None)


def notify_of_reply(comment):
    """Tell the author of the comment replied to, once the reply is public."""
    parent = comment.parent
    if parent is not None and parent.author_id != comment.author_id:
        notify_if_following(parent.author, comment.consultation, "reply", comment_id=comment.pk)
