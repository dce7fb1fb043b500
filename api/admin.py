from django.contrib import admin, messages
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken
from .tokens import fill_secret


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "created_with_mfa",
    ]
    list_filter = ["revoked_at", "created_with_mfa"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["prefix", "created_at", "expires_at", "last_used_at", "created_with_mfa"]
    exclude = ["key_hash"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        # A token made here (e.g. for a service account) is shown once, like on the tokens page; only its hash is kept.
        raw = None if change else fill_secret(obj)
        if not change:
            # Made from this administrator's session: it counts as verified only if that session passed the second
            # factor (the admin is behind it whenever MFA applies to administrators).
            obj.created_with_mfa = request.user.is_verified()
        super().save_model(request, obj, form, change)
        if raw:
            messages.warning(request, _("The new token, shown only now: %(token)s") % {"token": raw})
