"""Every API error is JSON: {"detail": "...", "errors": {field: [messages]}} for invalid data, {"detail": "..."}
otherwise, and a JSON 500 (never Django's HTML page) for an unexpected error inside a view."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)


def _rename_non_field(errors):
    if isinstance(errors, dict):
        return {
            ("non_field_errors" if key == "__all__" else key): _rename_non_field(value) for key, value in errors.items()
        }
    if isinstance(errors, list):
        return [_rename_non_field(value) for value in errors]
    return errors


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        # The request's transaction (ATOMIC_REQUESTS) must not commit half of what the view wrote.
        set_rollback()
        logger.exception("API error in %s", type(context.get("view")).__name__)
        return Response(
            {"detail": _("An unexpected error happened on the server. It has been logged.")},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = {"detail": _("The data sent is not valid."), "errors": _rename_non_field(errors)}
    return response
