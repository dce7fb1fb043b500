from django.utils.translation import get_language


def pick_localized(obj, field: str = "name") -> str:
    """The Azerbaijani or Russian variant of `field` when the active language asks for it and one is recorded.

    The one mechanism for translated reference data: a model keeps `<field>` in English and optional `<field>_az`
    and `<field>_ru` beside it, and shows this (English when no translation is recorded).
    """
    lang = (get_language() or "en")[:2]
    if lang in ("az", "ru"):
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return value
    return getattr(obj, field)


class LocalizedNameMixin:
    @property
    def localized_name(self) -> str:
        return pick_localized(self, "name")


class LocalizedTitleMixin:
    @property
    def localized_title(self) -> str:
        return pick_localized(self, "title")
