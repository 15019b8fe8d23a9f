from functools import partial

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from . import names
from .emails import queue


class AccountAdapter(DefaultAccountAdapter):
    """Emails go out in the language the person chose, not the one of the request that sent them,
    and are sent by the task worker: a slow mail server never holds up a signup."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        # The site's address for the emails' signature, rather than the request's host.
        context = {**context, "site_url": settings.WAGTAILADMIN_BASE_URL}
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.send = partial(queue, message)  # allauth renders and sends; the worker sends
        return message

    def format_email_subject(self, subject):
        return f"[{gettext('Otvoren Grad')}] {subject}"

    def clean_email(self, email):
        """No address at a domain that imitates another (signup, a new address, password reset)."""
        email = super().clean_email(email)
        if names.is_lookalike_domain(email.rpartition("@")[2]):
            raise forms.ValidationError(
                gettext_lazy(
                    "The domain of this address imitates another one with look-alike letters. "
                    "Please check it, or use another address."
                ),
                code="lookalike_domain",
            )
        return email
