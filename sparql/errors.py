"""What can go wrong with a query, each as a one-line error.

Syntax errors come from Oxigraph's parser (``error at L:C: …``); :func:`syntax_error`
keeps its position and turns its message into one readable line.
"""

from __future__ import annotations

import re

from hrkg.core.errors import HrkgError


class QuerySyntaxError(HrkgError):
    """An invalid query, with the 1-based line and column the parser stopped at."""

    def __init__(self, message: str, line: int, column: int, source_line: str) -> None:
        super().__init__(f"syntax error at line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line

    def pointer(self) -> str:
        """The offending line and a caret under the column."""
        return f"{self.source_line}\n{' ' * max(self.column - 1, 0)}^"


class QueryRefused(HrkgError):
    """A request this read-only, offline service does not run (update, SERVICE)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "update" | "service"


class QueryTimeout(HrkgError):
    """A query overran its time limit and its worker was stopped."""


class QueryFailed(HrkgError):
    """The engine failed while evaluating a valid query."""


class ResultTooLarge(HrkgError):
    """The answer is longer than the server returns (the endpoint's ``--max-rows``)."""


_POSITION = re.compile(r"^error at (\d+):(\d+)(?:-\d+:\d+)?: ?(.*)$", re.DOTALL)
_LISTED_MAX = 8


def syntax_error(text: str, error: SyntaxError) -> QuerySyntaxError:
    """A :class:`QuerySyntaxError` from pyoxigraph's message (``error at L:C: …``)."""
    message = " ".join(str(error).split())
    line, column = 1, 1
    found = _POSITION.match(message)
    if found:
        line, column, message = int(found[1]), int(found[2]), found[3]
    lines = text.splitlines() or [""]
    expected = message.split(", ")
    sentences = [item for item in expected if re.match(r"^[A-Z][a-z]+ .* ", item)]
    if sentences:  # a semantic error hidden among the parser's expected tokens
        message = sentences[0]
    elif message.startswith("expected one of") and len(expected) > _LISTED_MAX:
        message = ", ".join(expected[:_LISTED_MAX]) + ", …"
    return QuerySyntaxError(message, line, column, lines[min(line, len(lines)) - 1])


def syntax_error_at(text: str, offset: int, message: str) -> QuerySyntaxError:
    """A :class:`QuerySyntaxError` at a character offset of ``text``."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return QuerySyntaxError(message, line, offset - start + 1,
                            text[start: end if end >= 0 else len(text)])
