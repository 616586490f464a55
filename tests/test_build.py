"""End-to-end: `hrkg build` on the bundled corpus and on bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CORPUS, run_cli
from rdflib import Graph
from rdflib.namespace import PROV, RDF

from hrkg.extract.reading.ingest import read_source
from hrkg.graph.namespaces import HR, NIF
from hrkg.graph.validate import validate_graph

CONTRACT_CLASSES = ["Document", "Actor", "Group", "Instrument", "Publication", "Resolution",
                    "UNDocument", "SDGGoal", "Right", "Mention", "Mechanism"]


def test_outputs_exist_and_nothing_half_written(demo_out: Path) -> None:
    for name in ("graph.ttl", "graph.trig", "map.html", "report.json"):
        assert (demo_out / name).stat().st_size > 0, name
    assert not [p for p in demo_out.iterdir() if p.name.endswith(".tmp")]


def test_turtle_parses_with_rapper(demo_out: Path) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("rapper (raptor2-utils) is not installed: run `make system-deps`")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(demo_out / "graph.ttl")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower()
    done = subprocess.run([rapper, "-i", "trig", "-c", str(demo_out / "graph.trig")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_graph_conforms_to_shapes(demo_graph: Graph) -> None:
    report = validate_graph(demo_graph)
    assert report.conforms, "\n".join(str(v) for v in report.violations[:20])


def test_every_contract_class_is_populated(demo_graph: Graph) -> None:
    for name in CONTRACT_CLASSES:
        assert next(demo_graph.subjects(RDF.type, HR[name]), None) is not None, name


def _sources() -> dict[str, str]:
    return {p.name: read_source(p).text for p in CORPUS.glob("*.txt")}


def test_every_mention_cuts_its_anchor_from_the_original(demo_graph: Graph) -> None:
    texts = _sources()
    files = {d: str(f) for d, f in demo_graph.subject_objects(HR.sourceFile)}
    mentions = list(demo_graph.subjects(RDF.type, HR.Mention))
    assert len(mentions) > 500
    for mention in mentions:
        begin = int(demo_graph.value(mention, NIF.beginIndex))
        end = int(demo_graph.value(mention, NIF.endIndex))
        text = texts[files[demo_graph.value(mention, HR.inDocument)]]
        assert text[begin:end] == str(demo_graph.value(mention, NIF.anchorOf)), mention


def test_every_relation_has_evidence_cut_from_the_original(demo_graph: Graph) -> None:
    texts = _sources()
    files = {d: str(f) for d, f in demo_graph.subject_objects(HR.sourceFile)}
    evidence = list(demo_graph.subjects(RDF.type, HR.Evidence))
    assert evidence
    for node in evidence:
        s, p, o = (demo_graph.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in demo_graph
        begin = int(demo_graph.value(node, NIF.beginIndex))
        end = int(demo_graph.value(node, NIF.endIndex))
        text = texts[files[demo_graph.value(node, HR.inDocument)]]
        assert text[begin:end] == str(demo_graph.value(node, NIF.anchorOf))


def test_build_is_byte_identical_across_runs(demo_out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("build", "--out", again, "--quiet", "--no-map", "--no-store") == 0
    assert (again / "graph.ttl").read_bytes() == (demo_out / "graph.ttl").read_bytes()
    assert (again / "graph.trig").read_bytes() == (demo_out / "graph.trig").read_bytes()


def test_provenance_names_every_input_with_its_hash(demo_graph: Graph, corpus_files) -> None:
    import hashlib

    activity = next(demo_graph.subjects(RDF.type, PROV.Activity))
    used = set(demo_graph.objects(activity, PROV.used))
    assert len(used) == len(corpus_files)
    hashes = {str(demo_graph.value(doc, HR.sha256)) for doc in used}
    assert hashes == {hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_files}
    assert demo_graph.value(activity, PROV.endedAtTime) is not None


def test_report_counts_documents_and_classes(demo_out: Path) -> None:
    report = json.loads((demo_out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["documents"] == 4
    assert report["errors"] == []
    by_file = {d["file"]: d for d in report["documents"]}
    assert by_file["A-HRC-44-28.txt"]["symbol"] == "A/HRC/44/28"
    assert by_file["A-HRC-44-28.txt"]["entities"]["Resolution"] >= 5
    assert set(report["timings_seconds"]) >= {"extract", "graph", "serialize", "total"}


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(CORPUS / "A-HRC-44-28.txt", folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    out = tmp_path / "out"
    code = run_cli("build", folder, "--out", out, "--quiet", "--no-map", "--no-store")
    err = capsys.readouterr().err
    assert code == 1
    for name in ("empty.txt", "binary.txt", "broken.pdf"):
        line = next(line for line in err.splitlines() if name in line)
        assert line.startswith("hrkg build: error:")
    assert "Traceback" not in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in report["documents"]] == ["A-HRC-44-28.txt"]
    assert len(report["errors"]) == 3


def test_missing_path_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code = run_cli("build", tmp_path / "nope.txt", "--out", tmp_path / "out", "--quiet")
    err = capsys.readouterr().err
    assert code == 1
    assert "nope.txt" in err and "Traceback" not in err


def test_every_relation_triple_read_from_a_document_has_evidence(demo_dataset) -> None:
    from rdflib.namespace import DCTERMS

    from hrkg.graph.namespaces import HRID

    relations = (HR.adoptedBy, HR.adoptedIn, HR.requests, DCTERMS.creator, HR.citesArticle)
    checked = 0
    for graph in demo_dataset.graphs():
        name = str(graph.identifier)
        if not name.startswith(str(HRID["graph/"])) or name.rsplit("/", 1)[-1] in (
                "background", "build", "comention"):
            continue
        stated = {(s, p, o) for p in relations for s, o in graph.subject_objects(p)}
        evidenced = {(graph.value(e, RDF.subject), graph.value(e, RDF.predicate),
                      graph.value(e, RDF.object)) for e in graph.subjects(RDF.type, HR.Evidence)}
        assert stated <= evidenced, sorted(stated - evidenced)[:5]
        checked += len(stated)
    assert checked > 50


def test_national_bodies_point_to_their_state(demo_graph: Graph) -> None:
    """A Liberian ministry is Liberia's in the graph: dcterms:spatial to the State node."""
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, SKOS

    label = Literal("利比里亚司法部", lang="zh")
    ministry = demo_graph.value(predicate=SKOS.prefLabel, object=label)
    assert ministry is not None
    state = demo_graph.value(ministry, DCTERMS.spatial)
    assert (state, SKOS.prefLabel, Literal("利比里亚", lang="zh")) in demo_graph


