"""The three spheres of the Open Cities network and the plan's target groups: the labels the action
plan's measures and the consultations share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sphere(models.TextChoices):
    """The three spheres of the Open Cities network; the plan marks each measure with symbols."""

    LEADERSHIP = "leadership", _("Leadership and governance")
    INTEGRATION = "integration", _("Integration and inclusion")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation")

    @property
    def symbol(self):
        return {"leadership": "▲", "integration": "●", "internationalisation": "■"}[self.value]


class TargetGroup(models.TextChoices):
    HIGHLY_QUALIFIED = (
        "highly_qualified",
        _("Highly qualified immigrants from third countries and EU citizens"),
    )
    ENTREPRENEURS = "entrepreneurs", _("Entrepreneurial, economically independent and active immigrants")
    YOUNG_NEWCOMERS = "young_newcomers", _("Newly arrived young immigrants")
    SECOND_GENERATION = "second_generation", _("Second-generation immigrants")
    REFUGEES = "refugees", _("Refugees and people seeking protection")


class SpheresAndTargetGroups:
    """For models with `spheres` and `target_groups` fields: their choices, labelled, in order."""

    @property
    def sphere_list(self):
        return [Sphere(code) for code in self.spheres if code in Sphere.values]

    @property
    def target_group_list(self):
        return [TargetGroup(code) for code in self.target_groups if code in TargetGroup.values]
