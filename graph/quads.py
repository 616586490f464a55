"""The built graph as plain sets of triples per named graph: fast to fill, read once.

The builder adds ~40 000 triples per corpus; an rdflib ``Dataset`` indexes each one
as it is added (about 25 µs a triple), which made it the slowest stage of a build
although nothing reads the graph back while it is built. :class:`QuadSet` only
collects; the writers (Turtle/TriG, the Oxigraph store, the map projection) read it
once, and :meth:`QuadSet.to_dataset` gives an rdflib ``Dataset`` to code that wants
rdflib's API.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from hrkg.graph.namespaces import bind_prefixes

Triple = tuple[URIRef, URIRef, URIRef | Literal]
Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


class TripleSet:
    """One graph being built: ``add`` a triple, iterate the triples."""

    __slots__ = ("identifier", "_triples")

    def __init__(self, identifier: URIRef) -> None:
        self.identifier = identifier
        self._triples: set[Triple] = set()

    def add(self, triple: Triple) -> None:
        self._triples.add(triple)

    def discard(self, triple: Triple) -> None:
        self._triples.discard(triple)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


class QuadSet:
    """A default graph and named graphs, each a :class:`TripleSet`.

    ``quads()`` yields ``(s, p, o, graph name)`` like ``rdflib.Dataset.quads`` (the default
    graph is named ``DATASET_DEFAULT_GRAPH_ID``); ``triples()`` yields the RDF merge.
    """

    def __init__(self) -> None:
        self._graphs: dict[URIRef, TripleSet] = {}

    @property
    def default_graph(self) -> TripleSet:
        return self.graph(DATASET_DEFAULT_GRAPH_ID)

    def graph(self, identifier: URIRef) -> TripleSet:
        """The graph named ``identifier``, created empty on first use."""
        found = self._graphs.get(identifier)
        if found is None:
            found = self._graphs[identifier] = TripleSet(identifier)
        return found

    def graphs(self) -> list[TripleSet]:
        """Every graph, the default graph first, then by name."""
        return sorted(self._graphs.values(),
                      key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))

    def quads(self, pattern: object = None) -> Iterator[Quad]:
        """Every quad (``pattern`` is accepted for rdflib compatibility; only "all" is)."""
        if pattern not in (None, (None, None, None, None)):
            raise ValueError("QuadSet.quads() only lists all quads")
        for graph in self._graphs.values():
            name = graph.identifier
            for s, p, o in graph:
                yield s, p, o, name

    def triples(self, pattern: object = None) -> Iterator[Triple]:
        """The RDF merge of all graphs: each triple once."""
        if pattern not in (None, (None, None, None)):
            raise ValueError("QuadSet.triples() only lists all triples")
        merged: set[Triple] = set()
        for graph in self._graphs.values():
            merged.update(graph)
        return iter(merged)

    def __len__(self) -> int:
        """Number of distinct triples over all graphs."""
        return sum(1 for _ in self.triples())

    def to_dataset(self) -> Dataset:
        """The same quads in an rdflib ``Dataset`` (slow on big graphs; for rdflib's API)."""
        dataset = bind_prefixes(Dataset())
        for graph in self.graphs():
            target = dataset.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
        return dataset
