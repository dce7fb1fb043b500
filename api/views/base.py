from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.views import APIView

from osce_baku.prepared import MAX_BIGINT


class IdLookupMixin:
    """Record ids in URLs are numbers a database column can hold; anything else is a 404 before any query."""

    lookup_value_regex = r"[0-9]+"

    def get_object(self):
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if not str(value).isdigit() or int(value) > MAX_BIGINT:
            raise exceptions.NotFound
        return super().get_object()


class ReadOnlyViewSet(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    pass


@extend_schema(exclude=True)
class NoSuchEndpoint(APIView):
    """Any other URL under /api/v1/ (a malformed id, an unknown path): a JSON 404 like the API's own, after the usual
    authentication (401 without credentials), instead of the portal's HTML page."""

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound

    post = put = patch = delete = get
