from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Sphere, TargetGroup


class MeasureFilterForm(forms.Form):
    """The action plan's filters: a GET form, so a filtered list works without JavaScript and its
    address can be shared."""

    sphere = forms.ChoiceField(
        label=_("Sphere"), choices=[("", _("All spheres"))] + Sphere.choices, required=False
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("All target groups"))] + TargetGroup.choices, required=False
    )
