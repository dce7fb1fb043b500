"""OpenAPI description details that drf-spectacular cannot infer (it finds this module because settings name it):
the personal token scheme, the error answers every operation can give, and the rule for empty query values.

Errors are documented here, in one place, for every operation (`document_errors`, a postprocessing hook); the answer
only one operation gives (410 for an expired report) is declared on that view with `ERROR_RESPONSE`. The bodies are
what api/exceptions.py returns."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token pmu_...`: a personal token from /api/tokens/.",
        }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the user's language.")


ERROR_RESPONSE = OpenApiResponse(ErrorSerializer, description="See `detail`.")

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in the user's language."}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the user's language."},
        "errors": {
            "type": "object",
            "description": "Messages by field or query parameter (`non_field_errors` for the whole request); for a "
            "list field such as `partners`, an object keyed by the item's index. Absent when the body is not JSON.",
            "additionalProperties": {},
        },
    },
    "required": ["detail"],
}
_DETAIL_ONLY = {"$ref": "#/components/schemas/Error"}
_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."}}
# status -> (body, description, headers); what any operation can answer besides its success.
COMMON_ERRORS = {
    "400": (
        {"$ref": "#/components/schemas/ValidationError"},
        "Invalid data: a query parameter (an unknown choice, an id below 1, an empty value, a bad date) or the body.",
        {},
    ),
    "401": (
        _DETAIL_ONLY,
        "No credentials, or an invalid, revoked or expired token.",
        {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Token`"}},
    ),
    "403": (_DETAIL_ONLY, "Your role may not do this (for example another unit's list, or a write by a manager).", {}),
    "429": (_DETAIL_ONLY, "Too many requests: throttled (API_THROTTLE_RATE per user).", _RETRY_AFTER),
}
NOT_FOUND = (
    _DETAIL_ONLY,
    "No such record, or one outside what you may see (another unit's record is 404, never 403), or an invalid cursor.",
    {},
)
EMPTY_VALUE_RULE = "An empty value (`?name=`) is refused with 400, as any other invalid value: leave the parameter out."


def _response(body, description, headers) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": body}}}
    if headers:
        response["headers"] = headers
    return response


def _may_be_missing(path: str, operation: dict) -> bool:
    # A record addressed by its id, or a page addressed by a cursor.
    return "{" in path or any(p["in"] == "query" and p["name"] == "cursor" for p in operation.get("parameters", []))


def _strict_query_parameter(parameter: dict):
    schema = parameter.setdefault("schema", {})
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        schema["minLength"] = 1
    description = parameter.get("description", "")
    if EMPTY_VALUE_RULE not in description:
        parameter["description"] = f"{description} {EMPTY_VALUE_RULE}".strip()


def document_errors(result, generator, request, public):
    """Postprocessing hook: every operation documents its error answers (400, 401, 403, 404 where a record or cursor
    is addressed, 429) with the body api/exceptions.py gives, and every query parameter says that it refuses an
    empty value (strings: minLength 1; enums and formats exclude "" already)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas["ValidationError"] = VALIDATION_ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, error in COMMON_ERRORS.items():
                responses.setdefault(status, _response(*error))
            if _may_be_missing(path, operation):
                responses.setdefault("404", _response(*NOT_FOUND))
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    _strict_query_parameter(parameter)
    return result
