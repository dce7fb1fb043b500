"""Dates as text in the active language, for the few places that show a month by name (chart and report months).

The styles themselves live in osce_baku/formats/<language>/formats.py. Django's Azerbaijani catalogue capitalises
month names ("Fevral 2018"); Azerbaijani writes them in lower case inside text ("fevral 2018"), so a month name in
the result is lowered with the language's own rules (İyun -> iyun).
"""

from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.translation import get_language

from . import text

LOWER_CASE_MONTHS = frozenset({"az"})


def format_date(value, format_name: str = "DATE_FORMAT") -> str:
    result = formats.date_format(value, format_name)
    if (get_language() or "")[:2] in LOWER_CASE_MONTHS:
        for names in (MONTHS, MONTHS_ALT):
            name = str(names[value.month])
            result = result.replace(name, text.lower(name))
    return result


def month_label(value) -> str:
    """A month as the language names it: 'December 2025', 'dekabr 2025', 'Декабрь 2025'."""
    return format_date(value, "YEAR_MONTH_FORMAT")
