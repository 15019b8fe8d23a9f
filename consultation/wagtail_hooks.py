from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultation.models import Poll
from consultation.moderation import ModerationViewSetGroup


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = _("Polls")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["question", "consultation", "results"]


register_snippet(PollViewSet)


@hooks.register("register_admin_viewset")
def register_moderation():
    return ModerationViewSetGroup()
