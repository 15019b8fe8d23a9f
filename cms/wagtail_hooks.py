from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import AccessibilityStatementPage, Indicator
from cms.models.accessibility import review_deadline

# Wagtail's own "Reports" menu (its audit and page reports) has no Bulgarian translation in
# Wagtail's catalog; ours gives it one («Отчети»), never the word for outcome reports («справки»).
gettext_noop("Reports")


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indicators")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "unit", "baseline_year", "target_year", "is_demo"]
    search_fields = ["name", "description"]


register_snippet(IndicatorViewSet)


class OverdueStatementsPanel(Component):
    """The accessibility statements whose yearly review is overdue, on the dashboard of the editors
    who may review them."""

    name = "overdue_accessibility_statements"
    template_name = "cms/panels/overdue_statements.html"
    order = 60

    def __init__(self, statements):
        self.statements = statements

    def get_context_data(self, parent_context):
        return {"statements": self.statements}


@hooks.register("construct_homepage_panels")
def add_overdue_statements_panel(request, panels):
    overdue = AccessibilityStatementPage.objects.filter(last_reviewed_on__lt=review_deadline())
    statements = [
        statement
        for statement in overdue.select_related("locale").order_by("path")
        if statement.permissions_for_user(request.user).can_edit()
    ]
    if statements:
        panels.append(OverdueStatementsPanel(statements))
