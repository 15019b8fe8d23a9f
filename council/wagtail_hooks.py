from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Meeting, Membership


class MeetingViewSet(ModelViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["title", "starts_at", "status"]
    list_filter = ["status"]
    copy_view_enabled = False


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Members")
    form_fields = ["user", "role", "starts_on", "ends_on"]
    list_display = ["user", "role", "starts_on", "ends_on"]
    list_filter = ["role"]
    copy_view_enabled = False


class CouncilViewSetGroup(ModelViewSetGroup):
    menu_label = _("Refugee advisory council")
    menu_icon = "group"
    menu_order = 160
    items = (MeetingViewSet("council_meetings"), MembershipViewSet("council_members"))


@hooks.register("register_admin_viewset")
def register_council():
    return CouncilViewSetGroup()
