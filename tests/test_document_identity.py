"""Document identity (issue 15, point 2): two files never become one node; a document is
known by its UN symbol + language, else by its path under the build root."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, run_cli
from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from hrkg.graph.identity import build_root, document_key, relative_path
from hrkg.graph.namespaces import HR, HRID
from hrkg.ontology.version import ontology_version


def test_keys_are_ascii_and_one_to_one(tmp_path: Path) -> None:
    assert document_key("x/A-HRC-44-28.txt", "A/HRC/44/28", "zh", None) == "A/HRC/44/28/zh"
    assert document_key("x/r.txt", "A/RES/217(III)", "zh", None) == "A/RES/217%28III%29/zh"
    assert document_key(tmp_path / "人权报告.txt", None, "zh", tmp_path) == \
        "file/%E4%BA%BA%E6%9D%83%E6%8A%A5%E5%91%8A.txt/zh"
    assert document_key(tmp_path / "a" / "report.txt", None, "zh", tmp_path) == \
        "file/a/report.txt/zh"
    assert document_key(tmp_path / "a%20b.txt", None, "zh", tmp_path) == "file/a%2520b.txt/zh"
    assert document_key(tmp_path / "a.txt", None, None, tmp_path) == "file/a.txt"
    (tmp_path / "a").mkdir()
    assert build_root([tmp_path / "a", tmp_path / "b" / "x.txt"]) == tmp_path
    assert relative_path(tmp_path / "a" / "report.txt", tmp_path / "a") == "report.txt"


@pytest.fixture(scope="module")
def identity_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int, str]:
    """人权报告.txt, 发展报告.txt, a/report.txt, b/report.txt (real text, the last two the same
    bytes) and two files of A/HRC/44/28 in Chinese."""
    root = tmp_path_factory.mktemp("identity")
    corpus = root / "corpus"
    text = (CORPUS / "highest-aspiration-2020.txt").read_text(encoding="utf-8")[:4000]
    other = (CORPUS / "highest-aspiration-2020-from-pdf.txt").read_text(encoding="utf-8")[4000:8000]
    report = (CORPUS / "A-HRC-44-28.txt").read_text(encoding="utf-8")[:5000]
    for name, body in (("人权报告.txt", text), ("发展报告.txt", other), ("a/report.txt", text),
                       ("b/report.txt", text), ("A-HRC-44-28.txt", report),
                       ("z/A_HRC_44_28.md", report)):
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(body, encoding="utf-8")
    out = root / "out"
    import contextlib
    import io

    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        code = run_cli("build", corpus, "--out", out, "--quiet", "--no-map", "--no-store")
    return corpus, out, code, errors.getvalue()


def documents(out: Path) -> dict[str, str]:
    dataset = Dataset(default_union=True)
    dataset.parse(out / "graph.trig", format="trig")
    return {str(doc): str(dataset.value(doc, HR.sourceFile))
            for doc in dataset.subjects(RDF.type, HR.Document)}


def test_chinese_names_and_same_names_in_two_folders_are_separate(identity_build) -> None:
    _, out, _, _ = identity_build
    found = documents(out)
    file = HRID["doc/file/"]
    assert found == {
        f"{file}%E4%BA%BA%E6%9D%83%E6%8A%A5%E5%91%8A.txt/zh": "人权报告.txt",
        f"{file}%E5%8F%91%E5%B1%95%E6%8A%A5%E5%91%8A.txt/zh": "发展报告.txt",
        f"{file}a/report.txt/zh": "report.txt",
        f"{file}b/report.txt/zh": "report.txt",
        str(HRID["doc/A/HRC/44/28/zh"]): "A-HRC-44-28.txt",
    }
    assert all(iri.isascii() for iri in found)


def test_two_files_of_one_symbol_and_language_are_an_error_naming_both(identity_build) -> None:
    corpus, _, code, errors = identity_build
    assert code == 1
    lines = [line for line in errors.splitlines() if "same document" in line]
    assert len(lines) == 1, errors
    assert str(corpus / "z" / "A_HRC_44_28.md") in lines[0]
    assert str(corpus / "A-HRC-44-28.txt") in lines[0]
    assert "A/HRC/44/28" in lines[0]


def test_document_graphs_and_build_follow_the_identity(identity_build) -> None:
    _, out, _, _ = identity_build
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs()}
    assert str(HRID["graph/A/HRC/44/28/zh"]) in graphs
    assert str(HRID["graph/file/a/report.txt/zh"]) in graphs
    union = Dataset(default_union=True)
    union.parse(out / "graph.trig", format="trig")
    activity = next(union.subjects(RDF.type, PROV.Activity))
    assert union.value(activity, DCTERMS.conformsTo) == URIRef(ontology_version().version_iri)
    for doc in union.subjects(RDF.type, HR.Document):
        key = str(doc).removeprefix(str(HRID["doc/"]))
        assert (HRID[f"graph/{key}"], PROV.wasDerivedFrom, doc) in union
        assert (activity, PROV.used, doc) in union


def test_two_language_versions_built_in_two_runs_stay_two_documents(tmp_path: Path) -> None:
    """zh/note.txt and en/note.txt, unnumbered, each built alone (each folder its own root):
    loaded together, the two graphs hold two documents, one per language."""
    from rdflib import Graph

    chinese = (CORPUS / "highest-aspiration-2020.txt").read_text(encoding="utf-8")[:3000]
    english = ("The Human Rights Council recalls the Universal Declaration of Human Rights and "
               "requests the Office of the United Nations High Commissioner for Human Rights "
               "to report on the right to development.\n") * 3
    union = Graph()
    for language, text in (("zh", chinese), ("en", english)):
        folder = tmp_path / language
        folder.mkdir()
        (folder / "note.txt").write_text(text, encoding="utf-8")
        out = tmp_path / f"out-{language}"
        assert run_cli("build", folder, "--out", out, "--quiet", "--no-map", "--no-store") == 0
        union.parse(out / "graph.ttl", format="turtle")
    found = {str(doc): str(union.value(doc, DCTERMS.language))
             for doc in union.subjects(RDF.type, HR.Document)}
    assert found == {str(HRID["doc/file/note.txt/zh"]): "zh",
                     str(HRID["doc/file/note.txt/en"]): "en"}
