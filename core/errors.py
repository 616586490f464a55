"""Errors that the CLI reports as one clear line instead of a traceback."""


class HrkgError(Exception):
    """A user-facing error: bad input, missing graph, invalid query."""


class InputError(HrkgError):
    """A source file that cannot be read as a document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
