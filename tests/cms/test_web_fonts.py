"""The web fonts are the complete fonts cut by script (scripts/subset_fonts.py): each file holds
exactly the characters its `unicode-range` names, so a page downloads a subset only for text it
shows, and together a face's subsets hold every character of its complete file, which the PDFs
keep using."""

import re
from collections import defaultdict
from pathlib import Path

from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

from cms.pdf import FONTS

FACE = re.compile(r"@font-face\s*{([^}]*)}")


def declared_faces():
    stylesheet = Path(finders.find("css/site.css")).read_text()
    for rule in FACE.findall(stylesheet):
        descriptors = dict(re.findall(r"([\w-]+):\s*([^;]+);", rule))
        url = re.search(r'url\("\.\./([^"]+)"\)', descriptors["src"]).group(1)
        yield (
            descriptors["font-family"],
            descriptors["font-weight"],
            url,
            code_points(descriptors["unicode-range"]),
        )


def code_points(unicode_range):
    points = set()
    for item in unicode_range.replace("U+", "").split(","):
        first, _, last = item.strip().partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def characters(static_path):
    return set(TTFont(finders.find(static_path)).getBestCmap())


def test_each_subset_holds_the_characters_its_unicode_range_names():
    faces = list(declared_faces())

    assert len(faces) > 4
    for _family, _weight, url, points in faces:
        assert url.startswith("fonts/web/")
        assert characters(url) == points, url


def test_the_subsets_of_a_face_together_are_its_complete_font_and_do_not_overlap():
    subsets = defaultdict(list)
    for family, weight, url, points in declared_faces():
        complete = url.removeprefix("fonts/web/").split(".")[0]
        subsets[(family, weight, complete)].append(points)

    assert {f"fonts/{complete}.woff2" for _family, _weight, complete in subsets} == set(FONTS.values())
    for (_family, _weight, complete), parts in subsets.items():
        assert set().union(*parts) == characters(f"fonts/{complete}.woff2")
        assert sum(len(part) for part in parts) == len(set().union(*parts))
