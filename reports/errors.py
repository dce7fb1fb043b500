"""Errors a report build may raise on purpose. Their message is shown to the user as it is; any other exception is
logged with the job id and the user sees a generic message."""


class ReportError(Exception):
    """A known reason a report cannot be built (no data, a parameter that no longer fits); shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
