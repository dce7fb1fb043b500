"""Import participants from the sign-in sheets people really keep: XLSX, XLS, ODS or CSV (read by
programmes.spreadsheets), headings in English, Azerbaijani or Russian, one row per person or one row per person per day.

preview_import() reads and checks the whole file and says who would be created, matched or skipped; apply_import()
reads the file again (a preview may be stale) and writes only when every row is valid. The upload page and the
import_attendance command both call these two functions and nothing else (the page through start_import, which also
records a refused upload as a run: programmes.import_runs).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from . import import_runs, spreadsheets
from .models import Activity, Participation, ParticipationRole, Partner, Person, Sex
from .names import az_lower, person_name_key
from .services import record_roster_change
from .spreadsheets import ImportFileError, Limits

KIND = "attendance"  # registered in ProgrammesConfig.ready as the kind of its import runs
MAX_COLUMNS = 60  # sign-in sheets have a dozen columns; this bounds the work a crafted wide sheet can cause
HEADING_SCAN_ROWS = 10  # a title or date line often sits above the headings


def _limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


@dataclass
class RowError:
    row: int  # as the spreadsheet program numbers it: the first row is 1
    column: str  # the heading as written in the file
    message: str


@dataclass
class ImportRow:
    """One person to put on the activity (rows of the same person on several days are folded into one)."""

    row: int
    first_name: str
    last_name: str
    patronymic: str
    sex: str
    organisation: Partner | None
    position: str
    role: str
    days_attended: int | None
    pre_test_score: Decimal | None
    post_test_score: Decimal | None
    certificate_issued: bool
    existing_person: Person | None = None
    already_on_activity: bool = False
    dates: list[datetime.date] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.already_on_activity:
            return "skip"
        return "match" if self.existing_person else "create"

    @property
    def name_key(self) -> str:
        return person_name_key(self.first_name, self.last_name)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    errors: list[RowError]
    ignored_columns: list[str]
    heading_row: int = 1  # the spreadsheet row the headings were taken from (the lower one of a two-row heading)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "match": 0, "skip": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts


@dataclass
class ImportResult:
    created_people: int
    matched_people: int
    added: int
    skipped: int


class ImportInvalid(ValidationError):  # noqa: N818 (name fixed by the page's API)
    """Some rows are bad; `preview` holds them all so the page can show the same table as before."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        super().__init__(
            [
                _("Row %(row)d, %(column)s: %(message)s") % {"row": e.row, "column": e.column, "message": e.message}
                for e in preview.errors
            ]
        )


# --- Headings -------------------------------------------------------------------------------------------------------

# Each heading as people write it; matched ignoring case, spaces and punctuation ("Pre-test" = "pretest").
_HEADINGS = {
    "first_name": "first name|given name|forename|ad|adı|имя",
    "last_name": "last name|surname|family name|soyad|soyadı|фамилия",
    "patronymic": "patronymic|father's name|middle name|ata adı|atasının adı|отчество",
    "sex": "sex|gender|m/f|f/m|cins|cinsi|cinsiyyət|cinsiyyəti|пол|м/ж|ж/м",
    "organisation": "organisation|organization|institution|agency|body|təşkilat|qurum|müəssisə|idarə|"
    "организация|учреждение|ведомство",
    "position": "position|rank|job title|title|post|vəzifə|rütbə|должность|звание",
    "role": "role|rol|rolu|роль",
    "date": "date|attendance date|tarix|iştirak tarixi|дата|дата участия",
    "days_attended": "days attended|days|number of days|attendance days|günlərin sayı|gün sayı|iştirak günləri|"
    "günlər|дней|дни|количество дней|число дней",
    "pre_test_score": "pre-test|pretest|pre test score|entry test|ilkin test|ilkin|предтест|пре-тест|входной тест|"
    "предварительный тест",
    "post_test_score": "post-test|posttest|post test score|final test|exit test|yekun test|son test|yekun|"
    "посттест|пост-тест|итоговый тест",
    "certificate_issued": "certificate|certificate issued|cert|sertifikat|сертификат",
    # One column for the whole name, given name first...
    "full_name": "full name|name|participant|participant name|name surname|first and last name|ad soyad|"
    "adı soyadı|ad və soyad|adı və soyadı|ad soyad ata adı|iştirakçı|имя фамилия|участник",
    # ... or family name first, as in the Russian ФИО and the Azerbaijani "Soyadı, adı".
    "full_name_last_first": "surname name|last name first name|surname first name|soyad ad|soyadı adı|"
    "soyad ad ata adı|soyadı adı atasının adı|s.a.a.|фио|ф.и.о.|фамилия имя|фамилия имя отчество|фио участника",
}
# Headings that may carry a tail ("Təşkilatın adı", "Pre-test score, %"); name and date headings must match exactly
# because "Name of organisation" or "Date of birth" are not names or attendance dates.
_PREFIX_FIELDS = ("organisation", "position", "pre_test_score", "post_test_score", "certificate_issued")


