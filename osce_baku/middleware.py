"""Portal-wide middleware: request ids for the logs, no caching of signed-in pages, and a friendly 503 when the
database is away (the next request reconnects on its own: CONN_HEALTH_CHECKS)."""

import logging
import re
import sys
import uuid

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import patch_cache_control

from .logs import current_request

logger = logging.getLogger("osce_baku.request")
security_logger = logging.getLogger("osce_baku.security")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Give every request an id (a well-formed X-Request-ID from the proxy, else a new one), echo it in the
    response, and put it (and the user id) on every log record made while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = current_request.set(request)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                # Paths carry ids only, never names (docs/security.md), so the path may be logged.
                security_logger.warning("access refused", extra={"path": request.path, "method": request.method})
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            current_request.reset(token)


class NoStoreForSignedInMiddleware:
    """Nothing a signed-in user sees may stay in a browser or proxy cache: pages and downloads carry personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, no_store=True)
        return response


DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable_response() -> HttpResponse:
    """The 503 page; rendered without a request so no context processor touches the database."""
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is unreachable gets the friendly 503 page instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("database unavailable: %s", type(exception).__name__)
            return database_unavailable_response()
        return None


def server_error(request, template_name="500.html"):
    """handler500: a database outage that struck outside a view (session, user lookup) still gets the 503 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template(template_name).render({}))
