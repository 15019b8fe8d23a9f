from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .forms import ModeratorEmailsForm


class ModeratorEmailsPanel(BaseSettingsPanel):
    """On the Notifications tab of the admin's account page, for moderators only."""

    name = "moderator_emails"
    title = _("Moderators' emails")
    tab = notifications_tab
    order = 200
    form_class = ModeratorEmailsForm

    def is_active(self):
        return self.user.is_moderator


@hooks.register("register_account_settings_panel")
def register_moderator_emails_panel(request, user, profile):
    return ModeratorEmailsPanel(request, user, profile)
