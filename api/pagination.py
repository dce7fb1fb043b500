"""Pagination that never counts big tables: cursors on indexed columns for activities, people and participations;
limit/offset (with a count) only for the small reference tables.

Paging parameters follow the filters' rule (api/filters.py): a value that is not a whole number within the range the
schema gives, or an empty value, is refused with 400 rather than quietly replaced by the default."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, LimitOffsetPagination

from .filters import refuse_empty_or_repeated


def _whole_number(request, name: str, minimum: int, maximum: int) -> int | None:
    """The query parameter `name` as an int from minimum to maximum, None when absent; 400 when invalid."""
    value = refuse_empty_or_repeated(request.query_params, name)
    if value is None:
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or not minimum <= int(value) <= maximum:
        message = _("Give a whole number from %(minimum)s to %(maximum)s.") % {"minimum": minimum, "maximum": maximum}
        raise ValidationError({name: [message]})
    return int(value)


def _with_bounds(parameters, bounds: dict):
    for parameter in parameters:
        if parameter["name"] in bounds:
            parameter["schema"] = {**parameter["schema"], **bounds[parameter["name"]]}
    return parameters


class SmallTablePagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500
    max_offset = 10**9

    def get_limit(self, request):
        limit = _whole_number(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request):
        return _whole_number(request, self.offset_query_param, 0, self.max_offset) or 0

    def get_schema_operation_parameters(self, view):
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": self.max_offset},
        }
        return _with_bounds(super().get_schema_operation_parameters(view), bounds)


class _StrictCursorPagination(CursorPagination):
    def get_page_size(self, request):
        size = _whole_number(request, self.page_size_query_param, 1, self.max_page_size)
        return self.page_size if size is None else size

    def decode_cursor(self, request):
        refuse_empty_or_repeated(request.query_params, self.cursor_query_param)
        return super().decode_cursor(request)

    def get_schema_operation_parameters(self, view):
        bounds = {self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size}}
        return _with_bounds(super().get_schema_operation_parameters(view), bounds)


class NewestActivitiesFirst(_StrictCursorPagination):
    ordering = ("-start_date", "-id")  # the activity_start index
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ById(_StrictCursorPagination):
    ordering = ("-id",)
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
