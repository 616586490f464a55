"""Deterministic Turtle and TriG: prefixes, subjects, predicates and objects sorted,
no blank nodes, so the same graph always gives the same bytes.

rdflib parses these files back (and so does raptor's ``rapper``); writing them
ourselves keeps the output byte-stable across rdflib versions and is several
times faster than rdflib's pretty serializer on the graph sizes hrkg makes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from hrkg.atomic import atomic_open
from hrkg.graph.namespaces import PREFIXES

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?:[.][A-Za-z0-9_-]+)*$")
_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()),
                    key=lambda item: len(item[0]), reverse=True)


class TermWriter:
    """Turtle text of terms, compacted with the project prefixes; remembers which it used."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._cache: dict[object, str] = {}

    def iri(self, iri: str) -> str:
        for namespace, prefix in _BY_LENGTH:
            if iri.startswith(namespace):
                local = iri[len(namespace):]
                if _LOCAL.match(local) or local == "":
                    self.used.add(prefix)
                    return f"{prefix}:{local}"
                break
        escaped = iri.replace("\\", "\\u005C").replace(">", "\\u003E")
        return f"<{escaped}>"

    def term(self, term: URIRef | Literal) -> str:
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        if isinstance(term, BNode):
            raise ValueError("hrkg graphs have no blank nodes")
        if isinstance(term, URIRef):
            text = self.iri(str(term))
        else:
            text = self.literal(term)
        self._cache[term] = text
        return text

    def literal(self, literal: Literal) -> str:
        value = str(literal)
        body = '"' + (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                      .replace("\r", "\\r").replace("\t", "\\t")) + '"'
        if literal.language:
            return f"{body}@{literal.language}"
        if literal.datatype is not None:
            return f"{body}^^{self.iri(str(literal.datatype))}"
        return body


def _block(triples: Iterable[Triple], writer: TermWriter, indent: str = "") -> list[str]:
    by_subject: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        predicate = "a" if p == RDF.type else writer.term(p)
        by_subject[writer.term(s)][predicate].add(writer.term(o))
    lines: list[str] = []
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        ordered = sorted(predicates, key=lambda p: (p != "a", p))
        parts = [f"{p} {', '.join(sorted(predicates[p]))}" for p in ordered]
        lines.append(f"{indent}{subject} " + f" ;\n{indent}    ".join(parts) + " .")
    return lines


def _prefix_lines(writer: TermWriter) -> list[str]:
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(writer.used)]


def turtle_text(triples: Iterable[Triple]) -> str:
    writer = TermWriter()
    body = _block(triples, writer)
    return "\n".join(_prefix_lines(writer) + [""] + body) + "\n"


def trig_text(dataset: Dataset) -> str:
    writer = TermWriter()
    graphs: dict[str, list[Triple]] = defaultdict(list)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if hasattr(g, "identifier") else g
        key = "" if name in (None, DATASET_DEFAULT_GRAPH_ID) else writer.term(URIRef(name))
        graphs[key].append((s, p, o))
    chunks: list[str] = []
    for name in sorted(graphs):
        lines = _block(graphs[name], writer, indent="    ")
        head = "{" if name == "" else f"{name} {{"
        chunks.append(head + "\n" + "\n".join(lines) + "\n}\n")
    return "\n".join(_prefix_lines(writer)) + "\n\n" + "\n".join(chunks)


def union_triples(dataset: Dataset) -> set[Triple]:
    return {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}


def write_turtle(dataset: Dataset, path: Path) -> int:
    """Write all triples of all graphs as sorted Turtle; return the triple count."""
    triples = union_triples(dataset)
    with atomic_open(path) as handle:
        handle.write(turtle_text(triples))
    return len(triples)


def write_trig(dataset: Dataset, path: Path) -> None:
    with atomic_open(path) as handle:
        handle.write(trig_text(dataset))
