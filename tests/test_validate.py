"""SHACL validation of the graph contract: a small valid graph built from a real sentence of
A/HRC/44/28 conforms, and each kind of breakage is reported where it happens."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
from pathlib import Path

import pytest
import rdflib.namespace as rns
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH, SKOS

from hrkg.commands import validate as validate_command
from hrkg.core.errors import HrkgError
from hrkg.core.paths import corpus_dir
from hrkg.graph.files import open_built_graph
from hrkg.graph.identity import document_key
from hrkg.graph.namespaces import HR, NIF, SDG, bind_prefixes
from hrkg.graph.uris import (
    document_graph_uri,
    document_uri,
    entity_uri,
    evidence_uri,
    mention_uri,
)
from hrkg.graph.validate import validate_graph
from hrkg.graph.violations import HRSH, ValidationReport, format_report

NONNEG = rns.XSD.nonNegativeInteger
FILE = "A-HRC-44-28.txt"
TEXT = (corpus_dir() / FILE).read_text(encoding="utf-8")
# 1. 人权理事会在 2019 年 7 月 11 日第 41/3 号决议中，请联合国人权事务高级专员编写一份报告…
SENTENCE = "人权理事会在 2019 年 7 月 11 日第 41/3 号决议中，请联合国人权事务高级"

KEY = document_key(FILE, "A/HRC/44/28", "zh", None)  # the document's symbol and language
DOC = document_uri(KEY)
HRC = entity_uri("Actor", "human-rights-council")
HIGH_COMMISSIONER = entity_uri("Actor", "high-commissioner")
RESOLUTION = entity_uri("Resolution", "A/HRC/RES/41/3")
CHARTER = entity_uri("Instrument", "un-charter")
GOAL = entity_uri("SDGGoal", "17")
TARGET = entity_uri("SDGTarget", "17.2")


def span(surface: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(surface, start)
    return begin, begin + len(surface)


def add_mention(g: Graph, entity: URIRef, surface: str, start: int = 0) -> URIRef:
    begin, end = span(surface, start)
    node = mention_uri(KEY, begin, end)
    g.add((node, RDF.type, HR.Mention))
    g.add((node, HR.inDocument, DOC))
    g.add((node, NIF.referenceContext, DOC))
    g.add((node, NIF.beginIndex, Literal(begin, datatype=NONNEG)))
    g.add((node, NIF.endIndex, Literal(end, datatype=NONNEG)))
    g.add((node, NIF.anchorOf, Literal(TEXT[begin:end])))
    g.add((node, HR.denotes, entity))
    g.add((node, HR.extractedBy, Literal("test")))
    g.add((DOC, HR.mentions, entity))
    return node


def add_entity(g: Graph, uri: URIRef, classes: tuple[URIRef, ...], zh: str, en: str) -> None:
    for cls in classes:
        g.add((uri, RDF.type, cls))
    g.add((uri, SKOS.prefLabel, Literal(zh, lang="zh")))
    g.add((uri, SKOS.prefLabel, Literal(en, lang="en")))


def build_parts() -> tuple[Graph, Graph]:
    """(entities, document): the canonical entities and the document's own graph."""
    entities, doc = bind_prefixes(Graph()), bind_prefixes(Graph())
    add_entity(entities, HRC, (HR.Actor, HR.SubsidiaryBody), "人权理事会", "Human Rights Council")
    add_entity(entities, HIGH_COMMISSIONER, (HR.Actor, HR.Post),
               "联合国人权事务高级专员", "United Nations High Commissioner for Human Rights")
    add_entity(entities, RESOLUTION, (HR.Resolution,),
               "人权理事会第41/3号决议", "Human Rights Council resolution 41/3")
    entities.add((RESOLUTION, DCTERMS.identifier, Literal("A/HRC/RES/41/3")))
    add_entity(entities, CHARTER, (HR.Instrument, HR.Charter),
               "联合国宪章", "Charter of the United Nations")
    entities.add((CHARTER, SKOS.altLabel, Literal("宪章", lang="zh")))
    for uri, cls, number, zh in ((GOAL, HR.SDGGoal, "17", "可持续发展目标17"),
                                 (TARGET, HR.SDGTarget, "17.2", "可持续发展目标17.2")):
        add_entity(entities, uri, (cls, HR.SDG), zh, f"SDG {number}")
        entities.add((uri, DCTERMS.identifier, Literal(number)))
        entities.add((uri, SKOS.exactMatch, SDG[number]))
    entities.add((TARGET, HR.partOfGoal, GOAL))

    for cls in (HR.Document, HR.ReportDocument, NIF.Context, PROV.Entity):
        doc.add((DOC, RDF.type, cls))
    doc.add((DOC, HR.sourceFile, Literal(FILE)))
    doc.add((DOC, DCTERMS.title, Literal("落实和加强人权领域的国际合作", lang="zh")))
    doc.add((DOC, DCTERMS.language, Literal("zh", datatype=rns.XSD.language)))
    doc.add((DOC, DCTERMS.identifier, Literal("A/HRC/44/28")))
    doc.add((DOC, DCTERMS.date, Literal("2020", datatype=rns.XSD.gYear)))
    doc.add((DOC, HR.session, Literal("44")))
    doc.add((DOC, HR.sha256, Literal(hashlib.sha256(TEXT.encode("utf-8")).hexdigest())))
    doc.add((DOC, HR.characterCount, Literal(len(TEXT), datatype=NONNEG)))
    doc.add((DOC, HR.issuedBy, HRC))
    add_mention(doc, HRC, "人权理事会")
    sentence_begin, sentence_end = span(SENTENCE)
    add_mention(doc, HRC, "人权理事会", sentence_begin)
    add_mention(doc, RESOLUTION, "第 41/3 号决议")
    add_mention(doc, HIGH_COMMISSIONER, "联合国人权事务高级专员", sentence_begin)
    add_mention(doc, CHARTER, "联合国宪章")
    add_mention(doc, GOAL, "可持续发展目标 17")
    for subject, predicate, obj in ((RESOLUTION, HR.adoptedBy, HRC),
                                    (RESOLUTION, HR.requests, HIGH_COMMISSIONER)):
        doc.add((subject, predicate, obj))
        node = evidence_uri(subject, predicate, obj, KEY, sentence_begin)
        for cls in (HR.Evidence, RDF.Statement, PROV.Entity):
            doc.add((node, RDF.type, cls))
        doc.add((node, RDF.subject, subject))
        doc.add((node, RDF.predicate, predicate))
        doc.add((node, RDF.object, obj))
        doc.add((node, HR.inDocument, DOC))
        doc.add((node, NIF.beginIndex, Literal(sentence_begin, datatype=NONNEG)))
        doc.add((node, NIF.endIndex, Literal(sentence_end, datatype=NONNEG)))
        doc.add((node, NIF.anchorOf, Literal(TEXT[sentence_begin:sentence_end])))
        doc.add((node, HR.extractedBy, Literal("resolution-requests")))
        doc.add((node, HR.confidence, Literal("0.90", datatype=rns.XSD.decimal)))
    return entities, doc


