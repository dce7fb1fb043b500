"""The parts of every page's frame (base.html) that are the same on every request: worked out once per process.

base.html asked for five fixed URLs and the language menu on every page; with the six static files' URLs
(osce_baku/storage.py) they were nearly half of the frame's CPU, about 0.4 ms a page.
"""

import functools

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.translation import get_language, get_language_info

from ..context_processors import fixed_reverse

register = template.Library()


@register.simple_tag
def fixed_url(url_name: str) -> str:
    """`{% url url_name %}` for a view without arguments."""
    return fixed_reverse(url_name)


@register.simple_tag
def language_options():
    """The language menu's options, each language in its own name, the active one selected."""
    return _language_options(get_language())


@functools.cache
def _language_options(active: str):
    languages = ((code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES)
    return format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        ((code, " selected" if code == active else "", name) for code, name in languages),
    )
