"""The web fonts: per-script subsets of the complete fonts, so a page downloads only the scripts it
shows (a Farsi page the Arabic letters, not the 2,800 Latin, Greek and Cyrillic glyphs of Noto Sans).

Each complete file in static/fonts/ is cut into the subsets named in FACES: every character of the
font goes to the first subset whose ranges hold it, the rest to a last subset ("more"), so the web
shows every character the complete font has. The files go to static/fonts/web/, and the
`@font-face` rules, each with the `unicode-range` of exactly the characters its file has, replace
the block between the two FONT_FACES markers at the top of static/css/site.css.

The complete files stay for the PDFs (cms/pdf.py): WeasyPrint merges faces of one family that differ
only by `unicode-range` into one embedded font and draws garbage glyphs.

    python scripts/subset_fonts.py
"""

import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
WEB = FONTS / "web"
STYLESHEET = ROOT / "static" / "css" / "site.css"
BEGIN = "/* FONT_FACES: made by scripts/subset_fonts.py from the complete fonts; do not edit by hand. */\n"
END = "/* FONT_FACES end */\n"

# Per-script ranges after those of Google Fonts' web fonts, tried in this order.
LATIN = "0000-00FF 0131 0152-0153 02BB-02BC 02C6 02DA 02DC 0304 0308 0329 2000-206F 20AC 2122 2191 2193 2212 2215 FEFF FFFD"
CYRILLIC = "0301 0400-045F 0490-0491 04B0-04B1 2116"
LATIN_EXT = "0100-036F 1D00-1DBF 1E00-1EFF 20A0-20CF 2113 2C60-2C7F A720-A7FF"
CYRILLIC_EXT = "0460-052F 1C80-1C8F 20B4 2DE0-2DFF A640-A69F FE2E-FE2F"
GREEK = "0370-03FF 1F00-1FFF"
# Arabic and Persian letters, Arabic and Persian digits, ZWNJ and the direction marks, Arabic
# punctuation, the rial sign; with the font's spaces, Latin digits and punctuation, so Arabic and
# Farsi text is set in one font as before.
ARABIC = "0000-00FF 0600-06FF 200B-2011 204F 25CC 2E41 FDFC"

NOTO_SANS = [
    ("latin", LATIN),
    ("cyrillic", CYRILLIC),
    ("latin-ext", LATIN_EXT),
    ("cyrillic-ext", CYRILLIC_EXT),
    ("greek", GREEK),
]
# (family, weight, complete file, its subsets); what no subset holds goes to a last one, "more".
FACES = [
    ("Noto Sans", 400, "NotoSans-Regular", NOTO_SANS),
    ("Noto Sans", 700, "NotoSans-Bold", NOTO_SANS),
    ("Noto Sans Arabic", 400, "NotoSansArabic-Regular", [("arabic", ARABIC)]),
    ("Noto Sans Arabic", 700, "NotoSansArabic-Bold", [("arabic", ARABIC)]),
]


def code_points(ranges):
    points = set()
    for item in ranges.split():
        first, _, last = item.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def unicode_range(points):
    """`U+0-D, U+20-21, …`: the code points as the fewest ranges."""
    runs, points = [], sorted(points)
    start = previous = points[0]
    for point in points[1:]:
        if point != previous + 1:
            runs.append((start, previous))
            start = point
        previous = point
    runs.append((start, previous))
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def split(font_file, scripts):
    """[(subset name, its code points)], disjoint, covering every character of the font."""
    left = set(TTFont(font_file).getBestCmap())
    parts = []
    for name, ranges in scripts:
        points = left & code_points(ranges)
        if points:
            parts.append((name, points))
            left -= points
    if left:
        parts.append(("more", left))
    return parts


def write_subset(font_file, points, target):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # the names and the licence
    options.notdef_outline = True
    # Without the TrueType hinting (a third of the bytes): phones and today's desktop browsers
    # render without it; the complete files keep it.
    options.hinting = False
    options.drop_tables += ["fpgm", "prep", "cvt ", "gasp"]
    font = subset.load_font(str(font_file), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main():
    WEB.mkdir(exist_ok=True)
    for old in WEB.glob("*.woff2"):
        old.unlink()
    rules = []
    for family, weight, name, scripts in FACES:
        for script, points in split(FONTS / f"{name}.woff2", scripts):
            target = WEB / f"{name}.{script}.woff2"
            write_subset(FONTS / f"{name}.woff2", points, target)
            rules.append(
                "@font-face {\n"
                f'    font-family: "{family}";\n'
                f'    src: url("../fonts/web/{target.name}") format("woff2");\n'
                f"    font-weight: {weight};\n"
                "    font-display: swap;\n"
                f"    unicode-range: {unicode_range(points)};\n"
                "}\n"
            )
            print(f"{target.relative_to(ROOT)}: {len(points)} characters, {target.stat().st_size:,} bytes")
    stylesheet = STYLESHEET.read_text()
    block = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    if not block.search(stylesheet):
        raise SystemExit(f"{STYLESHEET} has no FONT_FACES block to replace.")
    STYLESHEET.write_text(block.sub(lambda _match: BEGIN + "".join(rules) + END, stylesheet))


if __name__ == "__main__":
    main()
