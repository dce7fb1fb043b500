"""Import of NRM aggregate statistics from a spreadsheet (XLSX, XLS, ODS or CSV, read by programmes.spreadsheets with
its size and row limits): validate everything, then write all rows or none.

The first non-empty row holds the headings (row 1, as the spreadsheet shows it); data follows. A sheet that carries
victim-level columns (names, birth dates, passports, case narratives...) is refused as a whole, before any row is
looked at: the portal keeps aggregates only.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# ImportFileError: the file as a whole cannot be imported (not a spreadsheet, too large, victim-level columns...).
from programmes.spreadsheets import ImportFileError, Limits, read_table

from .models import AgeBand, Exploitation, Nationality, NrmStatistic, Sex, Stage

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000

# Headings that name one person or tell their story, in English, Azerbaijani and Russian (compared casefolded).
VICTIM_LEVEL_WORDS = {
    "name", "names", "firstname", "lastname", "surname", "patronymic", "passport", "dob", "birthdate", "birthday",
    "narrative", "address", "phone", "ad", "adı", "soyad", "soyadı", "pasport", "ünvan", "fin", "təvəllüd",
    "имя", "фамилия", "отчество", "паспорт", "адрес", "фабула", "телефон",
}  # fmt: skip
VICTIM_LEVEL_PHRASES = (
    "first name", "last name", "full name", "birth date", "date of birth", "place of birth", "case narrative",
    "case description", "case summary", "id number", "personal id", "identity card", "ata adı", "doğum tarixi",
    "doğum yeri", "işin təsviri", "şəxsiyyət vəsiqəsi", "дата рождения", "место рождения", "описание дела",
    "номер паспорта", "удостоверение личности",
)  # fmt: skip

# Canonical column -> accepted headings (casefolded), and the choices each column takes.
COLUMNS = {
    "year": {"year", "il", "год"},
    "quarter": {"quarter", "rüb", "квартал"},
    "sex": {"sex", "cins", "пол"},
    "age_band": {"age band", "age group", "yaş qrupu", "возрастная группа"},
    "exploitation": {"form of exploitation", "exploitation", "istismar forması", "форма эксплуатации"},
    "nationality": {"nationality group", "nationality", "vətəndaşlıq", "гражданство"},
    "stage": {"stage", "mərhələ", "этап"},
    "count": {"count", "number", "say", "количество"},
}
REQUIRED = ("year", "sex", "age_band", "exploitation", "nationality", "stage", "count")
CHOICES = {"sex": Sex, "age_band": AgeBand, "exploitation": Exploitation, "nationality": Nationality, "stage": Stage}


@dataclass
class ParsedSheet:
    rows: list[dict] = field(default_factory=list)  # cleaned values keyed by NrmStatistic field names
    errors: list[tuple[int, str]] = field(default_factory=list)  # (spreadsheet row number, message)


def normalise(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    text = text.replace("i̇", "i")  # casefolded Azerbaijani/Turkish capital İ
    return re.sub(r"[\s_\-.:/]+", " ", text).strip()


def victim_level_headings(headings) -> list[str]:
    refused = []
    for heading in headings:
        text = normalise(heading)
        if not text:
            continue
        words = set(re.findall(r"\w+", text))
        if words & VICTIM_LEVEL_WORDS or any(phrase in text for phrase in VICTIM_LEVEL_PHRASES):
            refused.append(str(heading))
    return refused


def _column_map(headings) -> dict[int, str]:
    refused = victim_level_headings(headings)
    if refused:
        raise ImportFileError(
            _(
                "The file has columns with data about individual victims (%(columns)s). The portal keeps aggregate "
                "counts only: remove these columns and import totals per year, sex, age band, form of exploitation, "
                "nationality group and stage."
            )
            % {"columns": ", ".join(refused)}
        )
    lookup = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    mapping, unknown = {}, []
    for index, heading in enumerate(headings):
        text = normalise(heading)
        if not text:
            continue
        if text in lookup:
            mapping[index] = lookup[text]
        else:
            unknown.append(str(heading))
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(unknown), "expected": ", ".join(COLUMNS)}
        )
    missing = [name for name in REQUIRED if name not in mapping.values()]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return mapping


def _choice(enum, raw):
    """Accept the code (female) or the English label (Female), casefolded."""
    text = normalise(raw)
    for value, label in enum.choices:
        if text in (value, normalise(label)):
            return value
    return None


def _integer(raw):
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, int):
        return raw
    text = str(raw or "").strip()
    return int(text) if re.fullmatch(r"\d+", text) else None


def _clean_row(raw: dict) -> tuple[dict, list[str]]:
    errors, row = [], {}
    year = _integer(raw.get("year"))
    if year is None or not 2000 <= year <= 2100:
        errors.append(_("year: give a year between 2000 and 2100"))
    row["year"] = year
    quarter = raw.get("quarter")
    quarter = 0 if quarter in (None, "") else _integer(str(quarter).upper().lstrip("Q"))
    if quarter is None or not 0 <= quarter <= 4:
        errors.append(_("quarter: give 1 to 4, or leave empty for the whole year"))
    row["quarter"] = quarter
    for name, enum in CHOICES.items():
        value = _choice(enum, raw.get(name))
        if value is None:
            errors.append(
                _("%(column)s: “%(value)s” is not one of %(choices)s")
                % {"column": name, "value": raw.get(name) or "", "choices": ", ".join(enum.values)}
            )
        row[name] = value
    count = _integer(raw.get("count"))
    if count is None:
        errors.append(_("count: give a whole number, 0 or more"))
    row["count"] = count
    return row, errors


def parse_sheet(uploaded) -> ParsedSheet:
    """Read and validate a sheet; raises ImportFileError for a file-level problem, returns row errors otherwise."""
    table = read_table(uploaded, Limits(max_bytes=MAX_BYTES, max_rows=MAX_ROWS))
    if not table:
        raise ImportFileError(_("The sheet is empty."))
    (_heading_row, headings), rows = table[0], table[1:]
    mapping = _column_map(headings)
    parsed, seen = ParsedSheet(), {}
    for number, values in rows:
        raw = {mapping[i]: v for i, v in enumerate(values) if i in mapping}
        row, errors = _clean_row(raw)
        if not errors:
            key = tuple(row[d] for d in NrmStatistic.DIMENSIONS)
            if key in seen:
                errors.append(_("the same cell as row %(row)d") % {"row": seen[key]})
            seen.setdefault(key, number)
        if errors:
            parsed.errors.append((number, "; ".join(errors)))
        else:
            parsed.rows.append(row)
    return parsed
