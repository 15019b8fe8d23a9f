from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Refugee advisory council")

    def ready(self):
        from django.contrib.auth import get_user_model

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
        )

        invalidate_on_change(Motion)  # public decisions are listed for everyone
        # What the minutes, the decision register and the result sheets show, names included.
        count_changes_of(
            Meeting, AgendaItem, Membership, Attendance, Motion, NamedVote, Minutes, MinutesEntry
        )
        count_changes_of(get_user_model())
