"""English is the language of the message ids: copy each id into its translation.

Run after `make messages`; the other four catalogs are translated by people.
"""

from pathlib import Path

import polib

BRAND = {"Otvoren Grad": "Open City"}


def main():
    catalog = polib.pofile(str(Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"))
    catalog.metadata_is_fuzzy = False
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = BRAND.get(entry.msgid, entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalog.save()


if __name__ == "__main__":
    main()
