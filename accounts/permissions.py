"""Granting model permissions to role groups from data migrations."""

from django.contrib.auth.management import create_permissions


def grant(apps, app_label, model_names, group_names, actions=("add", "change", "delete", "view")):
    """Give the groups these permissions on the models (made now, since Django otherwise creates
    permissions only after all migrations)."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    codenames = [f"{action}_{model}" for model in model_names for action in actions]
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for group in Group.objects.filter(name__in=group_names):
        group.permissions.add(*permissions)
