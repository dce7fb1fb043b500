"""Log records with the request id and the user id on every line, as JSON in production. Never a person's name:
records carry ids only, and sign-in failures carry a keyed hash of the username instead of the username
(`accounts.sessions.username_hash`)."""

import contextvars
import datetime
import json
import logging

# Set by osce_baku.middleware.RequestContextMiddleware for the duration of one request.
current_request = contextvars.ContextVar("current_request", default=None)


def user_id_of(request):
    """The signed-in user's id, without loading the user just for a log line (it may cost a query)."""
    if request is None:
        return None
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or type(wrapped).__name__ == "object":  # SimpleLazyObject not evaluated yet
        return None
    return getattr(wrapped, "pk", None)


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        request = current_request.get()
        if not hasattr(record, "request_id"):
            record.request_id = getattr(request, "request_id", "-") if request is not None else "-"
        if not hasattr(record, "user_id"):
            record.user_id = user_id_of(request)
        return True


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, user_id and any `extra=` fields."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "user_id": getattr(record, "user_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
