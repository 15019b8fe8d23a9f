from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .forms import MeetingAdminForm
from .models import ChangeRefused, Meeting, Membership


class MeetingDeleteView(DeleteView):
    """A frozen meeting is not deleted: the admin says why instead."""

    def form_valid(self, form):
        try:
            self.object.ensure_changeable()
        except ChangeRefused as refusal:
            messages.error(self.request, str(refusal))
            return redirect(self.index_url_name)
        return super().form_valid(form)


class MeetingViewSet(ModelViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["title", "starts_at", "status"]
    list_filter = ["status"]
    copy_view_enabled = False
    # The council area's checks (a frozen meeting, an agenda item in the minutes), in the admin.
    edit_handler = ObjectList(Meeting.panels, base_form_class=MeetingAdminForm)
    delete_view_class = MeetingDeleteView


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
