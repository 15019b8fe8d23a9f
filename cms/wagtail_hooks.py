from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Indicator


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indicators")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "unit", "baseline_year", "target_year", "is_demo"]
    search_fields = ["name", "description"]


register_snippet(IndicatorViewSet)
