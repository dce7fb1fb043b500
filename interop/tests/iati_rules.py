"""The IATI standard ruleset and codelists, applied to an export as the IATI Validator applies them.

`ruleset_failures` reads interop/schemas/rulesets/standard.json (the official 2.03 ruleset; its rule types are
described in SPEC.rst beside it) and evaluates every rule whose context is an activity file, so a rule is written once,
by IATI, and never copied here. Two things are left out, as the validator cannot check them without the IATI
Registry either: `idCondition` (whether an identifier is already registered: the rule is applied regardless) and the
`ORG-ID-PREFIX` list of registration agencies (a prefix rule of organisation files only).

`codelist_failures` reads codelists/mapping.xml (which codelist governs which element or attribute) and checks every
coded value of the export against its codelist: it must be there and not withdrawn. A mapping whose codelist file
was not copied fails, so a new coded element in the export cannot go unchecked.
"""

import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
ACTIVITY_CONTEXTS = ("/iati-activities/", "//")
# one_or_all: when the activity lacks `one`, what each element must then carry instead (the validator's meaning).
ALL_OF = {
    "lang": ".//narrative[not(@xml:lang)]",
    "currency": ".//value[not(@currency)]",
    "sector": "transaction[not(sector)]",
}


@cache
def ruleset() -> dict:
    return json.loads((SCHEMAS / "rulesets" / "standard.json").read_text())


def rule_count() -> int:
    """How many rule cases of the ruleset apply to activity files (loops count their inner cases)."""

    def count(rules):
        return sum(count(case["do"]) if name == "loop" else 1 for name, rule in rules.items() for case in rule["cases"])

    return sum(count(rules) for context, rules in ruleset().items() if context.startswith(ACTIVITY_CONTEXTS))


def _truth(element, expression: str) -> bool:
    return bool(element.xpath(f"boolean({expression})"))


def _values(element, path: str) -> list[str]:
    found = element.xpath(path)
    if not isinstance(found, list):
        return [str(found)]
    return ["".join(item.itertext()) if isinstance(item, etree._Element) else str(item) for item in found]


def _all_values(element, paths) -> list[str]:
    return [value for path in paths for value in _values(element, path)]


