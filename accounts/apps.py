from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import sessions  # noqa: F401  (connects the sign-in and deactivation signal receivers)

        self._forget_user_facts_on_change()

    def _forget_user_facts_on_change(self):
        """Roles and enrolment are cached per user (accounts.user_facts): every write that changes them forgets."""
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import user_facts
        from .models import User

        m2m_changed.connect(user_facts.on_membership_change, sender=User.groups.through, dispatch_uid="facts-groups")
        post_save.connect(user_facts.on_group_change, sender=Group, dispatch_uid="facts-group-save")
        post_delete.connect(user_facts.on_group_change, sender=Group, dispatch_uid="facts-group-delete")
        post_save.connect(user_facts.on_device_change, sender=TOTPDevice, dispatch_uid="facts-totp-save")
        post_delete.connect(user_facts.on_device_change, sender=TOTPDevice, dispatch_uid="facts-totp-delete")
