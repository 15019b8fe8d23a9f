"""Emails made from a pair of templates (`<name>_subject.txt`, `<name>.txt`): the caller renders
them in the recipient's language (`translation.override`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task


def recipient(user_id):
    """The person a queued email is for, if their account still exists and is active."""
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated(template, context, user, attachments=()):
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    message = EmailMessage(subject, render_to_string(f"{template}.txt", context), to=[user.email])
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def queue(message, fail_silently=False):
    """Send a rendered email by the task worker instead of during the request."""
    send_rendered.enqueue(
        message.subject,
        message.body,
        message.from_email,
        message.to,
        [list(alternative) for alternative in getattr(message, "alternatives", [])],
        message.content_subtype,
        message.extra_headers,
    )
    return 1


@task()
def send_rendered(subject, body, from_email, to, alternatives, content_subtype="plain", headers=None):
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    message.content_subtype = content_subtype
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    message.send()