def test_every_registered_writer_wrote_its_files(demo_out: Path) -> None:
    from hrkg.exports.registry import LAYOUTS, WRITERS, writers

    assert list(WRITERS) == ["turtle", "nq", "shards", "store", "sentences", "map", "report"]
    report = json.loads((demo_out / "report.json").read_text(encoding="utf-8"))
    for writer in writers(name for name in WRITERS if name not in LAYOUTS["files"]):
        for name in writer.files:
            assert (demo_out / name).exists(), (writer.name, name)
        assert writer.name in report["outputs"]


def test_a_build_runs_the_chosen_writers_in_registry_order(tmp_path: Path) -> None:
    from hrkg.build import Builder
    from hrkg.core.errors import HrkgError
    from hrkg.exports.registry import writers

    assert [w.name for w in writers(["report", "turtle"])] == ["turtle", "report"]
    # a format written on request runs after the every-build writers, before the report
    assert [w.name for w in writers(["report", "gexf", "turtle"])] == ["turtle", "gexf", "report"]
    with pytest.raises(HrkgError, match="unknown output xlsx"):
        writers(["xlsx"])
    out = tmp_path / "out"
    result = Builder(out, outputs=["report", "turtle"]).run([CORPUS / "A-HRC-44-28.txt"])
    written = ["graph.trig", "graph.ttl", "report.json"]
    # the writers' files are in the current generation; out/ links each name through current
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".cache", ".generations", ".lock", "current", *written])
    assert sorted(p.name for p in (out / "current").iterdir()) == written
    for name in written:
        assert os.readlink(out / name) == f"current/{name}"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(report["outputs"]) == ["report", "trig", "turtle"]
    assert report["triples"] == result.triple_count > 0
    assert report["timings_seconds"]["serialize"] <= report["timings_seconds"]["total"]
