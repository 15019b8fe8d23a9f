"""Wagtail's documents move from the public media to the private storage (cms.uploads.MediaStorage
keeps them there from now on), so that a file uploaded before is no longer reachable by URL."""

from django.core.files.storage import storages
from django.db import migrations


def same_content(public, private, name):
    with public.open(name) as one, private.open(name) as other:
        return one.read() == other.read()


def move_to_private_storage(apps, schema_editor):
    """Each file leaves the public storage, whatever happens: one already in the private storage
    (an interrupted earlier run copied it) is kept if it is the same, else the file is saved beside
    it under a name of its own."""
    public, private = storages["public"], storages["private"]
    for model in (apps.get_model("wagtaildocs", "Document"), apps.get_model("wagtailcore", "UploadedFile")):
        for pk, name in model.objects.exclude(file="").values_list("pk", "file"):
            if not public.exists(name):
                continue
            if not (private.exists(name) and same_content(public, private, name)):
                with public.open(name) as content:
                    stored = private.save(name, content)
                if stored != name:
                    model.objects.filter(pk=pk).update(file=stored)
            public.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_indicator_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0093_uploadedfile"),
    ]

    operations = [migrations.RunPython(move_to_private_storage, migrations.RunPython.noop)]
