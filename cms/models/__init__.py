from .accessibility import AccessibilityStatementPage
from .action_plan import (
    ActionPlanPage,
    Indicator,
    IndicatorValue,
    Measure,
)
from .events import EventIndexPage, EventPage
from .fields import ChoiceListField
from .pages import ContentPage, HomePage, LegalPages, SitePage, StandardPage
from .translations import Translation

__all__ = [
    "AccessibilityStatementPage",
    "ActionPlanPage",
    "ChoiceListField",
    "ContentPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "Indicator",
    "IndicatorValue",
    "LegalPages",
    "Measure",
    "SitePage",
    "StandardPage",
    "Translation",
]
