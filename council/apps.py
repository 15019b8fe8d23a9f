from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Refugee advisory council")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from cms.page_cache import invalidate_on_change
        from cms.pdf import count_changes_of

        from .models import (
            AgendaItem,
            Attendance,
            Meeting,
            Membership,
            Minutes,
            MinutesEntry,
            Motion,
            NamedVote,
            left_open_data_on_delete,
        )

        # Public decisions are listed for everyone, public meetings are in everyone's calendar feed.
        invalidate_on_change(Motion, Meeting, AgendaItem)
        # What the minutes, the decision register and the result sheets show, names included.
        count_changes_of(
            Meeting, AgendaItem, Membership, Attendance, Motion, NamedVote, Minutes, MinutesEntry
        )
        count_changes_of(get_user_model())
        for model in (Meeting, AgendaItem, Motion, Membership):
            pre_delete.connect(left_open_data_on_delete, sender=model, dispatch_uid=f"oparl-{model.__name__}")
