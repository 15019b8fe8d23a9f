from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultation import admin_views
from consultation.models import ConsultationPage, Poll
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


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_answer(request.user)


@hooks.register("register_admin_urls")
def register_bulk_answer_url():
    return [path("answer-contributions/", admin_views.bulk_answer, name="consultation_bulk_answer")]


@hooks.register("register_admin_menu_item")
def register_bulk_answer_menu_item():
    return ModeratorMenuItem(
        _("Answer in bulk"), reverse("consultation_bulk_answer"), icon_name="tick", order=151
    )


@hooks.register("register_admin_urls")
def register_enter_received_url():
    return [
        path(
            "enter-received-contribution/",
            admin_views.enter_received_contribution,
            name="consultation_enter_received",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_enter_received_menu_item():
    return ModeratorMenuItem(
        _("Enter a received contribution"),
        reverse("consultation_enter_received"),
        icon_name="mail",
        order=152,
    )


class OverdueReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_overdue_reports(request.user)


@hooks.register("register_admin_urls")
def register_overdue_reports_url():
    return [path("overdue-reports/", admin_views.overdue_reports, name="consultation_overdue_reports")]


@hooks.register("register_admin_menu_item")
def register_overdue_reports_menu_item():
    return OverdueReportsMenuItem(
        _("Overdue reports"), reverse("consultation_overdue_reports"), icon_name="warning", order=153
    )


@hooks.register("construct_homepage_panels")
def add_overdue_reports_panel(request, panels):
    if admin_views.may_see_overdue_reports(request.user):
        reports = admin_views.overdue_reports_of(request.user)
        if reports:
            panels.append(admin_views.OverdueReportsPanel(reports))


@hooks.register("home_page_sections")
def open_consultations(home_page, request):
    """The home page leads to the consultations open now, with their deadline and the time left."""
    consultations = list(ConsultationPage.open_under(home_page, request))
    if consultations:
        return render_to_string(
            "consultation/includes/open_consultations.html", {"consultations": consultations}, request
        )
    return None
