"""Text helpers for templates that end a translated sentence with a formatted value."""

import re

from django import template
from django.utils.safestring import SafeData, mark_safe

register = template.Library()

_DOUBLE_STOP = re.compile(r"(?<=[^.])\.\.(\s*)$")


@register.filter(is_safe=True)
def sentence(text):
    """One full stop at the end of a sentence whose last word is a date or time that already ends in one: Russian
    dates end in "г." and English times in "a.m.", so "... по 30 ноября 2026 г.." becomes "... г." (an ellipsis is
    left alone)."""
    result = _DOUBLE_STOP.sub(r".\1", str(text))
    return mark_safe(result) if isinstance(text, SafeData) else result  # noqa: S308 - only a dot was removed
