from django.contrib.auth.backends import ModelBackend

from . import access


class RoleBackend(ModelBackend):
    """Model permissions as usual, plus: administrators hold every permission (they keep all records in the admin)."""

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and access.is_administrator(user_obj):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and access.is_administrator(user_obj):
            return True
        return super().has_module_perms(user_obj, app_label)
