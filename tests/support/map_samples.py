"""Graphs shaped like a built hrkg graph, for tests, demos and benchmarks of the maps.

* :func:`sample_graph` — a miniature graph over two bundled corpus files, from the
  spec in ``assets/map-sample.json``: real Chinese text, real offsets, real sentences.
* :func:`synthetic_graph` — a large seeded random graph (5,000+ entities) with the same
  terms, for the big-graph test and ``benchmarks/bench_map.py``.

Both follow docs/ARCHITECTURE.md: canonical entities in the default graph, one named
graph per document with its node, mentions, relations and evidence records, and the
sentence co-mention counts (``hr:CoMention``) in their own graph.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from hrkg.core.paths import corpus_dir
from hrkg.graph.builder import COMENTION_GRAPH, comention_triples
from hrkg.graph.namespaces import HR, NIF, bind_prefixes
from hrkg.graph.uris import (
    document_graph_uri,
    document_uri,
    entity_uri,
    evidence_uri,
    mention_uri,
)

SAMPLE_SPEC = "map-sample.json"
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


class GraphWriter:
    """Writes entities, documents, mentions and evidence with the builder's terms."""

    def __init__(self) -> None:
        self.dataset = bind_prefixes(Dataset())
        self.default = self.dataset.default_graph
        self.comentions: Counter[tuple[URIRef, URIRef]] = Counter()

    def entity(self, cls: str, key: str, zh: str, en: str | None = None, *,
               subclass: str | None = None, identifier: str | None = None,
               alt_labels: Iterable[str] = ()) -> URIRef:
        node = entity_uri(cls, key)
        graph = self.default
        graph.add((node, RDF.type, HR[cls]))
        if subclass and subclass != cls:
            graph.add((node, RDF.type, HR[subclass]))
        graph.add((node, SKOS.prefLabel, Literal(zh, lang="zh")))
        if en:
            graph.add((node, SKOS.prefLabel, Literal(en, lang="en")))
        for alt in alt_labels:
            if alt != zh:
                graph.add((node, SKOS.altLabel, Literal(alt, lang="zh")))
        if identifier:
            graph.add((node, DCTERMS.identifier, Literal(identifier)))
        return node

    def document(self, file_name: str, title: str, *, title_en: str | None = None,
                 identifier: str | None = None) -> tuple[URIRef, Graph]:
        doc = document_uri(file_name)
        graph = self.dataset.graph(document_graph_uri(file_name))
        for cls in (HR.Document, NIF.Context, PROV.Entity):
            graph.add((doc, RDF.type, cls))
        graph.add((doc, HR.sourceFile, Literal(file_name)))
        graph.add((doc, DCTERMS.title, Literal(title, lang="zh")))
        if title_en:
            graph.add((doc, DCTERMS.title, Literal(title_en, lang="en")))
        graph.add((doc, DCTERMS.language, Literal("zh")))
        if identifier:
            graph.add((doc, DCTERMS.identifier, Literal(identifier)))
        return doc, graph

    def mention(self, graph: Graph, doc: URIRef, file_name: str, entity: URIRef,
                begin: int, anchor: str) -> None:
        end = begin + len(anchor)
        node = mention_uri(file_name, begin, end)
        graph.add((node, RDF.type, HR.Mention))
        graph.add((node, HR.inDocument, doc))
        graph.add((node, NIF.referenceContext, doc))
        graph.add((node, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.anchorOf, Literal(anchor)))
        graph.add((node, HR.denotes, entity))
        graph.add((node, HR.extractedBy, Literal("map-samples")))
        graph.add((doc, HR.mentions, entity))

    def relation(self, graph: Graph, doc: URIRef, file_name: str, subject: URIRef,
                 predicate: URIRef, obj: URIRef, begin: int, sentence: str) -> None:
        graph.add((subject, predicate, obj))
        record = evidence_uri(str(subject), str(predicate), str(obj), file_name, begin)
        graph.add((record, RDF.type, HR.Evidence))
        graph.add((record, RDF.type, RDF.Statement))
        graph.add((record, RDF.subject, subject))
        graph.add((record, RDF.predicate, predicate))
        graph.add((record, RDF.object, obj))
        graph.add((record, HR.inDocument, doc))
        graph.add((record, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        graph.add((record, NIF.endIndex,
                   Literal(begin + len(sentence), datatype=XSD.nonNegativeInteger)))
        graph.add((record, NIF.anchorOf, Literal(sentence)))
        graph.add((record, HR.extractedBy, Literal("map-samples")))
        graph.add((record, HR.confidence, Literal("0.9", datatype=XSD.decimal)))

    def sentence(self, entities: Iterable[URIRef]) -> None:
        """Count one sentence naming ``entities`` toward their co-mentions."""
        for pair in combinations(sorted(set(entities)), 2):
            self.comentions[pair] += 1

    def finish(self) -> Dataset:
        """The dataset, with the counted co-mentions as the builder writes them."""
        graph = self.dataset.graph(COMENTION_GRAPH)
        for triple in comention_triples(self.comentions):
            graph.add(triple)
        self.comentions.clear()
        return self.dataset


def find_spans(text: str, surfaces: dict[str, URIRef]) -> list[tuple[int, str, URIRef]]:
    """Non-overlapping occurrences of every surface form, longest forms first."""
    taken: list[tuple[int, int]] = []
    found = []
    for surface in sorted(surfaces, key=lambda s: (-len(s), s)):
        for match in re.finditer(re.escape(surface), text):
            b, e = match.span()
            if any(b < te and tb < e for tb, te in taken):
                continue
            taken.append((b, e))
            found.append((b, surface, surfaces[surface]))
    return sorted(found, key=lambda item: (item[0], str(item[2])))


def sample_graph() -> Dataset:
    """The miniature graph of ``assets/map-sample.json`` over the bundled corpus text."""
    spec = json.loads((Path(__file__).with_name(SAMPLE_SPEC))
                      .read_text(encoding="utf-8"))
    writer = GraphWriter()
    nodes: dict[str, URIRef] = {}
    surfaces: dict[str, URIRef] = {}
    for item in spec["entities"]:
        node = writer.entity(item["cls"], item["key"], item["zh"], item.get("en"),
                             subclass=item.get("subclass"), identifier=item.get("identifier"),
                             alt_labels=[s.replace(" ", "") for s in item["surfaces"]])
        nodes[f"{item['cls']}:{item['key']}"] = node
        surfaces.update({surface: node for surface in item["surfaces"]})
    for meta in spec["documents"]:
        file_name = meta["file"]
        text = (corpus_dir() / file_name).read_text(encoding="utf-8")
        doc, graph = writer.document(file_name, meta["title"], title_en=meta.get("title_en"),
                                     identifier=meta.get("identifier"))
        spans = find_spans(text, surfaces)
        for begin, surface, node in spans:
            writer.mention(graph, doc, file_name, node, begin, surface)
        for sentence in _SENTENCE.finditer(text):
            writer.sentence(node for begin, _, node in spans
                            if sentence.start() <= begin < sentence.end())
        for rel in (r for r in spec["relations"] if r["file"] == file_name):
            sentence = rel["sentence"]
            start = text.index(sentence)
            subject = doc if rel["subject"] == "document" else nodes[rel["subject"]]
            predicate = DCTERMS.creator if rel["predicate"] == "creator" else HR[rel["predicate"]]
            writer.relation(graph, doc, file_name, subject, predicate, nodes[rel["object"]],
                            start, sentence)
    return writer.finish()


HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "大会<script>window.__xss = 1</script>通过了决议。"


def hostile_sample_graph() -> Dataset:
    """The sample plus an entity, alias, title and evidence sentence carrying HTML and script,
    for showing that maps display such text literally and never run it."""
    writer = GraphWriter()
    writer.dataset = sample_graph()
    writer.default = writer.dataset.default_graph
    node = writer.entity("Actor", "zh:hostile", HOSTILE_LABEL, "<b>bold</b> & co",
                         alt_labels=["<script>window.__xss = 2</script>"])
    doc, graph = writer.document("hostile.txt", "<iframe src=javascript:alert(3)>")
    assembly = entity_uri("Actor", "general-assembly")
    writer.mention(graph, doc, "hostile.txt", node, 0, HOSTILE_LABEL)
    writer.mention(graph, doc, "hostile.txt", assembly, 40, "大会")
    writer.relation(graph, doc, "hostile.txt", node, HR.requests, assembly, 0, HOSTILE_SENTENCE)
    writer.sentence((node, assembly))
    return writer.finish()


_SYNTHETIC_CLASSES = (  # (class, share of entities, Chinese name used in labels)
    ("Actor", 30, "行为体"), ("Group", 10, "群体"), ("Right", 8, "权利"),
    ("Instrument", 14, "文书"), ("Publication", 5, "出版物"), ("Resolution", 15, "决议"),
    ("UNDocument", 12, "文件"), ("Mechanism", 3, "机制"), ("SDGTarget", 3, "具体目标"),
)


def _synthetic_class(pick: int) -> tuple[str, str]:
    for cls, share, zh in _SYNTHETIC_CLASSES:
        if pick < share:
            return cls, zh
        pick -= share
    return _SYNTHETIC_CLASSES[-1][0], _SYNTHETIC_CLASSES[-1][2]


def synthetic_graph(entities: int = 5000, documents: int = 40, *,
                    mentions_per_entity: float = 3.0, seed: int = 7) -> Dataset:
    """A seeded random graph with ``entities`` mentioned entities spread over ``documents``.

    Mentions are skewed (a few entities are mentioned very often), so importance varies;
    every resolution is adopted by an actor, with an evidence sentence.
    """
    rng = random.Random(seed)
    writer = GraphWriter()
    total_share = sum(share for _, share, _ in _SYNTHETIC_CLASSES)
    kinds: list[tuple[URIRef, str, str]] = []
    for i in range(entities):
        cls, zh = _synthetic_class(i * total_share // entities)
        identifier = f"A/RES/{60 + i % 20}/{i}" if cls == "Resolution" else None
        node = writer.entity(cls, f"synthetic-{i:05d}", f"合成{zh}{i:05d}",
                             f"Synthetic {cls} {i}", identifier=identifier)
        kinds.append((node, cls, f"合成{zh}{i:05d}"))
    order = list(range(entities))
    rng.shuffle(order)
    extra = int(entities * (mentions_per_entity - 1))
    picks = order + [order[int(entities * rng.random() ** 3)] for _ in range(extra)]
    per_doc: list[list[int]] = [[] for _ in range(documents)]
    for n, index in enumerate(picks):
        per_doc[n % documents if n < entities else rng.randrange(documents)].append(index)
    actors = [k for k in kinds if k[1] == "Actor"]
    for d, indexes in enumerate(per_doc):
        file_name = f"synthetic-{d:03d}.txt"
        doc, graph = writer.document(file_name, f"合成文档{d:03d}", identifier=f"A/HRC/99/{d}")
        rng.shuffle(indexes)
        position = 0
        named: list[URIRef] = []  # the entities of the sentence being written
        for index in indexes:
            position += rng.randint(4, 60)
            node, cls, label = kinds[index]
            writer.mention(graph, doc, file_name, node, position, label)
            if cls == "Resolution":
                actor = actors[int(len(actors) * rng.random() ** 2)]
                sentence = f"{actor[2]}通过了{label}，并请各国采取行动。"
                writer.relation(graph, doc, file_name, node, HR.adoptedBy, actor[0],
                                position, sentence)
            position += len(label)
            named.append(node)
            if rng.random() < 0.3:  # a sentence names about three entities
                writer.sentence(named)
                named = []
        writer.sentence(named)
    return writer.finish()
