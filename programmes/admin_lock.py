"""The Django admin keeps to the review workflow too (issue 12 §5): an approved activity, and whatever hangs off it
(partners, participations and their certificates, unit detail records, links from strategies and NAP measures),
cannot be changed or deleted from /admin/ either. `workflow.can_edit` decides, as on every page and in the API.

A locked record's change page is read-only (Django shows it so when change permission is refused, and refuses its
POST with 403); delete is refused, one by one and in bulk, and so is django-simple-history's revert; a new or moved
record pointing at a locked activity, or a link added to or removed from one, gets the workflow's refusal as a form
error, so nothing is half-saved.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from . import workflow


def follow(obj, path: str):
    """The activity reached from `obj` along `path` ("participation__activity"); `obj` itself for "", None for None."""
    if path is None:
        return None
    for name in filter(None, path.split("__")):
        obj = getattr(obj, name, None) if obj is not None else None
    return obj


class ActivityLockAdmin:
    """Mixin for a ModelAdmin of an activity or of a record hanging off one. `activity_path` leads from the record
    to its activity ("" for Activity itself, None for none); `activity_links` names a many-to-many field of
    activities whose added or removed entries must be editable (a strategy's or a NAP measure's activities)."""

    activity_path = "activity"
    activity_links = ""

    def _locked_activity(self, request, obj):
        """The activity that keeps `obj` from being changed by this user, or None."""
        if obj is None or obj.pk is None:
            return None
        activities = [follow(obj, self.activity_path)]
        if self.activity_links:
            activities += list(getattr(obj, self.activity_links).filter(status__in=workflow.LOCKED_FOR_ALL))
        return next((a for a in activities if a is not None and not workflow.can_edit(request.user, a)), None)

    def _locked(self, request, obj) -> bool:
        return self._locked_activity(request, obj) is not None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(request, obj)

    def delete_queryset(self, request, queryset):
        # "Delete selected" in the list asks has_delete_permission without a record: check each one here.
        for obj in queryset:
            activity = self._locked_activity(request, obj)
            if activity is not None:
                raise PermissionDenied(workflow.refusal(request.user, activity))
        super().delete_queryset(request, queryset)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's "Revert" saves without asking has_change_permission, and the record it holds is
        # the old version (whose status may predate the approval): ask about the record as it is now.
        if request.method == "POST":
            current = self.get_object(request, object_id)
            if current is not None and not self.has_change_permission(request, current):
                raise PermissionDenied(workflow.refusal(request.user, self._locked_activity(request, current)))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        lock = self

        class LockedForm(form):
            def clean(self):
                cleaned = super().clean()
                lock._check_targets(request, self, cleaned)
                return cleaned

        LockedForm.__name__ = form.__name__
        return LockedForm

    def _check_targets(self, request, form, cleaned) -> None:
        """The activity a new or moved record would hang off, and links added or removed, must be editable."""
        targets = []
        if self.activity_path:
            first, _sep, rest = self.activity_path.partition("__")
            if first in cleaned:
                targets.append(follow(cleaned[first], rest))
        if self.activity_links and self.activity_links in cleaned:
            before = set(form.initial.get(self.activity_links) or [])
            after = set(cleaned[self.activity_links] or [])
            targets += sorted(before ^ after, key=lambda activity: activity.pk)
        for activity in targets:
            if activity is not None and not workflow.can_edit(request.user, workflow.lock_for_change(activity)):
                raise ValidationError(workflow.refusal(request.user, activity))


class ActivityLockInline:
    """Mixin for an inline on an activity's admin page: read-only, and refused, when the activity is locked."""

    def _locked(self, request, obj) -> bool:
        return obj is not None and obj.pk is not None and not workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._locked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(request, obj)
