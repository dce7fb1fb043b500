from django import template

from ..writers import localize_number, localize_text

register = template.Library()


@register.filter
def num(value, decimals=0):
    """A number with the active language's grouping and decimal separator (PDF tables)."""
    return localize_number(value, int(decimals))


@register.filter
def loc(value):
    """A date or other value as text in the active language."""
    return localize_text(value)
