"""Form widgets shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date typed and shown in the language's own style (06.10.2011, osce_baku/formats), not the browser's.

    A native date picker (`type="date"`) shows whatever order the browser's locale has (10/06/2011 in an American
    browser) and drops a value that is not ISO; a text field shows the first of DATE_INPUT_FORMATS and the field
    accepts the rest, ISO included.
    """

    def __init__(self, attrs=None, format=None):
        defaults = {"placeholder": _("dd.mm.yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format)