def _date(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _first_date(element, path):
    values = _values(element, path)
    return _date(values[0]) if values else None


def _decimal_sum(values) -> Decimal | None:
    try:
        return sum((Decimal(v) for v in values), Decimal(0))
    except InvalidOperation:
        return None


def _in_range(value: str, case) -> bool:
    try:
        number = float(value)
    except ValueError:
        return False
    return case.get("min", float("-inf")) <= number <= case.get("max", float("inf"))


def _one_or_all(element, case) -> bool:
    if _truth(element, case["one"]):
        return True
    return not element.xpath(ALL_OF[case["all"]])


def _startswith(element, case) -> bool:
    prefixes = [p for path in case["prefix"] if path != "ORG-ID-PREFIX" for p in _values(element, path)]
    if not prefixes:
        return True  # only the registry's agency list: not checkable here
    separator = case.get("separator", "")
    return all(any(v.startswith(p + separator) for p in prefixes) for v in _all_values(element, case["paths"]))


def _date_order(element, case) -> bool:
    less, more = _first_date(element, case["less"]), _first_date(element, case["more"])
    return less is None or more is None or less <= more


def _time_limit(element, case) -> bool:
    start, end = _first_date(element, case["start"]), _first_date(element, case["end"])
    return start is None or end is None or (end - start).days <= 365


def _between_dates(element, case) -> bool:
    date, start, end = (_first_date(element, case[key]) for key in ("date", "start", "end"))
    return None in (date, start, end) or start <= date <= end


def _only_one_of(element, case) -> bool:
    matches = len(_all_values(element, case["paths"]))
    return matches == 0 if _all_values(element, case["excluded"]) else matches == 1


def _dependent(element, case) -> bool:
    present = [bool(_values(element, path)) for path in case["paths"]]
    return all(present) or not any(present)


CHECKS = {
    "atleast_one": lambda e, c: bool(_all_values(e, c["paths"])),
    "no_more_than_one": lambda e, c: len(_all_values(e, c["paths"])) <= 1,
    "only_one_of": _only_one_of,
    "one_or_all": _one_or_all,
    "dependent": _dependent,
    "unique": lambda e, c: len(set(v := _all_values(e, c["paths"]))) == len(v),
    "startswith": _startswith,
    "regex_matches": lambda e, c: all(re.search(c["regex"], v) for v in _all_values(e, c["paths"])),
    "regex_no_matches": lambda e, c: not any(re.search(c["regex"], v) for v in _all_values(e, c["paths"])),
    "no_spaces": lambda e, c: all(v == v.strip() for v in _all_values(e, c["paths"])),
    "date_now": lambda e, c: all(_date(v) <= datetime.datetime.now(datetime.UTC) for v in _values(e, c["date"])),
    "date_order": _date_order,
    "time_limit": _time_limit,
    "between_dates": _between_dates,
    "range": lambda e, c: all(_in_range(v, c) for v in _all_values(e, c["paths"])),
    "if_then": lambda e, c: not _truth(e, c["if"]) or _truth(e, c["then"]),
    "strict_sum": lambda e, c: not (v := _all_values(e, c["paths"])) or _decimal_sum(v) == Decimal(str(c["sum"])),
    "sum": lambda e, c: not (v := _all_values(e, c["paths"])) or _decimal_sum(v) == Decimal(str(c["sum"])),
}


def _substitute(value, found: str):
    if isinstance(value, str):
        return value.replace("$1", found)
    if isinstance(value, list):
        return [_substitute(item, found) for item in value]
    if isinstance(value, dict):
        return {key: item if key == "ruleInfo" else _substitute(item, found) for key, item in value.items()}
    return value


def _apply(element, rules: dict, where: str):
    for name, rule in rules.items():
        for case in rule["cases"]:
            if name == "loop":
                for found in dict.fromkeys(_values(element, case["foreach"])):
                    yield from _apply(element, _substitute(case["do"], found), where)
                continue
            if name not in CHECKS:
                raise NotImplementedError(f"IATI rule type {name!r} is not evaluated: add it to CHECKS")
            if "condition" in case and not _truth(element, case["condition"]):
                continue
            if not CHECKS[name](element, case):
                info = case.get("ruleInfo", {})
                yield f"{info.get('id')} ({info.get('severity')}) {where}: {info.get('message')}"


def ruleset_failures(document) -> list[str]:
    """Every ruleset case that the document breaks, as 'rule id (severity) identifier: message'."""
    failures = []
    for context, rules in ruleset().items():
        if not context.startswith(ACTIVITY_CONTEXTS):
            continue
        for element in document.getroottree().xpath(context):
            activity = next(element.iterancestors("iati-activity"), element)
            where = activity.findtext("iati-identifier") or element.tag
            failures.extend(_apply(element, rules, where))
    return failures


@cache
def codelist(name: str) -> dict:
    """code -> status ("active" or "withdrawn") of one copied codelist."""
    tree = etree.parse(str(SCHEMAS / "codelists" / f"{name}.xml"))
    return {item.findtext("code"): item.get("status", "active") for item in tree.iter("codelist-item")}


@cache
def mappings() -> list[tuple[str, str, str | None]]:
    tree = etree.parse(str(SCHEMAS / "codelists" / "mapping.xml"))
    return [(m.findtext("path"), m.find("codelist").get("ref"), m.findtext("condition")) for m in tree.iter("mapping")]


def coded_values(document):
    """(path, codelist name, value) for every value of the document that a codelist governs."""
    for path, name, condition in mappings():
        for value in document.getroottree().xpath(path):
            owner = value.getparent()
            if condition and not _truth(owner, condition):
                continue
            yield path, name, str(value)


def codelist_failures(document) -> list[str]:
    failures = []
    for path, name, value in coded_values(document):
        if not (SCHEMAS / "codelists" / f"{name}.xml").exists():
            failures.append(f"{path}: codelist {name} is not in interop/schemas/codelists (copy it there)")
            continue
        status = codelist(name).get(value)
        if status != "active":
            failures.append(f"{path}={value!r}: {'withdrawn from' if status else 'not in'} codelist {name}")
    return failures
