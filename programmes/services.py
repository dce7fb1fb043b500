"""Writes to the core model that touch more than one row or keep summaries up to date."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, UniqueConstraint
from django.utils.translation import gettext as _

from . import summaries
from .models import Activity, Indicator, Participation, Partner, Sex


@transaction.atomic
def refresh_participant_counts(*, activity: Activity) -> Activity:
    """Recompute the activity's participant summary from its roster, or copy its headcount.

    Call after any change to participations or headcounts; dashboards read these columns instead of counting rows.
    """
    if activity.is_headcount:
        women, men, unrecorded = activity.headcount_women, activity.headcount_men, activity.headcount_unrecorded
    else:
        counts = Participation.objects.filter(activity=activity).aggregate(
            women=Count("id", filter=Q(person__sex=Sex.FEMALE)),
            men=Count("id", filter=Q(person__sex=Sex.MALE)),
            unrecorded=Count("id", filter=Q(person__sex=Sex.UNRECORDED)),
        )
        women, men, unrecorded = counts["women"], counts["men"], counts["unrecorded"]
    Activity.objects.filter(pk=activity.pk).update(
        participants_women=women, participants_men=men, participants_unrecorded=unrecorded
    )
    activity.participants_women, activity.participants_men, activity.participants_unrecorded = women, men, unrecorded
    # Once per activity, not per participation row: the stored indicator figures its roster counts in.
    summaries.activities_changed([activity])
    return activity


@transaction.atomic
def record_roster_change(*, activity: Activity) -> Activity:
    """After any change to an activity's participants (added, changed, removed, imported, certificates issued):
    recompute the summary, move the activity's `updated_at` and add a history row, so the change shows on the
    activity, as an edit of its own fields does. Callers have checked `workflow.can_edit` first."""
    refresh_participant_counts(activity=activity)
    activity.save(update_fields=["updated_at", "participants_women", "participants_men", "participants_unrecorded"])
    return activity


# Merging duplicate partners -------------------------------------------------------------------------------------


def _partner_relations():
    """Every relation that points at a partner, in any app (the core imports no unit app: it asks the model registry).

    Yields (model, field name, many-to-many through model or None).
    """
    for rel in Partner._meta.related_objects:
        if rel.many_to_many:
            through = rel.through
            field = next(f for f in through._meta.fields if f.is_relation and f.related_model is Partner)
            yield through, field.name, rel.related_model
        else:
            yield rel.related_model, rel.field.name, None


def _unique_sets(model, field_name: str) -> list[tuple[str, ...]]:
    """The other fields each uniqueness rule of `model` pairs with `field_name`."""
    sets = [tuple(c.fields) for c in model._meta.constraints if isinstance(c, UniqueConstraint) and c.fields]
    sets += [tuple(fields) for fields in model._meta.unique_together]
    return [tuple(f for f in fields if f != field_name) for fields in sets if field_name in fields]


def _rows_to_move(model, field_name: str, duplicate: Partner, keep: Partner):
    rows = model._default_manager.filter(**{field_name: duplicate})
    return rows.exclude(pk=keep.pk) if model is Partner else rows


def merge_preview(*, keep: Partner, duplicate: Partner) -> list[dict]:
    """What a merge would move: one line per kind of record that points at the duplicate, with its count."""
    lines = []
    for model, field_name, shown_model in _partner_relations():
        count = _rows_to_move(model, field_name, duplicate, keep).count()
        if count:
            field = model._meta.get_field(field_name)
            lines.append(
                {
                    "records": (shown_model or model)._meta.verbose_name_plural,
                    "field": field.verbose_name if shown_model is None else "",
                    "count": count,
                }
            )
    return lines


@transaction.atomic
def merge_partners(*, keep: Partner, duplicate: Partner, user) -> Partner:
    """Move everything that points at `duplicate` to `keep`, then delete `duplicate`.

    All or nothing. Each moved row is saved (so it has its own history) and both partners' histories say what
    happened. Where `keep` already has the same row (e.g. the same activity in the same role), the duplicate's row is
    dropped instead of breaking the uniqueness rule.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different partners."))
    # Moving people and activity partners touches stored indicator figures: recompute each once, at the end.
    with summaries.batch():
        return _merge_partners(keep=keep, duplicate=duplicate, user=user)


def _merge_partners(*, keep: Partner, duplicate: Partner, user) -> Partner:
    keep = Partner.objects.select_for_update().get(pk=keep.pk)
    duplicate = Partner.objects.select_for_update().get(pk=duplicate.pk)
    reason = _("Merged %(duplicate)s (id %(duplicate_id)d) into %(keep)s (id %(keep_id)d)") % {
        "duplicate": duplicate.name, "duplicate_id": duplicate.pk, "keep": keep.name, "keep_id": keep.pk,
    }  # fmt: skip
    for model, field_name, _shown in _partner_relations():
        unique_sets = _unique_sets(model, field_name)
        for row in _rows_to_move(model, field_name, duplicate, keep):
            clash = any(
                model._default_manager.filter(**{field_name: keep}, **{f: getattr(row, f) for f in others})
                .exclude(pk=row.pk)
                .exists()
                for others in unique_sets
            )
            row._change_reason, row._history_user = reason, user
            if clash:
                row.delete()
            else:
                setattr(row, field_name, keep)
                row.save(update_fields=[field_name])
    # The kept record cannot end up its own parent or successor.
    for field_name in ("parent", "successor"):
        if getattr(keep, f"{field_name}_id") == duplicate.pk:
            setattr(keep, field_name, getattr(duplicate, field_name))
    keep._change_reason, keep._history_user = reason, user
    keep.save()
    duplicate._change_reason, duplicate._history_user = reason, user
    duplicate.delete()
    # Indicators that count people of `duplicate` now name `keep` (their rows moved above, without m2m signals).
    summaries.indicators_changed(Indicator.objects.filter(rule_partners=keep).values_list("pk", flat=True))
    return keep
