"""The rows of an activity's participant table, written here rather than by a template loop.

The table is the biggest part of the activity page, which staff open many times a day, and it holds names, so it is
never cached. A template loop costs a few microseconds per variable and a `{% url %}` per row as much again: with 34
participants that was a tenth of the page's CPU. Here each cell is escaped once and the edit link is reversed once
per table. The markup is the template's; numbers read as `{{ value }}` shows them (see `_number`).
"""

from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

ROW = (
    "<tr><td>{}</td><td>{}</td><td>{}</td>"
    '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td><td>{}</td>'
)
EDIT_CELL = '<td class="text-end"><a class="btn btn-sm btn-link" href="{}">{}</a></td>'
SENTINEL = 987654321  # stands for a participation's id in the one reversed edit link


def _number(value, decimal_separator: str) -> str:
    """Days attended (a whole number) and test scores (0 to 100, two decimal places) as `{{ value }}` localizes
    them: the language's decimal separator, no grouping (USE_THOUSAND_SEPARATOR is off); blank stays blank."""
    if isinstance(value, Decimal):
        return str(value).replace(".", decimal_separator)
    return str(value)


@register.simple_tag
def participant_rows(participants, activity_pk, can_edit):
    """`participants` from `programmes.selectors.participant_rows`; an edit link per row when the user may edit."""
    if not participants:
        return format_html(
            '<tr><td colspan="8" class="text-body-secondary">{}</td></tr>', gettext("No participants recorded yet.")
        )
    yes, separator = escape(gettext("Yes")), get_format("DECIMAL_SEPARATOR")
    edit_cell = ""
    if can_edit:
        prefix, suffix = reverse("participant_edit", args=[activity_pk, SENTINEL]).split(str(SENTINEL))
        edit_cell = EDIT_CELL.format(escape(prefix) + "{}" + escape(suffix), escape(gettext("Edit")))
    html = []
    for row in participants:
        html.append(
            ROW.format(
                escape(row["name"]),
                escape(row["organisation"]),
                escape(row["role"]),
                *(_number(row[key], separator) for key in ("days", "pre", "post")),
                yes if row["certificate"] else "",
            )
        )
        if can_edit:
            html.append(edit_cell.format(row["pk"]))
        html.append("</tr>")
    return mark_safe("".join(html))  # every value above is escaped or a number
