from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from osce_baku.prepared import MAX_BIGINT, PreparedQuery

from . import access

# Every signed-in request reads its user: compiling that query was a third of the portal's own cost per request over
# a bare Django view (osce_baku/prepared.py, docs/performance.md).
_USER_BY_ID = PreparedQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk))


class RoleBackend(ModelBackend):
    """Model permissions as usual, plus: administrators hold every permission (they keep all records in the admin)."""

    def get_user(self, user_id):
        """ModelBackend's, but for the query's SQL, written once per process."""
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = _USER_BY_ID.instances(pk) if 0 < pk <= MAX_BIGINT else []
        return found[0] if found and self.user_can_authenticate(found[0]) else None

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and access.is_administrator(user_obj):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and access.is_administrator(user_obj):
            return True
        return super().has_module_perms(user_obj, app_label)
