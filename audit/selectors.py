"""Reads for the audit page: changes from every history table, merged newest first, and the access log.

Pages use keyset pagination ("older than this entry") so no page ever counts the whole history.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils.dateparse import parse_datetime

from .models import AccessLog

PAGE_SIZE = 50
EXCLUDED_FIELDS = ["updated_at"]


def historical_models() -> dict[str, type]:
    """label ("programmes.historicalactivity") -> historical model, for every model that keeps history."""
    found = {}
    for model in apps.get_models():
        if hasattr(model, "instance_type") and _is_historical(model):
            found[model._meta.label_lower] = model
    return dict(sorted(found.items()))


def _is_historical(model) -> bool:
    names = {f.name for f in model._meta.get_fields()}
    return {"history_id", "history_date", "history_type", "history_user"} <= names


def model_choices() -> list[tuple[str, str]]:
    return [(label, str(model.instance_type._meta.verbose_name)) for label, model in historical_models().items()]


@dataclass
class Change:
    label: str
    record: object
    kind: str  # created, changed, deleted
    model_name: str
    object_id: object
    when: datetime.datetime
    user_id: int | None
    diffs: list = field(default_factory=list)
    username: str = ""

    @property
    def cursor(self) -> str:
        return f"{self.when.isoformat()}|{self.label}|{self.record.history_id}"


def _parse_cursor(cursor: str):
    try:
        when, label, history_id = cursor.split("|")
        parsed = parse_datetime(when)
        return (parsed, label, int(history_id)) if parsed else None
    except ValueError:
        return None


def _older_than(label, cursor) -> Q:
    """Rows after `cursor` in the order (history_date, model label, history_id), newest first."""
    when, cursor_label, history_id = cursor
    if label < cursor_label:
        return Q(history_date__lte=when)
    if label == cursor_label:
        return Q(history_date__lt=when) | Q(history_date=when, history_id__lt=history_id)
    return Q(history_date__lt=when)


# Historical model label -> scope(viewer, rows) -> the rows the viewer may read. Apps whose history holds names that
# not every administrator may see register one from their AppConfig.ready() (programmes: people, participations).
_history_scopes: dict = {}


def scope_history(label: str, scope) -> None:
    _history_scopes[label] = scope


def changes_page(
    *, model: str = "", user=None, date_from=None, date_to=None, cursor: str = "", viewer=None
) -> tuple[list, str]:
    """One page of changes, newest first, and the cursor for the next page ("" on the last one). With `viewer`,
    tables with a registered scope show only that viewer's rows.

    One query per history table (a fixed number, whatever the size of the history), then one for the users and
    one per shown change to find the version before it.
    """
    tables = historical_models()
    if model:
        tables = {model: tables[model]} if model in tables else {}
    parsed_cursor = _parse_cursor(cursor) if cursor else None
    candidates = []
    for label, history in tables.items():
        rows = history.objects.all()
        if viewer is not None and label in _history_scopes:
            rows = _history_scopes[label](viewer, rows)
        if user is not None:
            rows = rows.filter(history_user_id=user.pk)
        if date_from:
            rows = rows.filter(history_date__date__gte=date_from)
        if date_to:
            rows = rows.filter(history_date__date__lte=date_to)
        if parsed_cursor:
            rows = rows.filter(_older_than(label, parsed_cursor))
        for record in rows.order_by("-history_date", "-history_id")[: PAGE_SIZE + 1]:
            candidates.append((record.history_date, label, record.history_id, record))
    candidates.sort(key=lambda item: (item[0], item[1], item[2]), reverse=True)
    shown = candidates[:PAGE_SIZE]
    changes = [_change(label, record) for _when, label, _id, record in shown]
    _attach_usernames(changes)
    next_cursor = changes[-1].cursor if len(candidates) > PAGE_SIZE else ""
    return changes, next_cursor


def _change(label, record) -> Change:
    kind = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
    change = Change(
        label=label,
        record=record,
        kind=kind,
        model_name=str(record.instance_type._meta.verbose_name),
        object_id=getattr(record, record.instance_type._meta.pk.attname, None),
        when=record.history_date,
        user_id=record.history_user_id,
    )
    if kind == "changed":
        previous = record.prev_record
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=EXCLUDED_FIELDS)
            change.diffs = [(c.field, c.old, c.new) for c in delta.changes]
    return change


def _attach_usernames(changes) -> None:
    from django.contrib.auth import get_user_model

    ids = {c.user_id for c in changes if c.user_id}
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username")) if ids else {}
    for change in changes:
        change.username = names.get(change.user_id, "")


def access_page(
    *, action: str = "", unit_area: str = "", user=None, date_from=None, date_to=None, before: int | None = None
):
    rows = AccessLog.objects.select_related("user").order_by("-id")
    if action:
        rows = rows.filter(action=action)
    if unit_area:
        rows = rows.filter(unit_area=unit_area)
    if user is not None:
        rows = rows.filter(user=user)
    if date_from:
        rows = rows.filter(at__date__gte=date_from)
    if date_to:
        rows = rows.filter(at__date__lte=date_to)
    if before:
        rows = rows.filter(id__lt=before)
    entries = list(rows[: PAGE_SIZE + 1])
    next_before = entries[PAGE_SIZE - 1].id if len(entries) > PAGE_SIZE else None
    return entries[:PAGE_SIZE], next_before
