"""Pagination that never counts big tables: cursors on indexed columns for activities, people and participations;
limit/offset (with a count) only for the small reference tables."""

from rest_framework.pagination import CursorPagination, LimitOffsetPagination


class SmallTablePagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500
    max_offset = 10**9

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)


class NewestActivitiesFirst(CursorPagination):
    ordering = ("-start_date", "-id")  # the activity_start index
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ById(CursorPagination):
    ordering = ("-id",)
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
