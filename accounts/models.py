from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .units import UnitArea


class User(AbstractUser):
    """A portal user. Roles are groups (see `accounts.roles`); unit areas limit what staff see."""

    unit_areas = models.JSONField(
        _("unit areas"),
        default=list,
        blank=True,
        help_text=_("The programme areas this person works in. Staff see only these areas."),
    )

    # Blank: the site's language. Applied at sign-in as the interface language and used for the user's reports,
    # scheduled digests and e-mails (`preferred_language`), so a digest reads as the person reads the portal.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the portal, your reports and your e-mails."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def preferred_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE

    def clean(self):
        super().clean()
        unknown = set(self.unit_areas or ()) - set(UnitArea.values)
        if unknown:
            raise ValidationError(
                {"unit_areas": _("Unknown unit area: %(codes)s") % {"codes": ", ".join(sorted(unknown))}}
            )

    def get_unit_areas_display(self):
        labels = dict(UnitArea.choices)
        return ", ".join(str(labels[c]) for c in self.unit_areas or () if c in labels)


class UserSession(models.Model):
    """Which sessions belong to which user, so deactivating a user can end all of them on the server."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="portal_sessions", verbose_name=_("user"))
    session_key = models.CharField(_("session key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("signed in at"), auto_now_add=True)

    class Meta:
        verbose_name = _("user session")
        verbose_name_plural = _("user sessions")

    def __str__(self):
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"
