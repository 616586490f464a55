"""QuadSet, the builder's graph: same quads out as in, same RDF as an rdflib Dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SKOS, XSD

from hrkg.exports.turtle import SortedDataset
from hrkg.graph.namespaces import HR, HRID
from hrkg.graph.quads import QuadSet

UDHR = HRID["id/instrument/udhr"]
DOC = HRID["graph/A-HRC-44-28"]


def _sample() -> QuadSet:
    quads = QuadSet()
    quads.default_graph.add((UDHR, RDF.type, HR.Instrument))
    quads.default_graph.add((UDHR, SKOS.prefLabel, Literal("世界人权宣言", lang="zh")))
    named = quads.graph(DOC)
    named.add((UDHR, RDF.type, HR.Instrument))  # also in the default graph
    named.add((UDHR, HR.characterCount, Literal(12, datatype=XSD.nonNegativeInteger)))
    named.add((UDHR, HR.characterCount, Literal(12, datatype=XSD.nonNegativeInteger)))  # twice
    return quads


def test_quads_keep_graphs_apart_and_the_merge_counts_each_triple_once() -> None:
    quads = _sample()
    listed = sorted(quads.quads(), key=str)
    assert len(listed) == 4
    assert {q[3] for q in listed} == {DATASET_DEFAULT_GRAPH_ID, DOC}
    assert len(quads) == 3
    assert [g.identifier for g in quads.graphs()] == [DATASET_DEFAULT_GRAPH_ID, DOC]


def test_to_dataset_holds_the_same_quads() -> None:
    quads = _sample()
    dataset = quads.to_dataset()
    assert isinstance(dataset, Dataset)
    assert len(dataset.graph(DOC)) == 2
    assert (UDHR, SKOS.prefLabel, Literal("世界人权宣言", lang="zh")) in dataset.default_graph
    assert SortedDataset(quads).trig() == SortedDataset(dataset).trig()
    assert SortedDataset(quads).turtle() == SortedDataset(dataset).turtle()


def test_only_full_listings_are_supported() -> None:
    with pytest.raises(ValueError):
        list(_sample().quads((UDHR, None, None, None)))


def test_the_built_corpus_writes_the_same_rdf_through_rdflib(demo_out: Path) -> None:
    """The demo TriG read back by rdflib re-serializes to the very same bytes."""
    dataset = Dataset()
    dataset.parse(demo_out / "graph.trig", format="trig")
    assert SortedDataset(dataset).trig() == (demo_out / "graph.trig").read_text(encoding="utf-8")
