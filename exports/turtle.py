"""Deterministic Turtle and TriG: prefixes, subjects, predicates and objects sorted,
no blank nodes, so the same graph always gives the same bytes.

rdflib parses these files back (and so does raptor's ``rapper``); writing them
ourselves keeps the output byte-stable across rdflib versions and is several
times faster than rdflib's pretty serializer on the graph sizes hrkg makes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from hrkg.core.atomic import atomic_open
from hrkg.exports.record import BuildRecord
from hrkg.exports.sorted_rdf import write_sorted_files
from hrkg.graph.namespaces import PREFIXES
from hrkg.graph.quads import QuadSet

NAME = "turtle"
FILES = ("graph.ttl", "graph.trig")
TIMING = "serialize"

Triple = tuple[URIRef, URIRef, URIRef | Literal]
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(?:[.][A-Za-z0-9_-]+)*$")
_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()),
                    key=lambda item: len(item[0]), reverse=True)


class TermWriter:
    """Turtle text of terms, compacted with the project prefixes; remembers which it used."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._cache: dict[object, str] = {}
        self._datatypes: dict[str, str] = {}  # datatype IRI -> its Turtle text

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
            datatype = str(literal.datatype)
            text = self._datatypes.get(datatype)
            if text is None:
                text = self._datatypes[datatype] = self.iri(datatype)
            return f"{body}^^{text}"
        return body


Subjects = dict[str, dict[str, set[str]]]  # subject -> predicate -> objects, as Turtle text


def _group(triples: Iterable[Triple], writer: TermWriter) -> Subjects:
    by_subject: Subjects = {}
    for s, p, o in triples:
        predicate = "a" if p == RDF.type else writer.term(p)
        by_subject.setdefault(writer.term(s), {}).setdefault(predicate, set()).add(writer.term(o))
    return by_subject


def _lines(by_subject: Subjects, indent: str = "") -> list[str]:
    lines: list[str] = []
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        ordered = sorted(predicates, key=lambda p: (p != "a", p))
        parts = [f"{p} {', '.join(sorted(predicates[p]))}" for p in ordered]
        lines.append(f"{indent}{subject} " + f" ;\n{indent}    ".join(parts) + " .")
    return lines


def _prefix_lines(writer: TermWriter) -> list[str]:
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(writer.used)]


class SortedDataset:
    """A dataset read once and grouped per graph, ready to write as TriG and as Turtle.

    Reading an rdflib ``Dataset`` is the slow part of serializing it; this reads every
    quad once and renders each term once for both files.
    """

    def __init__(self, dataset: Dataset | QuadSet) -> None:
        self.writer = TermWriter()
        triples: dict[str, list[Triple]] = {}
        quads: Iterable[tuple[Any, Any, Any, Any]] = dataset.quads((None, None, None, None))
        for s, p, o, g in quads:  # rdflib gives graphs, QuadSet graph names
            name = getattr(g, "identifier", g)
            key = "" if name in (None, DATASET_DEFAULT_GRAPH_ID) else self.writer.term(URIRef(name))
            triples.setdefault(key, []).append((s, p, o))
        self.graphs = {key: _group(graph, self.writer) for key, graph in triples.items()}

    def union(self) -> Subjects:
        """All graphs merged (RDF merge: each triple once)."""
        merged: Subjects = {}
        for by_subject in self.graphs.values():
            for subject, predicates in by_subject.items():
                target = merged.setdefault(subject, {})
                for predicate, objects in predicates.items():
                    target.setdefault(predicate, set()).update(objects)
        return merged

    def turtle(self) -> tuple[str, int]:
        """The merged graph as sorted Turtle, and its triple count."""
        union = self.union()
        count = sum(len(objects) for predicates in union.values()
                    for objects in predicates.values())
        text = "\n".join(_prefix_lines(self.writer) + [""] + _lines(union)) + "\n"
        return text, count

    def trig(self) -> str:
        """Every graph as sorted TriG (default graph first)."""
        chunks: list[str] = []
        for name in sorted(self.graphs):
            lines = _lines(self.graphs[name], indent="    ")
            head = "{" if name == "" else f"{name} {{"
            chunks.append(head + "\n" + "\n".join(lines) + "\n}\n")
        return "\n".join(_prefix_lines(self.writer)) + "\n\n" + "\n".join(chunks)


def write_rdf_files(dataset: Dataset | QuadSet, turtle_path: Path, trig_path: Path) -> int:
    """Write ``dataset`` as sorted Turtle (all graphs merged) and TriG; return the triple count."""
    rendered = SortedDataset(dataset)
    text, count = rendered.turtle()
    with atomic_open(turtle_path) as handle:
        handle.write(text)
    with atomic_open(trig_path) as handle:
        handle.write(rendered.trig())
    return count


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``graph.ttl`` and ``graph.trig`` in the output folder."""
    turtle, trig = (record.out_dir / name for name in FILES)
    if record.quads is not None:  # a streamed build: external sort (exports.sorted_rdf)
        record.triple_count = write_sorted_files(record.quads, turtle, trig,
                                                 listener=record.rdf_listener)
    else:
        record.triple_count = write_rdf_files(record.graph(), turtle, trig)
    return {"turtle": turtle, "trig": trig}
