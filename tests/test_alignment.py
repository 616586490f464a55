"""Cross-language identity (issue 12, points 1, 5, 6): --lang, version alignment (one IRI
for an entity named in a Chinese and an English version), and its evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from hrkg.build import Builder
from hrkg.evaluation.evaluate import evaluate
from hrkg.evaluation.identity import identity_total
from hrkg.extract import Extractor
from hrkg.extract.align import AlignmentRecord, align_versions, alignment_record
from hrkg.extract.align.lines import align_lines
from hrkg.extract.align.record import Line, Occurrence
from hrkg.extract.extractor import text_source
from hrkg.extract.model import Entity
from hrkg.graph.files import open_built_graph
from hrkg.graph.namespaces import FRBR, HR
from hrkg.graph.uris import entity_uri
from hrkg.tasks import DocumentOutcome
from hrkg.versions import VersionAligner, rename_outcome

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXTRA = SHARED / "corpus-extra"
GOLD = SHARED / "gold" / "dev-extra"
needs_shared = pytest.mark.skipif(not (EXTRA / "zh").is_dir(), reason="../shared not present")
IDENTITY_FLOOR = 0.90  # the target, reached: 0.931 separately, 0.977 together

ZH = ("2023年报告\n"
      "儿基会与机构间常设委员会和全球难民青年网络合作，见第70/1号决议。\n"
      "执行局感谢列支敦士登。\n")
EN = ("2023 report\n"
      "UNICEF worked with the Inter-Agency Standing Committee and the Global Refugee Youth "
      "Network, see resolution 70/1.\n"
      "The Executive Board thanked Liechtenstein.\n")


def _line(size: int, anchors: set[str], *entities: tuple[str, str, float]) -> Line:
    return Line(size, frozenset(anchors), tuple(
        Occurrence((cls, key), position, key[:3] in ("zh:", "en:"))
        for cls, key, position in entities))


def _records() -> tuple[AlignmentRecord, AlignmentRecord]:
    """The two versions of ZH/EN as their extraction would record them, with the English
    open-world names an English extractor finds."""
    zh = AlignmentRecord("X/1", "zh", "x.txt", [
        _line(6, {"2023"}),
        _line(30, {"70", "1", "Resolution|A/RES/70/1", "Actor|unicef"},
              ("Actor", "unicef", 0.0), ("Actor", "zh:机构间常设委员会", 0.2),
              ("Actor", "zh:全球难民青年网络", 0.5), ("Resolution", "A/RES/70/1", 0.8)),
        _line(11, {"Actor|state-li"}, ("Actor", "state-li", 0.5)),
    ])
    en = AlignmentRecord("X/1", "en", "x.txt", [
        _line(10, {"2023"}),
        _line(100, {"70", "1", "UNICEF", "Resolution|A/RES/70/1", "Actor|unicef"},
              ("Actor", "unicef", 0.0), ("Actor", "en:Inter-Agency Standing Committee", 0.25),
              ("Actor", "en:Global Refugee Youth Network", 0.55),
              ("Resolution", "A/RES/70/1", 0.85)),
        _line(40, {"Actor|state-li"}, ("Actor", "state-li", 0.7)),
    ])
    return zh, en


def test_parallel_lines_align_one_to_one_and_skip_a_line_of_one_version_only() -> None:
    zh, en = _records()
    assert [(i, j) for i, j, _ in align_lines(zh.lines, en.lines)] == [(0, 0), (1, 1), (2, 2)]
    extra = AlignmentRecord("X/1", "en", "x.txt", [en.lines[0], _line(80, {"E/2023/31"}),
                                                     *en.lines[1:]])
    assert [(i, j) for i, j, _ in align_lines(zh.lines, extra.lines)] == \
        [(0, 0), (1, 2), (2, 3)]


def test_open_world_names_pair_by_position_in_parallel_lines() -> None:
    zh, en = _records()
    pairs = {(p.first[1], p.second[1]) for p in align_versions(zh, en)}
    assert pairs == {("zh:机构间常设委员会", "en:Inter-Agency Standing Committee"),
                     ("zh:全球难民青年网络", "en:Global Refugee Youth Network")}
    # swapped positions in English: the pairing follows the positions
    swapped = AlignmentRecord("X/1", "en", "x.txt", [en.lines[0], _line(
        100, set(en.lines[1].anchors), ("Actor", "en:Global Refugee Youth Network", 0.2),
        ("Actor", "en:Inter-Agency Standing Committee", 0.5)), en.lines[2]])
    assert {(p.first[1], p.second[1]) for p in align_versions(zh, swapped)} == \
        {("zh:机构间常设委员会", "en:Global Refugee Youth Network"),
         ("zh:全球难民青年网络", "en:Inter-Agency Standing Committee")}


def test_a_known_entity_is_never_paired_from_one_line_alone() -> None:
    zh, en = _records()
    lonely = AlignmentRecord("X/1", "zh", "x.txt", [zh.lines[0], zh.lines[1], _line(
        11, set(), ("Actor", "zh:列支敦士登委员会", 0.5))])
    pairs = {(p.first[1], p.second[1]) for p in align_versions(lonely, en)}
    assert ("zh:列支敦士登委员会", "state-li") not in pairs


def test_record_of_a_real_extraction_places_entities_on_their_lines() -> None:
    record = alignment_record(Extractor().extract_source(text_source(ZH, "x.txt")))
    assert record.language == "zh" and len(record.lines) == 3
    keys = [o.ident[1] for o in record.lines[1].entities]
    assert "A/RES/70/1" in keys and "unicef" in keys
    assert "Resolution|A/RES/70/1" in record.lines[1].anchors
    positions = [o.position for o in record.lines[1].entities]
    assert positions == sorted(positions) and all(0 <= p <= 1 for p in positions)


def test_the_later_version_takes_the_iri_of_the_earlier_one() -> None:
    zh, en = _records()
    old = "https://w3id.org/hrkg/id/actor/en-Inter-Agency-Standing-Committee"
    mine = Entity("Actor", "en:Inter-Agency Standing Committee", "",
                  label_en="Inter-Agency Standing Committee")
    first = DocumentOutcome(0, "zh/x.txt", alignment=zh)
    theirs = Entity("Actor", "zh:机构间常设委员会", "机构间常设委员会")
    from hrkg.graph.uris import entity_uri
    new = str(entity_uri("Actor", "zh:机构间常设委员会"))
    first.entities = [(new, theirs)]
    second = DocumentOutcome(1, "en/x.txt", alignment=en, entities=[(old, mine)],
                             lines=[f"<{old}>\x00<http://x/p>\x00\"v\"\x00\x00<http://x/g>"],
                             surfaces={old: ["Inter-Agency Standing Committee"]})
    aligner = VersionAligner()
    aligner.release(first)
    aligner.release(second)
    assert second.entities[0][0] == new and aligner.renamed == 1
    assert second.lines[0].startswith(f"<{new}>")
    assert theirs.label_en == "Inter-Agency Standing Committee"  # both labels kept
    assert list(second.surfaces) == [new]


def test_rename_leaves_other_terms_and_literals_alone() -> None:
    outcome = DocumentOutcome(0, "x", lines=["<http://a>\x00<http://p>\x00\"<http://a>\"\x00\x00"],
                              comentions=[("http://a", "http://b", 2), ("http://c", "http://b", 1)])
    rename_outcome(outcome, {"http://a": "http://c"})
    assert outcome.lines == ["<http://c>\x00<http://p>\x00\"<http://a>\"\x00\x00"]
    assert outcome.comentions == [("http://b", "http://c", 3)]


def test_lang_overrides_detection_and_a_catalog_entry_overrides_lang(tmp_path: Path) -> None:
    extractor = Extractor(language="en")
    source = text_source(ZH, "x.txt")
    assert extractor.extract_source(source).metadata.language == "en"
    assert extractor.extract_source(source, {"language": "zh"}).metadata.language == "zh"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "b.txt").write_text(EN, encoding="utf-8")
    (folder / "catalog.json").write_text(
        '{"documents": [{"file": "b.txt", "language": "en"}]}', encoding="utf-8")
    Builder(tmp_path / "out", outputs=["turtle"], language="zh").run([folder])
    graph = open_built_graph(tmp_path / "out")
    languages = {str(f): str(graph.value(d, DCTERMS.language))
                 for d, f in graph.subject_objects(URIRef("https://w3id.org/hrkg/ontology#sourceFile"))}
    assert languages == {"a.txt": "zh", "b.txt": "en"}
    # --lang is part of the cache key: the same files built as en are extracted again
    Builder(tmp_path / "out", outputs=["turtle"], language="en").run([folder])
    graph = open_built_graph(tmp_path / "out")
    assert {str(v) for v in graph.objects(None, DCTERMS.language)} == {"en"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("xl")
    outs = {}
    for name, inputs in (("zh", [EXTRA / "zh"]), ("en", [EXTRA / "en"]),
                         ("together", [EXTRA / "zh", EXTRA / "en"])):
        outs[name] = root / name
        Builder(outs[name], outputs=["turtle"]).run(inputs)
    return outs


def symbol_documents(graph: Graph, symbol: str) -> list[Node]:
    """The processed documents (not the work they realize) identified by ``symbol``."""
    return [doc for doc in graph.subjects(DCTERMS.identifier, Literal(symbol))
            if (doc, RDF.type, HR.Document) in graph]


@needs_shared
def test_mixed_build_keeps_two_language_versions_of_one_symbol(builds: dict[str, Path]
                                                                 ) -> None:
    graph = open_built_graph(builds["together"])
    versions = sorted(str(graph.value(doc, DCTERMS.language))
                      for doc in symbol_documents(graph, "E/RES/2023/4"))
    assert versions == ["en", "zh"]


@needs_shared
def test_mixed_build_links_the_versions_to_one_work(builds: dict[str, Path]) -> None:
    graph = open_built_graph(builds["together"])
    docs = symbol_documents(graph, "E/RES/2023/4")
    works = {graph.value(doc, FRBR.realizationOf) for doc in docs}
    # the work is the resolution a citation of E/RES/2023/4 denotes, typed and labelled
    work = entity_uri("Resolution", "E/RES/2023/4")
    assert len(docs) == 2 and works == {work}
    assert (work, RDF.type, HR.Resolution) in graph
    assert graph.value(work, DCTERMS.identifier) == Literal("E/RES/2023/4")
    assert {label.language for label in graph.objects(work, SKOS.prefLabel)} == {"zh", "en"}


@needs_shared
@pytest.mark.parametrize("kind", ["separately", "together"])
def test_cross_language_identity(builds: dict[str, Path], kind: str) -> None:
    if kind == "separately":  # two builds, evaluated as the union of their graphs
        graph = open_built_graph(builds["zh"])
        for triple in open_built_graph(builds["en"]):
            graph.add(triple)
    else:
        graph = open_built_graph(builds["together"])
    result = evaluate(graph, [GOLD / "zh", GOLD / "en"])
    total = identity_total(result.identity_table())
    assert total["documents"] == 3 and total["shared"] == 287
    assert total["share"] >= IDENTITY_FLOOR, result.identity_table()
