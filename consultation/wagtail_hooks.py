from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultation import admin_views
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


class AnswerMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_answer(request.user)


@hooks.register("register_admin_urls")
def register_bulk_answer_url():
    return [path("answer-contributions/", admin_views.bulk_answer, name="consultation_bulk_answer")]


@hooks.register("register_admin_menu_item")
def register_bulk_answer_menu_item():
    return AnswerMenuItem(
        _("Answer in bulk"), reverse("consultation_bulk_answer"), icon_name="tick", order=151
    )
