"""Template filters for letter case in the active language (see osce_baku.text); built in for every template."""

from django import template

from . import text

register = template.Library()


@register.filter
def upper_text(value):
    return text.upper(value)


@register.filter
def lower_text(value):
    return text.lower(value)


@register.filter
def capfirst_text(value):
    return text.capfirst(value)
