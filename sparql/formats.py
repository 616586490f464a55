"""Writing answers: SPARQL 1.1 results formats and RDF formats, by Oxigraph's writers,
and a short human-readable form of a term for tables."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from hrkg.core.errors import HrkgError
from hrkg.sparql.run import ASK, GRAPH, QueryResult
from hrkg.sparql.store import DEFAULT_PREFIXES, OxTerm

# format name -> media type; results formats for SELECT/ASK, RDF formats for CONSTRUCT/DESCRIBE
RESULTS_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
_OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_OX_RDF = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class FormatUnavailable(HrkgError):
    """A format that the kind of answer (solutions or a graph) cannot be written in."""


def check_format(kind: str, fmt: str) -> None:
    """Raise :class:`FormatUnavailable` unless ``fmt`` suits an answer of ``kind``."""
    if kind == GRAPH and fmt not in _OX_RDF:
        raise FormatUnavailable(f"{fmt} is a format for SELECT/ASK results; a graph result "
                                f"takes one of {', '.join(GRAPH_FORMATS)}")
    if kind != GRAPH and fmt not in _OX_RESULTS:
        raise FormatUnavailable(f"{fmt} is a format for CONSTRUCT/DESCRIBE results; "
                                f"SELECT/ASK results take one of {', '.join(RESULTS_FORMATS)}")


def solutions(result: QueryResult) -> ox.QuerySolutions | ox.QueryBoolean:
    """The kept answer as Oxigraph query results again (read from its TSV form, whose
    terms are Oxigraph's own N-Triples term writing), ready for any results writer."""
    if result.kind == ASK:
        data = b"true" if result.boolean else b"false"
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join(str(term) if term is not None else "" for term in row)
              for row in result.rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)


def serialize(result: QueryResult, fmt: str) -> bytes:
    """The result in a SPARQL results format (SELECT/ASK) or an RDF format (CONSTRUCT/DESCRIBE)."""
    check_format(result.kind, fmt)
    if result.kind == GRAPH:
        return ox.serialize(result.triples, format=_OX_RDF[fmt], prefixes=DEFAULT_PREFIXES) or b""
    return solutions(result).serialize(format=_OX_RESULTS[fmt]) or b""


def compact_iri(iri: str, prefixes: Mapping[str, str] = DEFAULT_PREFIXES) -> str:
    """``prefix:local`` for the longest namespace the IRI starts with, else the IRI."""
    best = max((name for name, ns in prefixes.items() if iri.startswith(ns)),
               key=lambda name: len(prefixes[name]), default=None)
    return iri if best is None else f"{best}:{iri[len(prefixes[best]):]}"


def display(term: OxTerm | None, prefixes: Mapping[str, str] = DEFAULT_PREFIXES) -> str:
    """A short human-readable form: prefixed names for IRIs, the plain value of literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return f"<< {display(term.subject)} {display(term.predicate)} {display(term.object)} >>"
