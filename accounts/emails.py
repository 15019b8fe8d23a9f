"""Emails made from a pair of templates (`<name>_subject.txt`, `<name>.txt`): the caller renders
them in the recipient's language (`translation.override`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

STOP_SALT = "accounts.emails.stop"


def recipient(user_id):
    """The person a queued email is for, if their account still exists and is active."""
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def stop_url(user, preference):
    """A link that turns off one kind of email (`preference`, one of `User.STOPPABLE_EMAILS`)
    without signing in: signed, so nobody can make one for another person's account."""
    token = signing.dumps([user.pk, preference], salt=STOP_SALT)
    return absolute_url(reverse("stop_emails", args=[token]))


def read_stop_token(token):
    """The account and the preference of a `stop_url`; not found if the signature is wrong."""
    try:
        user_id, preference = signing.loads(token, salt=STOP_SALT)
    except (signing.BadSignature, TypeError, ValueError) as refusal:
        raise Http404 from refusal
    user = recipient(user_id)
    if user is None or preference not in user.STOPPABLE_EMAILS:
        raise Http404
    return user, preference


def send_templated(template, context, user, attachments=()):
    """The emails sign off with the site's address (`site_url`), as allauth's do."""
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL, **context}
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