def valid_graph() -> Graph:
    entities, doc = build_parts()
    return entities + doc


def results(report: ValidationReport, focus: URIRef, path: URIRef | None = None) -> set[URIRef]:
    """The constraints that ``focus`` (along ``path``) violated."""
    return {
        v.constraint for v in report.violations
        if v.focus == focus and (path is None or v.path == path) and v.severity == "Violation"
    }


def violated(graph: Graph, focus: URIRef, path: URIRef | None = None) -> set[URIRef]:
    return results(validate_graph(graph), focus, path)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return valid_graph()


def test_valid_graph_conforms(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.violations == [], format_report(report)
    assert report.conforms
    assert report.triples == len(graph)


def split_dataset() -> Dataset:
    """The valid graph as a build writes it: entities in the default graph, the rest in the
    document's graph."""
    entities, doc = build_parts()
    dataset = bind_prefixes(Dataset())
    dataset.default_graph.__iadd__(entities)
    dataset.graph(document_graph_uri(KEY)).__iadd__(doc)
    return dataset


def test_dataset_is_validated_as_union_of_its_graphs() -> None:
    entities, doc = build_parts()
    report = validate_graph(split_dataset())
    assert report.conforms, format_report(report)
    assert report.triples == len(entities + doc)


def test_missing_source_file(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((DOC, HR.sourceFile, None))
    report = validate_graph(broken)
    assert not report.conforms
    assert results(report, DOC, HR.sourceFile) == {SH.MinCountConstraintComponent}


def test_source_file_with_folder(graph: Graph) -> None:
    broken = graph + Graph()
    broken.set((DOC, HR.sourceFile, Literal("corpus/" + FILE)))
    assert violated(broken, DOC, HR.sourceFile) == {SH.PatternConstraintComponent}


def test_resolution_without_identifier(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((RESOLUTION, DCTERMS.identifier, None))
    report = validate_graph(broken)
    assert results(report, RESOLUTION, DCTERMS.identifier) == {SH.MinCountConstraintComponent}


@pytest.mark.parametrize("symbol", ["A/HRC/RES/41/3/", "a/hrc/res/41/3", "人权理事会第41/3号决议",
                                    "A/HRC/RES 41/3", "A/HRC/41/3"])
def test_malformed_resolution_symbol(graph: Graph, symbol: str) -> None:
    broken = graph + Graph()
    broken.set((RESOLUTION, DCTERMS.identifier, Literal(symbol)))
    assert violated(broken, RESOLUTION, DCTERMS.identifier) == {
        SH.PatternConstraintComponent
    }


@pytest.mark.parametrize("symbol", ["A/RES/217(III)", "S/RES/2719(2023)", "E/RES/1996/31",
                                    "A/RES/ES-10/19", "A/DEC/73/547"])
def test_well_formed_resolution_symbols(graph: Graph, symbol: str) -> None:
    changed = graph + Graph()
    changed.set((RESOLUTION, DCTERMS.identifier, Literal(symbol)))
    report = validate_graph(changed)
    assert report.conforms, format_report(report)
    # the URI no longer derives from the symbol: a warning, not a violation
    assert [v.constraint for v in report.violations] == [SH.SPARQLConstraintComponent]
    assert report.violations[0].severity == "Warning"


@pytest.mark.parametrize("number", ["18", "0", "17.", "17.x1", "17 "])
def test_malformed_sdg_goal_number(graph: Graph, number: str) -> None:
    broken = graph + Graph()
    broken.set((GOAL, DCTERMS.identifier, Literal(number)))
    assert SH.PatternConstraintComponent in violated(broken, GOAL, DCTERMS.identifier)


@pytest.mark.parametrize("number", ["17", "18.1", "17.100", "17.ab"])
def test_malformed_sdg_target_number(graph: Graph, number: str) -> None:
    broken = graph + Graph()
    broken.set((TARGET, DCTERMS.identifier, Literal(number)))
    assert SH.PatternConstraintComponent in violated(broken, TARGET, DCTERMS.identifier)


def test_sdg_link_must_name_its_own_number(graph: Graph) -> None:
    broken = graph + Graph()
    broken.set((TARGET, SKOS.exactMatch, SDG["17.3"]))
    assert violated(broken, TARGET) == {SH.SPARQLConstraintComponent}


def test_sdg_without_un_link(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((GOAL, SKOS.exactMatch, None))
    assert SH.QualifiedMinCountConstraintComponent in violated(
        broken, GOAL, SKOS.exactMatch)


def test_target_in_the_wrong_goal(graph: Graph) -> None:
    other_goal = entity_uri("SDGGoal", "16")
    broken = graph + Graph()
    add_entity(broken, other_goal, (HR.SDGGoal,), "可持续发展目标16", "SDG 16")
    broken.add((other_goal, DCTERMS.identifier, Literal("16")))
    broken.add((other_goal, SKOS.exactMatch, SDG["16"]))
    broken.set((TARGET, HR.partOfGoal, other_goal))
    report = validate_graph(broken)
    assert results(report, TARGET) == {SH.SPARQLConstraintComponent}
    assert [v.message for v in report.violations] == [
        "target 17.2 is part of goal 16, not of the goal its number names"
    ]


def mention_of(graph: Graph, entity: URIRef) -> URIRef:
    return min(graph.subjects(HR.denotes, entity), key=str)


def test_mention_ending_before_it_begins(graph: Graph) -> None:
    mention = mention_of(graph, CHARTER)
    begin = graph.value(mention, NIF.beginIndex).toPython()
    broken = graph + Graph()
    broken.set((mention, NIF.endIndex, Literal(begin - 1, datatype=NONNEG)))
    report = validate_graph(broken)
    assert SH.LessThanConstraintComponent in results(report, mention, NIF.beginIndex)


def test_mention_offsets_must_be_non_negative_integers(graph: Graph) -> None:
    mention = mention_of(graph, CHARTER)
    broken = graph + Graph()
    broken.set((mention, NIF.endIndex, Literal("12")))
    assert violated(broken, mention, NIF.endIndex) == {SH.DatatypeConstraintComponent}


def test_anchor_must_span_the_offsets(graph: Graph) -> None:
    mention = mention_of(graph, CHARTER)
    broken = graph + Graph()
    broken.set((mention, NIF.anchorOf, Literal("《联合国宪章》")))
    assert violated(broken, mention, NIF.anchorOf) == {HRSH.AnchorLengthConstraint}


def test_mention_needs_its_document(graph: Graph) -> None:
    mention = mention_of(graph, CHARTER)
    broken = graph + Graph()
    broken.remove((mention, HR.inDocument, None))
    assert violated(broken, mention, HR.inDocument) == {SH.MinCountConstraintComponent}


def test_document_must_list_what_its_mentions_denote(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((DOC, HR.mentions, CHARTER))
    report = validate_graph(broken)
    assert results(report, DOC, HR.mentions) == {HRSH.MentionedEntityConstraint}
    assert [v.value for v in report.violations] == [CHARTER]


def test_denoted_entity_must_be_typed(graph: Graph) -> None:
    broken = graph + Graph()
    for cls in (HR.Instrument, HR.Charter):
        broken.remove((CHARTER, RDF.type, cls))
    assert violated(broken, CHARTER) == {HRSH.DenotedEntityClassConstraint}


def test_adopted_by_must_point_to_an_actor(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((RESOLUTION, HR.adoptedBy, CHARTER))
    report = validate_graph(broken)
    assert results(report, RESOLUTION, HR.adoptedBy) == {SH.ClassConstraintComponent}
    assert {v.value for v in report.violations} == {CHARTER}


def test_adopted_by_subject_must_be_resolution_or_instrument(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((HIGH_COMMISSIONER, HR.adoptedBy, HRC))
    assert violated(broken, HIGH_COMMISSIONER) == {SH.OrConstraintComponent}


def test_adopted_in_must_point_to_a_resolution(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((CHARTER, HR.adoptedIn, HRC))
    assert violated(broken, CHARTER, HR.adoptedIn) == {SH.ClassConstraintComponent}


def test_requests_from_the_document_itself(graph: Graph) -> None:
    changed = graph + Graph()
    changed.add((DOC, HR.requests, HIGH_COMMISSIONER))
    assert validate_graph(changed).conforms


def test_entity_typed_only_with_a_subclass(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((HRC, RDF.type, HR.Actor))
    report = validate_graph(broken)
    assert results(report, HRC) == {SH.HasValueConstraintComponent}
    assert not report.conforms


def test_entity_with_two_top_classes(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((CHARTER, RDF.type, HR.Actor))
    assert violated(broken, CHARTER, RDF.type) == {
        SH.QualifiedMaxCountConstraintComponent
    }


def test_entity_without_chinese_label(graph: Graph) -> None:
    """Known only in English (an English-only open-world name): allowed; in neither
    Chinese nor English (issue 12: shapes ask a prefLabel in zh or en): a violation."""
    english_only = graph + Graph()
    english_only.remove((HRC, SKOS.prefLabel, Literal("人权理事会", lang="zh")))
    assert violated(english_only, HRC, SKOS.prefLabel) == set()
    broken = english_only + Graph()
    broken.remove((HRC, SKOS.prefLabel, None))
    broken.add((HRC, SKOS.prefLabel, Literal("Conseil des droits de l'homme", lang="fr")))
    assert violated(broken, HRC, SKOS.prefLabel) == {
        SH.QualifiedMinCountConstraintComponent
    }


def test_two_chinese_preferred_labels(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((HRC, SKOS.prefLabel, Literal("理事会", lang="zh")))
    assert violated(broken, HRC, SKOS.prefLabel) == {SH.UniqueLangConstraintComponent}


def test_alternative_label_with_title_marks(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((CHARTER, SKOS.altLabel, Literal("《宪章》", lang="zh")))
    assert violated(broken, CHARTER, SKOS.altLabel) == {SH.PatternConstraintComponent}


def test_evidence_for_a_relation_that_is_not_asserted(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((RESOLUTION, HR.requests, HIGH_COMMISSIONER))
    evidence = broken.value(predicate=RDF.predicate, object=HR.requests)
    assert violated(broken, evidence) == {HRSH.AssertedRelationConstraint}


def test_undeclared_ontology_terms(graph: Graph) -> None:
    broken = graph + Graph()
    broken.add((HRC, HR.adoptedby, RESOLUTION))
    broken.add((CHARTER, RDF.type, HR.Charta))
    report = validate_graph(broken)
    assert {(v.path, v.value) for v in report.violations} == {
        (HR.adoptedby, HR.adoptedby), (RDF.type, HR.Charta)
    }
    assert {v.constraint for v in report.violations} == {HRSH.DeclaredTermConstraint}


def test_report_is_sorted_and_formatted(graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((DOC, HR.sourceFile, None))
    broken.remove((HRC, RDF.type, HR.Actor))
    broken.set((GOAL, DCTERMS.identifier, Literal("18")))
    report = validate_graph(broken)
    again = validate_graph(broken)
    assert report.violations == again.violations
    assert report.violations == sorted(report.violations, key=lambda v: v.sort_key())
    lines = format_report(report).splitlines()
    assert len(lines) == len(report.violations) + 1
    source_file = "Violation: hrid:doc/A/HRC/44/28/zh hr:sourceFile"
    assert any(line.startswith(source_file) for line in lines)
    assert lines[-1].startswith("does not conform: ")


# ---------------------------------------------------------------- reading graphs


def test_open_built_graph_reads_a_folder_s_turtle(tmp_path: Path, graph: Graph) -> None:
    graph.serialize(tmp_path / "graph.ttl", format="turtle")
    loaded = open_built_graph(tmp_path)
    assert len(loaded) == len(graph)


def test_open_built_graph_prefers_the_folder_s_trig(tmp_path: Path) -> None:
    """graph.trig keeps the named graphs; its default graph reads as the union of them."""
    entities, doc = build_parts()
    split_dataset().serialize(tmp_path / "graph.trig", format="trig")
    (tmp_path / "graph.ttl").write_text("this is not turtle", encoding="utf-8")
    loaded = open_built_graph(tmp_path)
    assert isinstance(loaded, Dataset)
    assert document_graph_uri(KEY) in {g.identifier for g in loaded.graphs()}
    assert loaded.value(DOC, HR.sourceFile) == Literal(FILE)  # from the document's graph
    assert len(loaded) == len(entities + doc)
    assert validate_graph(loaded).conforms


def test_open_built_graph_missing(tmp_path: Path) -> None:
    with pytest.raises(HrkgError, match=r"graph\.trig: no such file \(run 'hrkg build' first\)"):
        open_built_graph(tmp_path)
    with pytest.raises(HrkgError, match=r"nowhere\.trig: no such file or folder"):
        open_built_graph(tmp_path / "nowhere.trig")


def test_unparseable_graph_names_file_and_line(tmp_path: Path, graph: Graph) -> None:
    text = graph.serialize(format="turtle")
    lines = text.splitlines()
    lines.insert(5, "hrid:x hr:sourceFile \"unterminated .")
    (tmp_path / "graph.ttl").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(HrkgError, match=r"graph\.ttl: line 6: invalid turtle"):
        open_built_graph(tmp_path)


@pytest.mark.parametrize(("name", "content", "error"), [
    ("graph.trig", "<urn:a> <urn:b> { <urn:c> ", r"graph\.trig: .*invalid trig"),
    ("graph.nq", "<urn:a> <urn:b> <urn:c> <urn:d> <urn:e> .\n", r"graph\.nq: .*nquads"),
    ("graph.ttl", "\udcff", r"graph\.ttl: "),
    ("graph.csv", "a,b\n", r"graph\.csv: not an RDF file \(expected \.jsonld, \.nq"),
])
def test_open_built_graph_names_a_bad_file(tmp_path: Path, name: str, content: str,
                                           error: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(HrkgError, match=error):
        open_built_graph(path)


def test_built_graph_trig_file_validates(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    split_dataset().serialize(path, format="trig")
    assert validate_graph(open_built_graph(path)).conforms


# ---------------------------------------------------------------- command line


def run_validate(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    validate_command.add_arguments(parser)
    return validate_command.run(parser.parse_args([str(a) for a in argv]))


def test_command_exit_codes(tmp_path: Path, graph: Graph, capsys: pytest.CaptureFixture) -> None:
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    graph.serialize(good / "graph.ttl", format="turtle")
    broken = graph + Graph()
    broken.remove((DOC, HR.sourceFile, None))
    broken.serialize(bad / "graph.ttl", format="turtle")

    assert run_validate(good) == 0
    assert "conforms: 0 violations" in capsys.readouterr().out
    assert run_validate(bad) == 1
    assert "hr:sourceFile" in capsys.readouterr().out
    assert run_validate(bad / "graph.ttl") == 1
    assert run_validate(tmp_path / "missing") == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "broken.ttl").write_text("hrid:x hr:y", encoding="utf-8")
    assert run_validate(tmp_path / "broken.ttl") == 2


def test_command_shapes_override(tmp_path: Path, graph: Graph) -> None:
    broken = graph + Graph()
    broken.remove((DOC, HR.sourceFile, None))
    path = tmp_path / "graph.ttl"
    broken.serialize(path, format="turtle")
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix hr: <https://w3id.org/hrkg/ontology#> .\n"
        "<urn:x:TitleShape> a sh:NodeShape ; sh:targetClass hr:Document ;\n"
        "  sh:property [ sh:path <http://purl.org/dc/terms/title> ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    assert run_validate(path, "--shapes", shapes, "--quiet") == 0
    assert run_validate(path, "--shapes", tmp_path / "nope.ttl", "--quiet") == 2


_SIBLINGS = ("build", "validate", "evaluate", "query", "serve", "map")


@pytest.mark.skipif(
    any(importlib.util.find_spec(f"hrkg.commands.{name}") is None for name in _SIBLINGS),
    reason="not every hrkg sub-command exists yet",
)
def test_cli_main_dispatches_to_validate(tmp_path: Path, graph: Graph) -> None:
    from hrkg.cli import main

    graph.serialize(tmp_path / "graph.ttl", format="turtle")
    assert main(["validate", str(tmp_path), "--quiet"]) == 0
    assert main(["validate", str(tmp_path / "missing")]) == 2
