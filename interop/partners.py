"""Partners and their contacts as one table (XLSX or CSV) for administrators: export, and import with a dry run.

One row per contact; a partner without contacts has one row with the contact columns empty, and a partner with
three contacts has three rows repeating its own columns. Partners are matched by acronym (or, when a partner has
none, by its exact name among partners without one), parents by acronym, contacts by name within their partner, so
importing the same file twice changes nothing. Every row is checked first; if any row has an error nothing is saved.
"""

import tempfile
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from programmes import import_runs
from programmes.models import Contact, Partner
from programmes.spreadsheets import ImportFileError, read_table
from reports.cells import csv_bytes, restore
from reports.xlsx import StreamingWorkbook

PARTNER_COLUMNS = [
    "acronym", "name", "name_az", "name_ru", "kind", "parent_acronym", "valid_from", "valid_to", "former_names",
    "website", "notes",
]  # fmt: skip
CONTACT_COLUMNS = ["contact_name", "contact_position", "contact_email", "contact_phone"]
COLUMNS = PARTNER_COLUMNS + CONTACT_COLUMNS
REQUIRED_COLUMNS = {"acronym", "name", "kind"}
IMPORT_KIND = "partners"  # the kind of its import runs, registered in InteropConfig.ready

__all__ = ["COLUMNS", "ImportFileError", "export_rows", "read_import", "write_csv", "write_xlsx"]


class PartnerRowForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "acronym",
            "name",
            "name_az",
            "name_ru",
            "kind",
            "valid_from",
            "valid_to",
            "former_names",
            "website",
            "notes",
        ]


class ContactRowForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone"]


# --- Export ---------------------------------------------------------------------------------------------------------


def export_rows():
    """The table as lists of values (dates as ISO text, so a re-import reads them back in any language)."""
    partners = Partner.objects.select_related("parent").prefetch_related("contacts").order_by("name", "id")
    for partner in partners:
        own = [
            partner.acronym or "", partner.name, partner.name_az, partner.name_ru, partner.kind,
            partner.parent.acronym if partner.parent and partner.parent.acronym else "",
            partner.valid_from.isoformat() if partner.valid_from else "",
            partner.valid_to.isoformat() if partner.valid_to else "",
            partner.former_names, partner.website, partner.notes,
        ]  # fmt: skip
        contacts = list(partner.contacts.all()) or [None]
        for contact in contacts:
            yield own + ([contact.name, contact.position, contact.email, contact.phone] if contact else [""] * 4)


def write_csv() -> bytes:
    return csv_bytes(COLUMNS, export_rows())


def write_xlsx() -> bytes:
    """Through the portal's one XLSX writer: text as strings, never formulas, neutralised like every export."""
    with tempfile.NamedTemporaryFile(prefix="pmu-partners-", suffix=".xlsx") as file:
        workbook, complete = StreamingWorkbook(file.name), False
        try:
            workbook.add_sheet("Partners")
            workbook.append(COLUMNS)
            for row in export_rows():
                workbook.append(row)
            complete = True
        finally:
            workbook.close(save=complete)
        return file.read()


# --- Import ---------------------------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int  # as the spreadsheet program numbers it: the heading row is 1
    column: str
    message: str


@dataclass
class PartnerPlan:
    row: int
    form: PartnerRowForm
    parent_acronym: str
    values: dict  # the row as read, to check that the partner's other rows agree
    rows: list[int] = field(default_factory=list)
    contacts: list[tuple[int, ContactRowForm]] = field(default_factory=list)

    @property
    def key(self):
        data = self.form.cleaned_data
        return data["acronym"] or ("name", data["name"])


@dataclass
class ImportReport:
    errors: list[RowError]
    ignored_columns: list[str]
    counts: dict = field(default_factory=dict)
    applied: bool = False


