"""Letter case that knows the language: Azerbaijani (and Turkish) pair dotted i with İ and dotless ı with I.

Python's `str.upper()` and Django's `capfirst` follow English rules, so "istiqamət" became "Istiqamət" and "İ" lowered
to "i̇" (i plus a combining dot). Every place that changes the case of text a person reads calls these functions (in
templates the `upper_text`, `lower_text` and `capfirst_text` filters, built in for every template); Django's own
`capfirst`, which builds form labels and admin headings from verbose names, is pointed here by `install()`.
The rules of the active language apply unless a language is given.
"""

from django.utils.functional import keep_lazy_text
from django.utils.translation import get_language

DOTTED_LANGUAGES = frozenset({"az", "tr"})  # languages whose i and ı are separate letters


def _dotted(language: str | None) -> bool:
    return (language or get_language() or "")[:2].lower() in DOTTED_LANGUAGES


@keep_lazy_text
def upper(text, language: str | None = None) -> str:
    text = str(text)
    if _dotted(language):
        text = text.replace("i", "İ")
    return text.upper()


@keep_lazy_text
def lower(text, language: str | None = None) -> str:
    text = str(text).replace("İ", "i")  # in every language: "İ".lower() would add a combining dot
    if _dotted(language):
        text = text.replace("I", "ı")
    return text.lower()


@keep_lazy_text
def capfirst(text, language: str | None = None) -> str:
    """The first letter in upper case, the rest unchanged: 'istiqamət' -> 'İstiqamət' in Azerbaijani."""
    text = str(text)
    return upper(text[:1], language) + text[1:] if text else text


# Django modules that import `capfirst` by name to build labels and headings from verbose names.
_DJANGO_CAPFIRST_USERS = (
    "django.db.models.fields",
    "django.db.models.base",
    "django.forms.models",
    "django.contrib.admin.utils",
    "django.contrib.admin.helpers",
    "django.contrib.admin.options",
    "django.contrib.admin.sites",
    "django.contrib.admin.templatetags.admin_list",
)


def install():
    """Point Django's own uses of `capfirst` at ours (called once from the first app's `ready()`)."""
    import importlib

    for name in _DJANGO_CAPFIRST_USERS:
        module = importlib.import_module(name)
        if hasattr(module, "capfirst"):
            module.capfirst = capfirst
