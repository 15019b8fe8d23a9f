"""Wagtail's userbar asks on every page whether the reader may open the admin, which costs two
queries (the person's own permissions and their groups'). A person's permissions change only when
their groups or a group's permissions do, so they are kept in the cache per person and per state of
the site's permissions (a counter every such change moves on)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms import page_cache

GENERATION_KEY = "permissions:generation"


class SharedPermissionsBackend(ModelBackend):
    """First in AUTHENTICATION_BACKENDS, so the other backends find the permissions it looked up on
    the person (Django's `_perm_cache`). It signs no one in: allauth does."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
        ):
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            key = f"permissions:{page_cache.generation(GENERATION_KEY)}:{user_obj.pk}:{user_obj.is_superuser}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, settings.PAGE_CACHE_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def forget_permissions(**kwargs):
    page_cache.start_generation(GENERATION_KEY)


def forget_permissions_on_change():
    """Joining or leaving a group, a group's permissions, a person's own: through the relations'
    managers (the admin's forms use them) or the rows of their tables."""
    User = get_user_model()
    for relation in (User.groups, User.user_permissions, Group.permissions):
        m2m_changed.connect(
            forget_permissions,
            sender=relation.through,
            dispatch_uid=f"permissions-{relation.through.__name__}",
        )
    for model in (
        Group,
        Permission,
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    ):
        post_save.connect(forget_permissions, sender=model, dispatch_uid=f"permissions-save-{model.__name__}")
        post_delete.connect(
            forget_permissions, sender=model, dispatch_uid=f"permissions-delete-{model.__name__}"
        )
