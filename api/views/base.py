from rest_framework import exceptions, viewsets

from ..filters import MAX_ID


class IdLookupMixin:
    """Record ids in URLs are numbers a database column can hold; anything else is a 404 before any query."""

    lookup_value_regex = r"[0-9]+"

    def get_object(self):
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if not str(value).isdigit() or int(value) > MAX_ID:
            raise exceptions.NotFound
        return super().get_object()


class ReadOnlyViewSet(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    pass
