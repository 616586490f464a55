"""Facts about query text read with rdflib's SPARQL 1.1 grammar, never by searching the text.

Oxigraph parses and runs every query; rdflib's parser answers what Oxigraph does not
tell: whether rejected text is a SPARQL Update (Oxigraph's ``query`` never runs one),
whether a query calls ``SERVICE`` (checked before Oxigraph would call it), which
prefix is undeclared when Oxigraph's error is vague, and where the WHERE group opens
(where parameters are bound).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

import pyparsing as pp
from rdflib.plugins.sparql import parser as grammar
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from hrkg.core.errors import HrkgError
from hrkg.sparql.errors import QuerySyntaxError

# rdflib's names of the update operations -> the keyword that starts them
_UPDATE_KEYWORDS = {
    "InsertData": "INSERT", "DeleteData": "DELETE", "DeleteWhere": "DELETE",
    "Modify": "DELETE/INSERT", "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP",
    "Create": "CREATE", "Add": "ADD", "Move": "MOVE", "Copy": "COPY",
}
_COMMENT = pp.Regex(r"#[^\n\r]*")
_SELECT_STAR = re.compile(r"\bSELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?\*", re.IGNORECASE)


def _keyword(word: str) -> pp.ParserElement:
    return grammar.Keyword(word).ignore(_COMMENT)


# everything a query says before the "{" opening its WHERE group
_QUERY_HEAD = pp.Located(
    grammar.Prologue
    + (grammar.SelectClause
       | _keyword("CONSTRUCT") + grammar.ConstructTemplate
       | _keyword("ASK")
       | _keyword("DESCRIBE") + (pp.OneOrMore(grammar.VarOrIri) | pp.Literal("*")))
    + pp.ZeroOrMore(grammar.DatasetClause)
    + pp.Optional(_keyword("WHERE"))
    + pp.Literal("{").ignore(_COMMENT)
)


def _nodes(tree: object) -> Iterator[CompValue]:
    """Every node of an rdflib parse tree, in the order of the text."""
    if isinstance(tree, CompValue):
        yield tree
        for value in tree.values():
            yield from _nodes(value)
    elif isinstance(tree, pp.ParseResults | list | tuple):
        for item in tree:
            yield from _nodes(item)


def _variables(tree: object) -> Iterator[str]:
    """The names of the variables in an rdflib parse tree, in the order of the text."""
    if isinstance(tree, Variable):
        yield str(tree)
    elif isinstance(tree, CompValue):
        for value in tree.values():
            yield from _variables(value)
    elif isinstance(tree, pp.ParseResults | list | tuple):
        for item in tree:
            yield from _variables(item)


def parse(text: str) -> pp.ParseResults:
    """rdflib's parse tree of a query; its errors as :class:`QuerySyntaxError`."""
    try:
        return grammar.parseQuery(text)
    except pp.ParseBaseException as error:
        raise QuerySyntaxError(error.msg, error.lineno, error.col, error.line) from None
    except RecursionError:  # sparql.limits keeps queries this deep away; a last guard
        raise QuerySyntaxError("the query is nested too deeply", 1, 1,
                               (text.splitlines() or [""])[0][:200]) from None
    except (TypeError, ArithmeticError) as error:  # rdflib's parse actions on odd literals
        raise QuerySyntaxError(f"rdflib cannot read this query ({error})", 1, 1,
                               (text.splitlines() or [""])[0][:200]) from None
    except ValueError as error:  # a bad \\u escape
        raise QuerySyntaxError(str(error), 1, 1, (text.splitlines() or [""])[0]) from None


def update_keyword(text: str) -> str | None:
    """The first operation of ``text`` if it is a SPARQL Update (``INSERT``, ``LOAD`` …)."""
    try:
        parsed = grammar.parseUpdate(text)
    except (pp.ParseBaseException, ValueError):
        return None
    operations = parsed.get("request") or []
    if not operations:
        return None
    return _UPDATE_KEYWORDS.get(operations[0].name, operations[0].name.upper())


def uses_service(text: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (only text mentioning it is parsed).

    Text that rdflib cannot parse raises :class:`QuerySyntaxError`: it cannot be
    shown to stay on this machine.
    """
    if "service" not in text.casefold():
        return False
    return any(node.name == "ServiceGraphPattern" for node in _nodes(parse(text)))


def undefined_prefix(text: str, known: Mapping[str, str]) -> tuple[str, int] | None:
    """The first prefix the query uses without declaring it (nor in ``known``), and
    where it first appears in the text; None if there is none or the text does not parse."""
    try:
        tree = parse(text)
    except QuerySyntaxError:
        return None
    declared = set(known)
    for node in _nodes(tree):
        if node.name == "PrefixDecl":
            declared.add(node.get("prefix") or "")
        elif node.name == "pname" and (node.get("prefix") or "") not in declared:
            prefix = node.get("prefix") or ""
            found = re.search(rf"(?<![\w.\-/<]){re.escape(prefix)}:", text)
            return prefix, found.start() if found else 0
    return None


@functools.lru_cache(maxsize=256)
def select_star_order(text: str) -> list[str] | None:
    """For ``SELECT *``: the query's variables in the order they first appear in its text
    (Oxigraph lists them alphabetically; other engines keep the query's order).
    None for other queries, or text rdflib cannot parse."""
    if not _SELECT_STAR.search(text):
        return None
    try:
        query = parse(text)[1]
    except QuerySyntaxError:
        return None
    if query.name != "SelectQuery" or "projection" in query:
        return None
    return list(dict.fromkeys(_variables(query)))


@functools.lru_cache(maxsize=256)  # canned queries are bound again and again
def where_group_start(text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    try:
        _start, _tokens, end = _QUERY_HEAD.parse_string(text, parse_all=False)
    except pp.ParseBaseException:
        raise HrkgError("a query with parameters needs a WHERE clause "
                        "(SELECT, ASK, DESCRIBE or CONSTRUCT with a template)") from None
    return int(end)