def _heading_key(text) -> str:
    return re.sub(r"[\W_]+", "", az_lower(str(text)).replace("ı", "i").replace("ё", "е"))


_HEADING_FIELDS = {_heading_key(v): name for name, variants in _HEADINGS.items() for v in variants.split("|")}


def _field_for_heading(text) -> str | None:
    key = _heading_key(text)
    if not key:
        return None
    if key in _HEADING_FIELDS:
        return _HEADING_FIELDS[key]
    prefixes = [
        v for v, name in _HEADING_FIELDS.items() if name in _PREFIX_FIELDS and len(v) >= 4 and key.startswith(v)
    ]
    return _HEADING_FIELDS[max(prefixes, key=len)] if prefixes else None


def _has_name(columns: dict) -> bool:
    return "full_name" in columns or "full_name_last_first" in columns or {"first_name", "last_name"} <= set(columns)


# --- Values ---------------------------------------------------------------------------------------------------------


def _value_key(value) -> str:
    return " ".join(az_lower(str(value)).replace("ı", "i").replace("ё", "е").split()).rstrip(".")


_SEXES = {
    **dict.fromkeys(["f", "female", "woman", "w", "q", "qadin", "ж", "жен", "женский", "женщина"], Sex.FEMALE),
    **dict.fromkeys(["m", "male", "man", "k", "kişi", "kisi", "м", "муж", "мужской", "мужчина"], Sex.MALE),
}
_ROLES = {
    **{value: value for value in ParticipationRole.values},
    **dict.fromkeys(["iştirakçi", "istirakci", "участник", "участница"], ParticipationRole.PARTICIPANT),
    **dict.fromkeys(["təlimçi", "telimci", "trener", "тренер", "инструктор"], ParticipationRole.TRAINER),
    **dict.fromkeys(["məruzəçi", "meruzeci", "спикер", "докладчик"], ParticipationRole.SPEAKER),
    **dict.fromkeys(["модератор"], ParticipationRole.MODERATOR),
    **dict.fromkeys(["müşahidəçi", "musahideci", "наблюдатель"], ParticipationRole.OBSERVER),
}
_YES = {"yes", "y", "true", "1", "x", "+", "✓", "✔", "issued", "bəli", "hə", "var", "verilib", "да", "есть", "выдан"}
_NO = {"no", "n", "false", "0", "-", "–", "xeyr", "yox", "verilməyib", "нет", "не выдан"}
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y-%m-%d %H:%M:%S")


class _CellError(Exception):
    """One cell cannot be read; the message says what to write instead."""