def _heading(text) -> str:
    return str(text or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell(cells, index) -> str:
    value = cells[index] if index is not None and index < len(cells) else None
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
    return restore(str(value).strip())  # our export wrote '=… for text beginning with =, +, -, @


def _kind(value: str) -> str:
    """The kind's code, from its code or its label (in English or the active language), any letter case."""
    wanted = value.strip().casefold()
    for code, label in Partner.Kind.choices:
        if wanted in (code, str(label).casefold()):
            return code
    return value


def _form_errors(errors: list, row: int, form, prefix: str = ""):
    for name, messages in form.errors.items():
        column = f"{prefix}{name}" if name != "__all__" else ""
        for message in messages:
            errors.append(RowError(row, column, str(message)))


def _existing(plan_data) -> Partner | None:
    if plan_data.get("acronym"):
        return Partner.objects.filter(acronym=plan_data["acronym"]).first()
    return Partner.objects.filter(acronym__isnull=True, name=plan_data.get("name", "")).first()


def _plan(table) -> tuple[dict, list[RowError], list[str]]:
    (_heading_row, headings), rows = table[0], table[1:]
    index = {}
    ignored = []
    for position, text in enumerate(headings):
        key = _heading(text)
        if key in COLUMNS and key not in index:
            index[key] = position
        elif key:
            ignored.append(str(text))
    missing = sorted(REQUIRED_COLUMNS - set(index))
    if missing:
        raise ImportFileError(_("The first row must hold the column headings; missing: %(columns)s.")
                              % {"columns": ", ".join(missing)})  # fmt: skip
    errors: list[RowError] = []
    plans: dict = {}
    for number, cells in rows:
        values = {column: _cell(cells, index.get(column)) for column in COLUMNS}
        values["kind"] = _kind(values["kind"])
        data = {name: values[name] for name in PartnerRowForm._meta.fields}
        data["acronym"] = data["acronym"] or None
        key = data["acronym"] or ("name", data["name"])
        plan = plans.get(key)
        if plan is None:
            form = PartnerRowForm(data=data, instance=_existing(data) or Partner())
            if not form.is_valid():
                _form_errors(errors, number, form)
                continue
            plan = plans[key] = PartnerPlan(number, form, values["parent_acronym"], values)
        else:
            differing = [name for name in PARTNER_COLUMNS if name != "acronym" and values[name] != plan.values[name]]
            if differing:
                errors.append(
                    RowError(
                        number, differing[0], _("Differs from row %(row)d of the same partner.") % {"row": plan.row}
                    )
                )
        plan.rows.append(number)
        contact = {name.removeprefix("contact_"): values[name] for name in CONTACT_COLUMNS}
        if any(contact.values()):
            contact_form = ContactRowForm(data=contact)
            if contact_form.is_valid():
                plan.contacts.append((number, contact_form))
            else:
                _form_errors(errors, number, contact_form, prefix="contact_")
    _check_parents(plans, errors)
    return plans, errors, ignored


def _check_parents(plans: dict, errors: list[RowError]):
    in_file = {key for key in plans if isinstance(key, str)}
    wanted = {plan.parent_acronym for plan in plans.values() if plan.parent_acronym} - in_file
    known = set(Partner.objects.filter(acronym__in=wanted).values_list("acronym", flat=True))
    for key, plan in plans.items():
        parent = plan.parent_acronym
        if not parent:
            continue
        if parent == key:
            errors.append(RowError(plan.row, "parent_acronym", _("A partner cannot be its own parent.")))
        elif parent not in in_file and parent not in known:
            errors.append(
                RowError(plan.row, "parent_acronym", _("No partner has the acronym %(acronym)s.") % {"acronym": parent})
            )


def _contact_changes(plan, partner) -> tuple[int, int]:
    created = updated = 0
    existing = {contact.name: contact for contact in partner.contacts.all()} if partner.pk else {}
    for _row, form in plan.contacts:
        contact = existing.get(form.cleaned_data["name"])
        if contact is None:
            created += 1
        elif any(getattr(contact, name) != value for name, value in form.cleaned_data.items()):
            updated += 1
    return created, updated


@transaction.atomic
def _apply(plans: dict, *, run: dict, counts: dict) -> None:
    saved = {}
    for key, plan in plans.items():
        saved[key] = plan.form.save()
    for key, plan in plans.items():
        partner = saved[key]
        parent = saved.get(plan.parent_acronym) or Partner.objects.filter(acronym=plan.parent_acronym).first()
        parent = parent if plan.parent_acronym else None
        if partner.parent_id != (parent.pk if parent else None):
            partner.parent = parent
            partner.save(update_fields=["parent"])
        for _row, form in plan.contacts:
            contact = partner.contacts.filter(name=form.cleaned_data["name"]).first() or Contact(partner=partner)
            changed = contact.pk is None or any(getattr(contact, k) != v for k, v in form.cleaned_data.items())
            if changed:
                for name, value in form.cleaned_data.items():
                    setattr(contact, name, value)
                contact.save()
    created = counts["partners_new"] + counts["contacts_new"]
    import_runs.record_imported(**run, created=created, updated=counts["partners_changed"] + counts["contacts_changed"])


def _run(uploaded_file, user) -> dict:
    return {"kind": IMPORT_KIND, "user": user, "file_name": uploaded_file.name, "link": reverse("partner_list")}


def read_import(uploaded_file, *, apply: bool, user=None) -> ImportReport:
    """Check the file (and, when `apply` is true and every row is valid, save it). Raises ImportFileError when the
    whole file is refused (wrong type, too large, no headings). An import (not a dry run) is recorded as a run by
    `user`, whether it saved the file or refused it."""
    try:
        table = read_table(uploaded_file)
        if len(table) < 2:
            raise ImportFileError(_("The file has no partner rows under its headings."))
        plans, errors, ignored = _plan(table)
    except ImportFileError:
        if apply:
            import_runs.record_rejected(**_run(uploaded_file, user))
        raise
    counts = {
        "partners_new": 0,
        "partners_changed": 0,
        "partners_unchanged": 0,
        "contacts_new": 0,
        "contacts_changed": 0,
    }
    for plan in plans.values():
        instance = plan.form.instance
        parent_changed = (instance.parent.acronym if instance.pk and instance.parent else "") != plan.parent_acronym
        if not instance.pk:
            counts["partners_new"] += 1
        elif plan.form.has_changed() or parent_changed:
            counts["partners_changed"] += 1
        else:
            counts["partners_unchanged"] += 1
        new, changed = _contact_changes(plan, instance)
        counts["contacts_new"] += new
        counts["contacts_changed"] += changed
    errors.sort(key=lambda error: error.row)
    report = ImportReport(errors=errors, ignored_columns=ignored, counts=counts)
    if apply and errors:
        import_runs.record_rejected(**_run(uploaded_file, user), error_rows=[error.row for error in errors])
    elif apply:
        _apply(plans, run=_run(uploaded_file, user), counts=counts)
        report.applied = True
    return report
