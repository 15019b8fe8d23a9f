"""Granting model permissions to role groups from data migrations."""

from django.contrib.auth.management import create_permissions


def grant(apps, app_label, model_names, group_names):
    """Give the groups add, change, delete and view on the models (permissions made now, since
    Django otherwise creates them only after all migrations)."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    codenames = [
        f"{action}_{model}" for model in model_names for action in ("add", "change", "delete", "view")
    ]
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for group in Group.objects.filter(name__in=group_names):
        group.permissions.add(*permissions)
