from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext


class AccountAdapter(DefaultAccountAdapter):
    """Emails go out in the language the person chose, not the one of the request that sent them."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject):
        return f"[{gettext('Otvoren Grad')}] {subject}"