def _number(value, *, lowest=0, highest=100) -> Decimal:
    if isinstance(value, bool):
        raise _CellError(_("Write a number."))
    try:
        number = Decimal(str(value).strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise _CellError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not number.is_finite() or not lowest <= number <= highest:
        raise _CellError(_("Write a number from %(low)d to %(high)d.") % {"low": lowest, "high": highest})
    return number


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise _CellError(_("“%(value)s” is not a date; write it as 06.10.2011 or 2011-10-06.") % {"value": value})


def _split_full_name(text: str, last_first: bool) -> tuple[str, str, str]:
    words = text.replace(",", " ").split()
    if len(words) < 2:
        return (words[0] if words else "", "", "") if not last_first else ("", words[0] if words else "", "")
    if last_first:
        return words[1], words[0], " ".join(words[2:])
    return words[0], words[1], " ".join(words[2:])


# --- Reading files --------------------------------------------------------------------------------------------------


def read_table(uploaded_file) -> list[tuple[int, list]]:
    """The non-empty rows of the file as (row number, cell values), after every whole-file check."""
    limits = Limits(
        max_bytes=_limit("ATTENDANCE_IMPORT_MAX_BYTES", 5 * 1024 * 1024),
        max_rows=_limit("ATTENDANCE_IMPORT_MAX_ROWS", 2000),
        max_columns=MAX_COLUMNS,
        max_unpacked_bytes=_limit("ATTENDANCE_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024),
    )
    return spreadsheets.read_table(uploaded_file, limits)


# --- Parsing rows ---------------------------------------------------------------------------------------------------


def _heading_columns(cells):
    """({field: column index}, {column index: heading}, ignored headings) of one heading row."""
    columns, headings, ignored = {}, {}, []
    for position, cell in enumerate(cells):
        if cell in (None, ""):
            continue
        name = _field_for_heading(cell)
        if name is None or name in columns:  # unknown, or a second column for the same thing
            ignored.append(str(cell))
            continue
        columns[name] = position
        headings[position] = str(cell)
    if "last_name" in columns and "first_name" not in columns and "full_name" in columns:
        columns["first_name"] = columns.pop("full_name")  # "Name" beside "Surname" is the first name
    return columns, headings, ignored


def _two_level(upper, lower):
    """The headings of a heading written in two rows, or None when `lower` is not the lower row of one.

    A group heading ("İştirakçı" merged over Ad / Soyad / Ata adı) leaves the rest of its columns empty in the upper
    row, with the real headings under it; the headings outside a group are merged down, so they stand in the upper
    row with nothing under them. So: the lower row's heading where it has one, the upper one elsewhere.
    """
    known = [position for position, cell in enumerate(lower) if cell not in (None, "") and _field_for_heading(cell)]
    under_label = [p for p in known if p < len(upper) and upper[p] not in (None, "")]  # "İştirakçı" over "Ad"
    under_empty = [p for p in known if p >= len(upper) or upper[p] in (None, "")]  # the rest of the group
    if len(known) < 2 or not under_label or not under_empty:
        return None  # e.g. a title line above the headings, or a data row under them
    width = max(len(upper), len(lower))
    upper, lower = [*upper, *[None] * (width - len(upper))], [*lower, *[None] * (width - len(lower))]
    return [low if low not in (None, "") else up for up, low in zip(upper, lower, strict=True)]


def _find_headings(table):
    """(index of the (lower) heading row in table, {field: column index}, {column index: heading}, ignored headings).

    The headings are the first row that names the participants, or two rows where the upper one groups columns.
    """
    for index, (number, cells) in enumerate(table[:HEADING_SCAN_ROWS]):
        below = table[index + 1] if index + 1 < len(table) else None
        if below and below[0] == number + 1 and (combined := _two_level(cells, below[1])) is not None:
            columns, headings, ignored = _heading_columns(combined)
            if _has_name(columns):
                return index + 1, columns, headings, ignored
        columns, headings, ignored = _heading_columns(cells)
        if _has_name(columns):
            return index, columns, headings, ignored
    # Name the row taken as the headings (the one with most known headings), so the user sees what was read.
    candidates = table[:HEADING_SCAN_ROWS] or [(1, [])]
    number, cells = max(candidates, key=lambda row: (len(_heading_columns(row[1])[0]), -row[0]))
    found = [str(cell) for cell in cells if cell not in (None, "")]
    raise ImportFileError(
        _(
            "No column with the participants' names was found (First name and Last name, or Full name). "
            "Row %(row)d was taken as the headings: %(headings)s."
        )
        % {"row": number, "headings": ", ".join(found) or _("none")}
    )


class _Partners:
    """Every partner by acronym and by each of its names, folded for case; loaded with one query."""

    def __init__(self):
        self.by_key = {}
        partners = list(Partner.objects.all())
        for partner in partners:  # acronyms first: they are unique, names may repeat across history
            if partner.acronym:
                self.by_key.setdefault(_value_key(partner.acronym), partner)
        for partner in partners:
            for name in (partner.name, partner.name_az, partner.name_ru):
                if name:
                    self.by_key.setdefault(_value_key(name), partner)

    def get(self, text) -> Partner:
        try:
            return self.by_key[_value_key(text)]
        except KeyError:
            raise _CellError(
                _("No partner “%(name)s” is recorded; write its acronym or its name as recorded in the portal.")
                % {"name": text}
            ) from None


def _parse_line(cells, columns, partners, activity) -> tuple[dict, list[tuple[str, str]]]:
    """One spreadsheet row as field values, and the (field, message) of every cell that cannot be read."""
    errors = []

    def cell(name):
        position = columns.get(name)
        value = cells[position] if position is not None and position < len(cells) else None
        return "" if value is None else value

    def check(name, read, *args, **kwargs):
        value = cell(name)
        if value == "":
            return None
        try:
            return read(value, *args, **kwargs)
        except _CellError as bad:
            errors.append((name, bad.args[0]))
            return None

    first, last, patronymic = (" ".join(str(cell(name)).split()) for name in ("first_name", "last_name", "patronymic"))
    name_column = next(name for name in ("first_name", "full_name", "full_name_last_first") if name in columns)
    for full in ("full_name", "full_name_last_first"):
        if not (first or last) and cell(full) != "":
            first, last, extra = _split_full_name(str(cell(full)), last_first=full == "full_name_last_first")
            patronymic = patronymic or extra
            name_column = full
    if not first:
        errors.append((name_column, _("The first name is missing.")))
    if not last:
        errors.append(("last_name" if "last_name" in columns else name_column, _("The last name is missing.")))
    sex = check("sex", lambda v: _SEXES.get(_value_key(v)) or _bad(_("“%(v)s” is not a sex; write F or M.") % {"v": v}))
    role = check("role", lambda v: _ROLES.get(_value_key(v)) or _bad(_("Unknown role “%(v)s”.") % {"v": v}))
    date = check("date", _date)
    if date and not activity.start_date <= date <= activity.end_date:
        dates = {"date": date, "start": activity.start_date, "end": activity.end_date}
        message = _("%(date)s is outside the activity's dates (%(start)s to %(end)s).")
        errors.append(("date", message % {key: f"{value:%d.%m.%Y}" for key, value in dates.items()}))
    days = check("days_attended", _days, activity)
    line = {
        "first_name": first[:100],
        "last_name": last[:100],
        "patronymic": patronymic[:100],
        "sex": sex or Sex.UNRECORDED,
        "organisation": check("organisation", partners.get),
        "position": str(cell("position"))[:200],
        "role": role or ParticipationRole.PARTICIPANT,
        "date": date,
        "days_attended": days,
        "pre_test_score": _score(check("pre_test_score", _number)),
        "post_test_score": _score(check("post_test_score", _number)),
        "certificate_issued": bool(check("certificate_issued", _yes_no)),
    }
    return line, errors


def _days(value, activity) -> int:
    try:
        days = _number(value, highest=activity.duration_days)
    except _CellError:
        days = None
    if days is None or days != days.to_integral_value():
        raise _CellError(_("Write a whole number of days from 0 to %(days)d.") % {"days": activity.duration_days})
    return int(days)


def _bad(message):
    raise _CellError(message)


def _yes_no(value) -> bool:
    if isinstance(value, bool | int | float) and value in (0, 1):
        return bool(value)
    key = _value_key(value)
    if key in _YES or key in _NO:
        return key in _YES
    raise _CellError(_("Write yes or no."))


def _score(number: Decimal | None) -> Decimal | None:
    return None if number is None else number.quantize(Decimal("0.01"))


def _merge(person: ImportRow, line: dict) -> None:
    """Fold another row of the same person (another day) in: blanks take the later row's values."""
    for name in ("patronymic", "position", "pre_test_score", "post_test_score", "days_attended"):
        if getattr(person, name) in ("", None):
            setattr(person, name, line[name])
    if person.sex == Sex.UNRECORDED:
        person.sex = line["sex"]
    person.certificate_issued = person.certificate_issued or line["certificate_issued"]


def preview_import(*, activity: Activity, uploaded_file, user=None) -> ImportPreview:
    """Read and check the whole file; writes nothing. Raises ImportFileError when the file as a whole is refused.

    Names are matched only against the people `user` may see by name (`Person.objects.named_for`); anyone else is
    a new person, exactly as for a name nobody has recorded. Pages always pass the user; only the command line,
    run by an operator with the database at hand, leaves it out and matches against everyone."""
    if activity.is_headcount:
        raise ImportFileError(
            _("This activity records a headcount only. Switch it to named participants before importing a sheet.")
        )
    table = read_table(uploaded_file)
    heading_index, columns, headings, ignored = _find_headings(table)
    partners = _Partners()
    people: dict[tuple, ImportRow] = {}
    errors = []
    for number, cells in table[heading_index + 1 :]:
        if all(cells[i] in (None, "") for i in columns.values() if i < len(cells)):
            continue  # a pre-numbered line nobody signed
        line, bad_cells = _parse_line(cells, columns, partners, activity)
        if bad_cells:
            errors += [RowError(row=number, column=headings[columns[name]], message=msg) for name, msg in bad_cells]
            continue
        key = (person_name_key(line["first_name"], line["last_name"]), getattr(line["organisation"], "pk", None))
        if key in people:
            _merge(people[key], line)
        else:
            people[key] = ImportRow(row=number, **{k: v for k, v in line.items() if k != "date"})
        if line["date"] and line["date"] not in people[key].dates:
            people[key].dates.append(line["date"])
    for person in people.values():
        if person.dates:  # one row per person per day: count the days they signed
            person.days_attended = len(person.dates)
    if not people and not errors:
        raise ImportFileError(_("The file has headings but no participants."))
    _match_existing(activity, people, user)
    return ImportPreview(
        rows=list(people.values()), errors=errors, ignored_columns=ignored, heading_row=table[heading_index][0]
    )


def _match_existing(activity: Activity, people: dict[tuple, ImportRow], user) -> None:
    keys = {name_key for name_key, _organisation in people}
    existing = {}
    candidates = Person.objects.all() if user is None else Person.objects.named_for(user)
    for person in candidates.filter(name_key__in=keys).select_related("organisation").order_by("id"):
        existing.setdefault((person.name_key, person.organisation_id), person)
    on_activity = set(
        Participation.objects.filter(activity=activity, person__name_key__in=keys).values_list("person_id", flat=True)
    )
    for key, row in people.items():
        row.existing_person = existing.get(key)
        row.already_on_activity = row.existing_person is not None and row.existing_person.pk in on_activity


def _run(activity: Activity, uploaded_file, user) -> dict:
    """What the run record of this import says about where it came from and what it touched."""
    link = reverse("activity_detail", args=[activity.pk])
    return {"kind": KIND, "user": user, "file_name": uploaded_file.name, "unit_area": activity.unit_area, "link": link}


def start_import(*, activity: Activity, uploaded_file, user) -> ImportPreview:
    """The upload page's first step: `preview_import`, recording the run when the file or some rows are refused
    (a valid file is recorded when it is imported)."""
    try:
        preview = preview_import(activity=activity, uploaded_file=uploaded_file, user=user)
    except ImportFileError:
        import_runs.record_rejected(**_run(activity, uploaded_file, user))
        raise
    if not preview.is_valid:
        import_runs.record_rejected(**_run(activity, uploaded_file, user), error_rows=[e.row for e in preview.errors])
    return preview


def apply_import(*, activity: Activity, uploaded_file, user=None) -> ImportResult:
    """Parse and check the file again, then write every person and participation, or nothing at all; the run is
    recorded either way."""
    try:
        return _write(activity=activity, uploaded_file=uploaded_file, user=user)
    except ImportInvalid as invalid:
        rows = [e.row for e in invalid.preview.errors]
        import_runs.record_rejected(**_run(activity, uploaded_file, user), error_rows=rows)
        raise
    except ImportFileError:
        import_runs.record_rejected(**_run(activity, uploaded_file, user))
        raise


@transaction.atomic
def _write(*, activity: Activity, uploaded_file, user) -> ImportResult:
    # Two imports into one activity at once would both see a person as new: the second waits for the first.
    list(Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk", flat=True))
    preview = preview_import(activity=activity, uploaded_file=uploaded_file, user=user)
    if not preview.is_valid:
        raise ImportInvalid(preview)
    to_add = [row for row in preview.rows if row.action != "skip"]
    new_rows = [row for row in to_add if row.action == "create"]
    new_people = [
        Person(
            first_name=row.first_name,
            last_name=row.last_name,
            patronymic=row.patronymic,
            sex=row.sex,
            organisation=row.organisation,
            position=row.position,
            name_key=row.name_key,  # bulk_create skips Person.save(), which sets it otherwise
        )
        for row in new_rows
    ]
    for row, person in zip(new_rows, bulk_create_with_history(new_people, Person), strict=True):
        row.existing_person = person
    participations = [
        Participation(
            activity=activity,
            person=row.existing_person,
            role=row.role,
            days_attended=row.days_attended,
            pre_test_score=row.pre_test_score,
            post_test_score=row.post_test_score,
            certificate_issued=row.certificate_issued,
        )
        for row in to_add
    ]
    bulk_create_with_history(participations, Participation)
    record_roster_change(activity=activity)
    import_runs.record_imported(**_run(activity, uploaded_file, user), created=len(to_add))
    return ImportResult(
        created_people=len(new_rows),
        matched_people=len(to_add) - len(new_rows),
        added=len(to_add),
        skipped=len(preview.rows) - len(to_add),
    )
