"""What changed between two published versions of the action plan, word by word."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


def plain_text(html):
    """Rich text as plain text, one line per block, for comparing."""
    return strip_tags(re.sub(r"</(p|li|h\d)>", "\n", html or "")).strip()


def word_diff(old, new):
    """[(operation, text)] with operation "equal", "delete" or "insert"."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=old_words, b=new_words, autojunk=False
    ).get_opcodes():
        if operation in ("equal", "delete"):
            parts.append((operation, "".join(old_words[i1:i2])))
        elif operation == "replace":
            parts.append(("delete", "".join(old_words[i1:i2])))
        if operation in ("insert", "replace"):
            parts.append(("insert", "".join(new_words[j1:j2])))
    return parts


@dataclass
class FieldChange:
    label: str
    parts: list


@dataclass
class MeasureChange:
    kind: str  # added, removed or changed
    title: str
    changes: list = field(default_factory=list)


PLAN_FIELDS = [
    ("intro", _("Introduction")),
    ("goals", _("Goals")),
    ("target_groups_text", _("Target groups")),
]
PLAN_FIELDS += [("method", _("How the plan was made"))]


def measure_facts(measure):
    return [
        (_("Title"), measure.title),
        (_("Description"), plain_text(measure.description)),
        (_("Spheres"), "; ".join(str(sphere.label) for sphere in measure.sphere_list)),
        (_("Target groups"), "; ".join(str(group.label) for group in measure.target_group_list)),
        (_("Responsible"), measure.responsible),
        (_("Timeline"), measure.timeline),
        (_("Status"), str(measure.get_status_display())),
    ]


def changed_fields(old_pairs, new_pairs):
    return [
        FieldChange(label, word_diff(old, new))
        for (label, old), (_label, new) in zip(old_pairs, new_pairs, strict=True)
        if old != new
    ]


@dataclass
class PlanComparison:
    old: object
    new: object

    @property
    def text_changes(self):
        return changed_fields(
            [(label, plain_text(getattr(self.old, name))) for name, label in PLAN_FIELDS],
            [(label, plain_text(getattr(self.new, name))) for name, label in PLAN_FIELDS],
        )

    @property
    def measure_changes(self):
        """Measures matched by their translation key, which survives edits and re-ordering."""
        old = {measure.translation_key: measure for measure in self.old.measures.all()}
        new = {measure.translation_key: measure for measure in self.new.measures.all()}
        result = []
        for key, measure in new.items():
            if key not in old:
                result.append(MeasureChange("added", measure.title))
            elif changes := changed_fields(measure_facts(old[key]), measure_facts(measure)):
                result.append(MeasureChange("changed", measure.title, changes))
        result += [MeasureChange("removed", measure.title) for key, measure in old.items() if key not in new]
        return result
