"""Running one read-only query over the built graph and keeping its answer.

:func:`execute` refuses text too long or too deeply nested to parse safely (see
:mod:`hrkg.sparql.limits`) and what the service does not run (updates, SERVICE), binds
the parameters (see :mod:`hrkg.sparql.parameters`), lets Oxigraph parse and evaluate
the query, and keeps at most ``limit`` rows or triples. Prefixes must be declared
(PREFIX), as every SPARQL engine requires; ``SELECT *`` columns keep the query's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from hrkg.sparql.errors import (
    QueryFailed,
    QueryRefused,
    QuerySyntaxError,
    syntax_error,
    syntax_error_at,
)
from hrkg.sparql.grammar import select_star_order, undefined_prefix, update_keyword, uses_service
from hrkg.sparql.limits import check_query_limits
from hrkg.sparql.parameters import bind_parameters, names_of
from hrkg.sparql.store import GraphStore, OxResult, OxTerm

SELECT, ASK, GRAPH = "select", "ask", "graph"


@dataclass
class QueryResult:
    """A finished query: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # SELECT | ASK | GRAPH
    variables: list[str] = field(default_factory=list)
    rows: list[list[OxTerm | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind == ASK:
            return 1
        return len(self.rows) if self.kind == SELECT else len(self.triples)


def execute(
    store: GraphStore,
    text: str,
    *,
    params: Mapping[str, str] | None = None,
    kinds: Mapping[str, str | None] | None = None,
    limit: int | None = None,
    allow_service: bool = False,
    default_graph: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Check and run one read-only query; at most ``limit`` rows or triples are kept.

    ``params`` are bound as string literals, or, for those ``kinds`` names a class of,
    as the IRIs their value names (see :func:`~hrkg.sparql.parameters.bind_parameters`).
    Raises :class:`QueryRefused`, :class:`QuerySyntaxError` or :class:`QueryFailed`.
    """
    check_query_limits(text)
    if not allow_service and uses_service(text):
        raise QueryRefused(
            "federated queries (SERVICE) are refused: they would make this machine fetch "
            "other URLs; `hrkg serve --allow-service` or `hrkg query --allow-service` allows them",
            "service")
    notes: list[str] = []
    if params:
        bound = bind_parameters(text, params, kinds or {}, names_of(store))
        text, notes = bound.text, bound.notes
    try:
        answer = store.query(text, prefixes={}, default_graph=default_graph,
                             named_graphs=named_graphs)
        result = collect(answer, limit)
        if result.kind == SELECT:
            in_query_order(result, select_star_order(text))
    except SyntaxError as error:
        raise rejected(text, error) from None
    except OSError as error:
        raise QueryFailed(f"query failed: {error}") from None
    result.notes = notes
    return result


def rejected(text: str, error: SyntaxError) -> QueryRefused | QuerySyntaxError:
    """Why Oxigraph's parser rejected ``text``: an update (refused), an undeclared prefix,
    or the syntax error as the parser reports it."""
    keyword = update_keyword(text)
    if keyword:
        return QueryRefused(f"SPARQL Update ({keyword}) is not accepted: this graph is "
                            "read-only; rebuild it with `hrkg build` to change it", "update")
    undefined = undefined_prefix(text, {})
    if undefined:
        prefix, offset = undefined
        return syntax_error_at(text, offset, f"undefined prefix {prefix}: "
                                             "(declare it with PREFIX)")
    return syntax_error(text, error)


def in_query_order(result: QueryResult, order: list[str] | None) -> None:
    """Reorder the columns of a ``SELECT *`` answer as its variables appear in the query."""
    if not order:
        return
    rank = {name: index for index, name in enumerate(order)}
    columns = sorted(range(len(result.variables)),
                     key=lambda column: rank.get(result.variables[column], len(rank)))
    result.variables = [result.variables[column] for column in columns]
    result.rows = [[row[column] for column in columns] for row in result.rows]


def collect(answer: OxResult, limit: int | None) -> QueryResult:
    """The answer's rows (or triples), the first ``limit`` of them if a limit is given."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(ASK, boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        result = QueryResult(SELECT, variables=[variable.value for variable in answer.variables])
        width = range(len(result.variables))
        for solution in answer:
            if limit is not None and len(result.rows) >= limit:
                result.truncated = True
                break
            result.rows.append([solution[index] for index in width])
        return result
    result = QueryResult(GRAPH)
    for triple in answer:
        if limit is not None and len(result.triples) >= limit:
            result.truncated = True
            break
        result.triples.append(triple)
    return result
