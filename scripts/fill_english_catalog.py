"""English is the language of the message ids: copy each id into its translation.

Run after `make messages`; the other four catalogs are translated by people. The exceptions: the
site's name, and allauth's texts the site words its own way (accounts/allauth_wording.py).
"""

import os
import sys
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from accounts.allauth_wording import ENGLISH  # noqa: E402  (after the set-up its gettext_noop needs)

WORDING = {"Otvoren Grad": "Open City", **ENGLISH}


def main():
    catalog = polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))
    catalog.metadata_is_fuzzy = False
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = WORDING.get(entry.msgid, entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalog.save()


if __name__ == "__main__":
    main()
