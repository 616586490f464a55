"""Size and nesting limits checked on query text before any parser sees it.

Parsers recurse once per nesting level: pyoxigraph's crashes the process (a
segmentation fault) at a few thousand nested ``{`` or ``(``, and rdflib's grammar
(which hrkg uses to read facts about a query) overflows Python's stack at about
30 levels. :func:`check_query_limits` refuses text over :data:`MAX_QUERY_CHARS`
characters or nested deeper than :data:`MAX_NESTING` levels, with a one-line error
at the offending position. A small scanner counts ``{ ( [`` outside strings, IRIs
and comments, so a brace inside a literal or a comment never counts.
"""

from __future__ import annotations

import re

from hrkg.sparql.errors import QuerySyntaxError, syntax_error_at

MAX_QUERY_CHARS = 200_000
MAX_NESTING = 24  # { ( [ levels together; rdflib's parser fails from about 30

_SHOWN = 60  # characters of the line shown each side of the offending bracket
_OPEN, _CLOSE = "{([", "})]"
# what the scanner skips whole: long strings first, then short strings, IRIs, comments
_SKIPPED = re.compile(r"""
    '''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
  | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
  | '(?:[^'\\\n\r]|\\.)*'?
  | "(?:[^"\\\n\r]|\\.)*"?
  | <[^<>"{}|^`\\\x00-\x20]*>
  | \#[^\n\r]*
""", re.VERBOSE | re.DOTALL)
_INTERESTING = re.compile(r"""['"<#{}()\[\]]""")


def nesting_depth(text: str, stop_at: int | None = None) -> tuple[int, int]:
    """(deepest nesting of ``{ ( [`` outside strings, IRIs and comments, offset where
    it was reached); the scan stops as soon as the depth exceeds ``stop_at``."""
    depth = deepest = where = 0
    position = 0
    while True:
        found = _INTERESTING.search(text, position)
        if found is None:
            return deepest, where
        position = found.start()
        char = text[position]
        if char in _OPEN:
            depth += 1
            if depth > deepest:
                deepest, where = depth, position
                if stop_at is not None and deepest > stop_at:
                    return deepest, where
            position += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
            position += 1
        else:
            skipped = _SKIPPED.match(text, position)
            if skipped is None or skipped.end() == position:
                position += 1  # a "<" that opens no IRI is the less-than operator
                continue
            if char == "<":  # ( ) [ ] may stand in an IRI, or in what a parser may take
                inner = depth + _bracket_depth(skipped.group())  # for "<" and an expression
                if inner > deepest:
                    deepest, where = inner, position
                    if stop_at is not None and deepest > stop_at:
                        return deepest, where
            position = skipped.end()


def _bracket_depth(token: str) -> int:
    depth = deepest = 0
    for char in token:
        if char in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
    return deepest


def check_query_limits(text: str, *, max_chars: int = MAX_QUERY_CHARS,
                       max_nesting: int = MAX_NESTING) -> None:
    """Refuse (:class:`QuerySyntaxError`) text too long or nested too deeply to parse safely."""
    if len(text) > max_chars:
        raise QuerySyntaxError(f"the query has {len(text):,} characters; the limit is "
                               f"{max_chars:,}", 1, 1, (text.splitlines() or [""])[0][:200])
    depth, where = nesting_depth(text, stop_at=max_nesting)
    if depth > max_nesting:
        error = syntax_error_at(text, where, f"the query nests {{ ( [ more than {max_nesting} "
                                             "levels deep; simplify it")
        start = max(error.column - 1 - _SHOWN, 0)  # the pointer shows the line around it
        error.source_line = error.source_line[start: error.column - 1 + _SHOWN]
        error.column -= start
        raise error
