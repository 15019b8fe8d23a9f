"""Compile locale/*/django.po to .mo with polib, so set-up needs no GNU gettext.

With --check it compiles nothing and fails if a catalog has an untranslated or fuzzy message,
or if a committed .mo file does not match its .po file.
"""

import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the interface translations (locale/*/LC_MESSAGES/django.po)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Verify the catalogs and the .mo files.")

    def handle(self, *args, check=False, **options):
        problems = []
        for code, _name in settings.LANGUAGES:
            po_path = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                problems.append(f"{po_path} is missing")
                continue
            catalog = polib.pofile(str(po_path))
            untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
            fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
            if untranslated or fuzzy:
                problems.append(f"{po_path}: untranslated {untranslated[:5]}, fuzzy {fuzzy[:5]}")
            mo_path = po_path.with_suffix(".mo")
            if check:
                with tempfile.NamedTemporaryFile(suffix=".mo") as compiled:
                    catalog.save_as_mofile(compiled.name)
                    if not mo_path.exists() or Path(compiled.name).read_bytes() != mo_path.read_bytes():
                        problems.append(f"{mo_path} does not match its .po file: run `make messages`")
            else:
                catalog.save_as_mofile(str(mo_path))
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("Translations " + ("checked." if check else "compiled."))
