"""`hrkg query` on the demo graph: query text, .rq files, canned names, formats and errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from hrkg.cli import main
from hrkg.graph.namespaces import HRID
from hrkg.sparql.library import load_library

UDHR = str(HRID["instrument/udhr"])
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"
PREFIXES = ("PREFIX hr: <https://w3id.org/hrkg/ontology#> PREFIX hrid: <https://w3id.org/hrkg/id/> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
LABELS = PREFIXES + ("SELECT ?label WHERE { hrid:instrument\\/udhr skos:prefLabel ?label } "
                     "ORDER BY ?label")


def hrkg_query(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["query", *(str(a) for a in argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_canned_query(capsys):
    code, out, _ = hrkg_query(capsys, "--list")
    assert code == 0
    for name, query in load_library().items():
        assert name in out
        assert query.title.split()[0] in out


def test_canned_query_with_a_parameter_as_a_table(capsys, demo_out):
    code, out, _ = hrkg_query(capsys, "instrument-documents", "--graph", demo_out,
                              "--param", "instrument=Universal Declaration of Human Rights")
    assert code == 0
    assert "A-HRC-44-28.txt" in out and "世界人权宣言" in out
    assert "rows in" in out


def test_inline_query_as_csv_tsv_json_and_xml(capsys, demo_out):
    results = {}
    for fmt in ("csv", "tsv", "json", "xml"):
        code, out, _ = hrkg_query(capsys, LABELS, "--graph", demo_out, "--format", fmt)
        assert code == 0, fmt
        results[fmt] = out
    assert list(csv.reader(io.StringIO(results["csv"]))) == [
        ["label"], ["Universal Declaration of Human Rights"], ["世界人权宣言"]]
    assert results["tsv"].splitlines() == [
        "?label", '"Universal Declaration of Human Rights"@en', '"世界人权宣言"@zh']
    bindings = json.loads(results["json"])["results"]["bindings"]
    assert [(b["label"]["value"], b["label"]["xml:lang"]) for b in bindings] == [
        ("Universal Declaration of Human Rights", "en"), ("世界人权宣言", "zh")]
    literals = ET.fromstring(results["xml"]).iter(f"{SPARQL_RESULTS}literal")
    assert [literal.text for literal in literals] == [
        "Universal Declaration of Human Rights", "世界人权宣言"]


def test_describe_as_turtle(capsys, demo_out):
    code, out, _ = hrkg_query(capsys, f"DESCRIBE <{UDHR}>", "--graph", demo_out,
                              "--format", "ttl")
    assert code == 0
    graph = Graph().parse(data=out, format="turtle")
    assert {str(o) for o in graph.objects(URIRef(UDHR), SKOS.prefLabel)} >= {"世界人权宣言"}


def test_ask_and_construct_tables(capsys, demo_out):
    code, out, _ = hrkg_query(capsys, PREFIXES + "ASK { ?d hr:sourceFile 'A-HRC-44-28.txt' }",
                              "--graph", demo_out)
    assert (code, out.strip()) == (0, "yes")
    code, out, _ = hrkg_query(capsys, PREFIXES + "ASK { ?d hr:sourceFile 'no-such-file.txt' }",
                              "--graph", demo_out)
    assert (code, out.strip()) == (0, "no")
    code, out, _ = hrkg_query(capsys, PREFIXES + f"CONSTRUCT {{ <{UDHR}> skos:prefLabel ?l }} "
                              f"WHERE {{ <{UDHR}> skos:prefLabel ?l }}", "--graph", demo_out)
    assert code == 0 and "2 triples" in out and "世界人权宣言" in out


def test_query_file_with_its_own_parameters(capsys, demo_out, tmp_path: Path):
    rq = tmp_path / "labels.rq"
    rq.write_text("# title: names of one thing\n"
                  "# param: thing (entity) — what to name (default 世界人权宣言)\n"
                  + PREFIXES +
                  "SELECT ?label WHERE { ?thing skos:prefLabel ?label } ORDER BY ?label\n",
                  encoding="utf-8")
    code, out, _ = hrkg_query(capsys, rq, "--graph", demo_out, "--format", "csv")
    assert code == 0 and out.splitlines()[1:] == [
        "Universal Declaration of Human Rights", "世界人权宣言"]
    code, out, _ = hrkg_query(capsys, rq, "--graph", demo_out, "--format", "csv",
                              "--param", "thing=人权理事会")
    assert code == 0 and "Human Rights Council" in out


def test_query_from_stdin(capsys, demo_out, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(LABELS))
    code, out, _ = hrkg_query(capsys, "-", "--graph", demo_out, "--format", "csv")
    assert code == 0 and "世界人权宣言" in out


def test_limit_keeps_the_first_rows(capsys, demo_out):
    code, out, err = hrkg_query(capsys, PREFIXES + "SELECT ?m WHERE { ?m a hr:Mention } "
                                "ORDER BY ?m",
                                "--graph", demo_out, "--format", "csv", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 4
    assert "only the first 3 rows" in err


def test_syntax_error_shows_line_and_column(capsys, demo_out):
    code, out, err = hrkg_query(capsys, "SELECT * WHERE {\n  ?s ?p ?o\n  FILTER(?o = \"x) }",
                                "--graph", demo_out)
    assert code == 1 and out == ""
    assert "syntax error at line 3, column" in err
    assert "Traceback" not in err
    assert '  FILTER(?o = "x) }' in err and "^" in err


def test_undefined_prefix_is_named(capsys, demo_out):
    code, _, err = hrkg_query(capsys, "SELECT * WHERE { ?s ex:p ?o }", "--graph", demo_out)
    assert code == 1
    assert "line 1, column 21: undefined prefix ex:" in err


@pytest.mark.parametrize("text, reason", [
    ("DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
])
def test_updates_and_federated_queries_are_refused(capsys, demo_out, text, reason):
    code, _, err = hrkg_query(capsys, text, "--graph", demo_out)
    assert code == 1 and reason in err
    count = ox.Store.read_only(str(demo_out / "store")).query("ASK { ?s ?p ?o }")
    assert bool(count)


def test_missing_graph_says_how_to_build_it(capsys, tmp_path: Path):
    code, _, err = hrkg_query(capsys, "ASK {}", "--graph", tmp_path / "empty")
    assert code == 1
    assert f"no graph at {tmp_path / 'empty'}/: run `hrkg build` first" in err


def test_unknown_query_name_and_parameter(capsys, demo_out):
    code, _, err = hrkg_query(capsys, "co-mentiond", "--graph", demo_out)
    assert code == 1 and "did you mean co-mentioned" in err
    code, _, err = hrkg_query(capsys, "co-mentioned", "--graph", demo_out, "--param", "x=1")
    assert code == 1 and "has no parameter x (parameters: entity)" in err


def test_unknown_entity_is_reported(capsys, demo_out):
    code, out, err = hrkg_query(capsys, "co-mentioned", "--graph", demo_out,
                                "--param", "entity=不存在的机构", "--format", "csv")
    assert code == 0 and out.strip() == "other,name,class,documents,sentences"
    assert "no entity named '不存在的机构'" in err


def test_show_prints_the_query_with_its_parameters_bound(capsys, demo_out):
    """The shown text is self-contained: run as it is, it answers what the canned query does."""
    code, out, _ = hrkg_query(capsys, "entity-labels", "--show", "--graph", demo_out)
    canned = load_library()["entity-labels"].text
    assert code == 0 and out != canned
    assert f"VALUES ?entity {{ <{UDHR}> }}" in out
    code, shown_rows, _ = hrkg_query(capsys, out, "--graph", demo_out, "--format", "csv")
    code, rows, _ = hrkg_query(capsys, "entity-labels", "--graph", demo_out, "--format", "csv")
    assert code == 0 and shown_rows == rows and len(rows.splitlines()) > 1
    code, out, _ = hrkg_query(capsys, LABELS, "--show")  # no parameters: no store needed
    assert code == 0 and out == LABELS + "\n"


def test_undeclared_prefixes_are_rejected_like_other_engines(capsys, demo_out):
    code, _, err = hrkg_query(capsys, "SELECT ?d WHERE { ?d a hr:Document }", "--graph", demo_out)
    assert code == 1 and "undefined prefix hr: (declare it with PREFIX)" in err


@pytest.mark.parametrize("text", [
    "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "SELECT * WHERE { FILTER (" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?p " * 5000 + "1" + " ]" * 5000 + " }",
])
def test_deep_nesting_is_refused_before_any_parser(capsys, demo_out, text):
    """5,000 nested groups once crashed `hrkg query` (segmentation fault, exit 139)."""
    code, out, err = hrkg_query(capsys, text, "--graph", demo_out)
    assert code == 1 and out == ""
    assert "nests { ( [ more than 24 levels deep" in err
    assert max(len(line) for line in err.splitlines()) < 250
