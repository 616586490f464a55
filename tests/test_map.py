"""Maps: the networkx projection, the three views, and the HTML (offline, escaped, stable).

The graph is the miniature sample of ``exports/assets/map-sample.json``: real sentences
and offsets from two bundled corpus files.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from support.map_samples import (
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    hostile_sample_graph,
    sample_graph,
    synthetic_graph,
)

from hrkg.cli import main
from hrkg.core.errors import HrkgError
from hrkg.core.paths import corpus_dir
from hrkg.graph.namespaces import HR
from hrkg.graph.uris import document_uri, entity_uri, slug
from hrkg.maps.draw import display_text, render_map, write_map
from hrkg.maps.lookup import find_document, find_node
from hrkg.maps.measures import simple_graph
from hrkg.maps.project import project
from hrkg.maps.view import MapView, class_quotas, parse_types, select

DATA_BLOCK = re.compile(r'<script id="hrkg-map-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return sample_graph()


@pytest.fixture(scope="module")
def projection(sample) -> nx.MultiDiGraph:
    return project(sample)


@pytest.fixture(scope="module")
def union(sample) -> Graph:
    """All triples of the sample's graphs in one Graph, for checking the projection."""
    graph = Graph()
    for s, p, o, _ in sample.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def payload(html: str) -> dict:
    return json.loads(DATA_BLOCK.search(html).group(1))


def uri(cls: str, key: str) -> str:
    return str(entity_uri(cls, key))


# --- projection -------------------------------------------------------------------------

def test_projection_has_every_mentioned_entity_and_document_with_its_class(union, projection):
    mentioned = {str(o) for o in union.objects(None, HR.denotes)}
    documents = {str(s) for s in union.subjects(RDF.type, HR.Document)}
    assert set(projection) == mentioned | documents
    assert projection.nodes[uri("Actor", "hrc")]["cls"] == "Actor"
    assert projection.nodes[uri("Actor", "hrc")]["subclass"] == "UNBody"
    assert projection.nodes[uri("Resolution", "A/HRC/RES/41/3")]["identifier"] == "A/HRC/RES/41/3"


def test_node_documents_and_mentions_are_counted_from_the_mentions(union, projection):
    for node, data in projection.nodes(data=True):
        if data["cls"] == "Document":
            continue
        mentions = list(union.subjects(HR.denotes, URIRef(node)))
        files = {str(union.value(union.value(m, HR.inDocument), HR.sourceFile)) for m in mentions}
        assert data["mentions"] == len(mentions)
        assert data["documents"] == tuple(sorted(files))


def test_comention_weights_are_the_graphs_sentence_counts(union, projection):
    expected = {}
    for record in union.subjects(RDF.type, HR.CoMention):
        pair = tuple(sorted(str(o) for o in union.objects(record, HR.coMentioned)))
        expected[pair] = int(union.value(record, HR.sentenceCount))
    found = {(u, v): d["weight"] for u, v, k, d in projection.edges(keys=True, data=True)
             if k == "comention"}
    assert found == expected
    assert len(found) > 10 and max(found.values()) > 1


def test_the_build_map_draws_the_reports_co_mentions(demo_out):
    report = json.loads((demo_out / "report.json").read_text(encoding="utf-8"))
    counted = {tuple(sorted(row["entities"])): row["sentences"] for row in report["co_mentions"]}
    drawn = payload((demo_out / "map.html").read_text(encoding="utf-8"))
    comentions = [e for e in drawn["edges"] if e["hr"]["kind"] == "comention"]
    assert len(comentions) > 50
    for edge in comentions:
        assert edge["hr"]["weight"] == counted[tuple(sorted((edge["from"], edge["to"])))]


def test_typed_relations_carry_their_evidence_sentence_verbatim(projection):
    edge = projection.get_edge_data(uri("Resolution", "A/HRC/RES/41/3"), uri("Actor", "hrc"),
                                    "adoptedBy")
    assert edge["kind"] == "relation"
    [(sentence, file_name)] = edge["evidence"]
    assert file_name == "A-HRC-44-28.txt"
    assert "第 41/3 号决议" in sentence
    assert sentence in (corpus_dir() / file_name).read_text(encoding="utf-8")
    creator = projection.get_edge_data(str(document_uri("A-HRC-44-28.txt")),
                                       uri("Actor", "high-commissioner"), "creator")
    assert creator["evidence"][0][1] == "A-HRC-44-28.txt"


def test_plain_graph_and_dataset_project_the_same(union, projection):
    plain = project(union)
    assert sorted(plain.nodes(data=True)) == sorted(projection.nodes(data=True))
    assert sorted(plain.edges(keys=True)) == sorted(projection.edges(keys=True))


# --- lookups ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("人权理事会", uri("Actor", "hrc")),
    ("human rights council", uri("Actor", "hrc")),
    ("人权高专办", uri("Actor", "ohchr")),  # alias
    ("A/HRC/RES/41/3", uri("Resolution", "A/HRC/RES/41/3")),
    ("“人权理事会”", uri("Actor", "hrc")),  # compared by name_key: quotes carry no meaning
    ("Ａ／ＨＲＣ／ＲＥＳ／４１／３", uri("Resolution", "A/HRC/RES/41/3")),  # full-width forms
    ("《联合国宪章》", uri("Instrument", "un-charter")),
    (uri("Right", "development"), uri("Right", "development")),
])
def test_find_node_by_label_alias_identifier_or_uri(projection, query, expected):
    assert find_node(projection, query) == expected


def test_unknown_entity_error_suggests_near_names(projection):
    with pytest.raises(HrkgError, match="did you mean: .*A/HRC/RES/41/3"):
        find_node(projection, "决议")
    with pytest.raises(HrkgError, match="no entity matches 'zzz'"):
        find_node(projection, "zzz")


def test_find_document_by_path_file_or_symbol(projection):
    doc = str(document_uri("A-HRC-44-28.txt"))
    assert find_document(projection, "A-HRC-44-28.txt") == doc
    assert find_document(projection, "corpus/A-HRC-44-28.txt") == doc
    assert find_document(projection, "A/HRC/44/28") == doc
    with pytest.raises(HrkgError, match="documents in the graph: A-HRC-44-28.txt"):
        find_document(projection, "missing.txt")


# --- views ------------------------------------------------------------------------------

def test_overview_prunes_within_each_class_and_never_drops_a_class(projection):
    classes = {data["cls"] for _, data in projection.nodes(data=True)}
    budget = len(classes) + 3
    selection = select(projection, MapView(max_nodes=budget))
    kept = set(selection.graph)
    assert len(kept) == budget
    assert selection.left_out == projection.number_of_nodes() - budget
    assert {projection.nodes[n]["cls"] for n in kept} == classes  # every class is there
    typed = simple_graph(projection, kinds=("relation",))
    for cls in classes:  # within a class, the nodes with the most typed relations are kept
        members = [n for n in projection if projection.nodes[n]["cls"] == cls]
        weakest_kept = min(typed.degree(n) for n in members if n in kept)
        assert all(typed.degree(n) <= weakest_kept for n in members if n not in kept)


def test_class_quotas_share_the_budget_by_weight():
    counts = {"Document": 4, "Instrument": 70, "Resolution": 25, "Actor": 279, "Group": 59,
              "SDGTarget": 1}
    weights = {"Document": 4, "Instrument": 4, "Resolution": 4}
    quotas = class_quotas(counts, 250, weights)
    assert sum(quotas.values()) == 250
    assert quotas["Document"] == 4 and quotas["Instrument"] == 70 and quotas["Resolution"] == 25
    assert quotas["SDGTarget"] == 1 and quotas["Group"] == 59 and quotas["Actor"] == 91
    assert class_quotas(counts, 6, {}) == {cls: 1 for cls in counts}
    assert sum(class_quotas(counts, 3, weights).values()) == 3


def test_focus_view_is_the_hop_neighbourhood(projection):
    center = uri("Resolution", "A/HRC/RES/41/3")
    one = select(projection, MapView(focus="A/HRC/RES/41/3", hops=1))
    full = simple_graph(projection)
    assert set(one.graph) == {center, *full.neighbors(center)}
    two = select(projection, MapView(focus="A/HRC/RES/41/3", hops=2))
    assert set(one.graph) < set(two.graph)
    assert set(two.graph) == set(nx.ego_graph(full, center, radius=2))
    assert one.center == center and one.distance[center] == 0


def test_document_view_shows_only_what_that_document_mentions(projection):
    selection = select(projection, MapView(doc="highest-aspiration-2020.txt"))
    doc = str(document_uri("highest-aspiration-2020.txt"))
    mentioned = {v for _, v, k in projection.out_edges(doc, keys=True) if k == "mentions"}
    assert set(selection.graph) == {doc} | mentioned
    assert uri("Actor", "ohchr") not in selection.graph  # only in A/HRC/44/28
    comentions = {(u, v): data["weight"] for u, v, key, data
                  in selection.graph.edges(keys=True, data=True) if key == "comention"}
    assert comentions  # co-mentions among what it mentions, counted over the corpus
    for (u, v), weight in comentions.items():
        assert weight == projection.get_edge_data(u, v, "comention")["weight"]


def test_types_and_min_weight_filter_nodes_and_light_comentions(projection):
    selection = select(projection, MapView(types=parse_types("actor, Resolution"),
                                           min_weight=3))
    assert {d["cls"] for _, d in selection.graph.nodes(data=True)} == {"Actor", "Resolution"}
    kinds = {}
    for *_, data in selection.graph.edges(data=True):
        kinds.setdefault(data["kind"], []).append(data["weight"])
    assert min(kinds["comention"]) >= 3
    assert "relation" in kinds  # typed relations are kept whatever their weight
    assert selection.light_edges > 0


def test_view_arguments_are_checked():
    with pytest.raises(HrkgError, match="unknown class in --types: Actors"):
        MapView(types=("Actors",))
    with pytest.raises(HrkgError, match="not both"):
        MapView(focus="大会", doc="x.txt")
    with pytest.raises(HrkgError, match="--hops"):
        MapView(focus="大会", hops=0)


# --- HTML -------------------------------------------------------------------------------

def test_html_is_self_contained_and_allows_no_requests(projection):
    html, _ = render_map(projection, MapView())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "@import" not in html and "bootstrap" not in html.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in directives["script-src"]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for script in scripts:  # every executable script is allowed by its hash, nothing else
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_payload_describes_nodes_and_edges_for_tooltips(projection):
    data = payload(render_map(projection, MapView())[0])
    nodes = {n["id"]: n for n in data["nodes"]}
    hrc = nodes[uri("Actor", "hrc")]
    assert hrc["hr"]["short"] == "人权理事会" and hrc["shape"] == "dot"
    assert hrc["label"] == " "  # the page places the labels
    assert hrc["hr"]["en"] == "Human Rights Council"
    assert hrc["hr"]["docs"] == ["A-HRC-44-28.txt", "highest-aspiration-2020.txt"]
    assert hrc["hr"]["degree"] == simple_graph(projection).degree(uri("Actor", "hrc"))
    biggest = max(data["nodes"], key=lambda n: n["hr"]["degree"])
    assert biggest["size"] == max(n["size"] for n in data["nodes"])
    typed = [e for e in data["edges"] if e["hr"]["kind"] == "relation"]
    assert typed and all(e["arrows"] == "to" and e["label"] for e in typed)
    adopted = next(e for e in typed if e["from"] == uri("Resolution", "A/HRC/RES/41/3")
                   and e["hr"]["rel"] == "adoptedBy")
    assert adopted["hr"]["evidence"][0][1] == "A-HRC-44-28.txt"
    assert "2019年7月11日第41/3号决议" in adopted["hr"]["evidence"][0][0]
    comentions = [e for e in data["edges"] if e["hr"]["kind"] == "comention"]
    assert all("label" not in e for e in comentions)
    assert max(e["width"] for e in comentions) > min(e["width"] for e in comentions)
    assert {c["cls"] for c in data["legend"]["classes"]} == {n["hr"]["cls"] for n in nodes.values()}


def test_communities_are_louvain_groups_of_the_drawn_graph(projection):
    data = payload(render_map(projection, MapView(colour="community"))[0])
    groups = {n["hr"]["community"] for n in data["nodes"]}
    assert data["view"]["colour"] == "community"
    assert len(groups) == data["legend"]["communityCount"] > 1
    sizes = [c["size"] for c in data["legend"]["communities"]]
    assert sizes == sorted(sizes, reverse=True)


def test_same_graph_gives_the_same_bytes_whatever_the_triple_order(sample, tmp_path):
    quads = list(sample.quads((None, None, None, None)))
    shuffled = Dataset()
    for s, p, o, g in reversed(quads):
        shuffled.graph(g).add((s, p, o))
    for view in (MapView(), MapView(focus="大会", hops=2), MapView(doc="A-HRC-44-28.txt")):
        first = write_map(sample, tmp_path / "a.html", view=view)
        second = write_map(shuffled, tmp_path / "b.html", view=view)
        assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
        assert first.nodes == second.nodes > 0


def test_labels_and_evidence_with_markup_are_escaped(tmp_path):
    stats = write_map(hostile_sample_graph(), tmp_path / "map.html")
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    for raw in (HOSTILE_LABEL, "<script>window.__xss", "<b>bold</b>", "<iframe"):
        assert raw not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    data = payload(html)  # the text itself survives, to be shown literally
    hostile = next(n for n in data["nodes"] if n["hr"]["zh"] == HOSTILE_LABEL)
    assert hostile["hr"]["alt"] == ["<script>window.__xss = 2</script>"]
    edge = next(e for e in data["edges"] if e["hr"]["rel"] == "requests"
                and e["from"] == hostile["id"])
    assert edge["hr"]["evidence"] == [[display_text(HOSTILE_SENTENCE), "hostile.txt"]]
    assert stats.nodes == len(data["nodes"])


def test_big_graph_overview_is_pruned_with_a_note(tmp_path):
    big = synthetic_graph(5000, 40)
    stats = write_map(big, tmp_path / "big.html", view=MapView(max_nodes=300))
    data = payload((tmp_path / "big.html").read_text(encoding="utf-8"))
    assert stats.nodes == len(data["nodes"]) == 300
    assert stats.candidates == 5040 and stats.left_out == 4740
    assert data["view"]["leftOut"] == 4740
    assert sum(data["view"]["leftOutByClass"].values()) == 4740
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 150
    assert data["options"]["edges"]["smooth"] is False


def test_display_text_joins_pdf_line_breaks_in_chinese():
    assert display_text("请联合国人权事务高级\n\n专员编写 2019 年报告") == (
        "请联合国人权事务高级专员编写2019年报告")
    assert display_text("a  b\nc") == "a b c"


# --- command line -----------------------------------------------------------------------

@pytest.fixture()
def built(tmp_path, sample) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    sample.serialize(out / "graph.trig", format="trig")
    return out


def test_cli_writes_the_three_views(built, capsys):
    assert main(["map", "--graph", str(built)]) == 0
    assert main(["map", "--graph", str(built), "--focus", "人权理事会", "--hops", "2"]) == 0
    assert main(["map", "--graph", str(built), "--doc", "A-HRC-44-28.txt",
                 "--types", "Actor,Resolution"]) == 0
    printed = capsys.readouterr().out
    doc_path = str(document_uri("A-HRC-44-28.txt")).split("/id/doc/")[1]
    doc_file = f"map-doc-{slug(doc_path)}.html"
    for name in ("map.html", "map-actor-hrc.html", doc_file):
        assert (built / name).is_file() and name in printed
    doc_map = payload((built / doc_file).read_text(encoding="utf-8"))
    assert {n["hr"]["cls"] for n in doc_map["nodes"]} == {"Document", "Actor", "Resolution"}


def test_cli_reports_bad_input_in_one_line(built, tmp_path, capsys):
    assert main(["map", "--graph", str(tmp_path / "nowhere")]) == 1
    assert main(["map", "--graph", str(built), "--focus", "不存在的实体"]) == 1
    assert main(["map", "--graph", str(built), "--types", "Planet"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("hrkg map: error:") for line in errors)
    assert "run 'hrkg build' first" in errors[0]


def test_cli_with_max_nodes_prints_what_was_left_out(built, capsys):
    assert main(["map", "--graph", str(built), "--max-nodes", "5", "-o",
                 str(built / "small.html")]) == 0
    assert "nodes left out" in capsys.readouterr().out
    data = payload((built / "small.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 5 and data["view"]["leftOut"] > 0


def test_an_entity_label_change_changes_the_map(sample, tmp_path):
    write_map(sample, tmp_path / "a.html")
    changed = Dataset()
    for s, p, o, g in sample.quads((None, None, None, None)):
        changed.graph(g).add((s, p, o))
    hrc = entity_uri("Actor", "hrc")
    changed.default_graph.remove((hrc, SKOS.prefLabel, Literal("人权理事会", lang="zh")))
    changed.default_graph.add((hrc, SKOS.prefLabel, Literal("人权理事会（新）", lang="zh")))
    write_map(changed, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() != (tmp_path / "b.html").read_bytes()


def test_edges_per_node_keeps_each_nodes_strongest_comentions(projection):
    def comentions(selection):
        return {(u, v): d["weight"] for u, v, d in selection.graph.edges(data=True)
                if d["kind"] == "comention"}

    every = comentions(select(projection, MapView(edges_per_node=0)))
    backbone = select(projection, MapView(edges_per_node=1))
    kept = comentions(backbone)
    assert len(kept) < len(every) and backbone.weak_edges == len(every) - len(kept)
    for (u, v), weight in kept.items():  # the heaviest co-mention of u or of v
        assert any(weight == max(w for pair, w in every.items() if end in pair)
                   for end in (u, v))
    for node in {end for pair in every for end in pair}:  # every node keeps one
        assert any(node in pair for pair in kept)


def test_versions_of_one_document_are_one_node_with_its_sources(demo_out):
    """The bundled report read from its .txt and from its PDF's text: one document node."""
    from hrkg.graph.files import open_built_graph

    demo = project(open_built_graph(demo_out))
    documents = {n: d for n, d in demo.nodes(data=True) if d["cls"] == "Document"}
    sources = sorted(d["sources"] for d in documents.values())
    assert sources == [("A-79-L.2.txt",), ("A-HRC-44-28.txt",),
                       ("highest-aspiration-2020-from-pdf.txt", "highest-aspiration-2020.txt")]
    [report] = [n for n, d in documents.items() if len(d["sources"]) == 2]
    mentioned = {v for _, v, k in demo.out_edges(report, keys=True) if k == "mentions"}
    assert uri("Instrument", "udhr") in mentioned
    for entity in mentioned:  # no entity is counted in a version that is not drawn
        assert "highest-aspiration-2020-from-pdf.txt" not in demo.nodes[entity]["documents"]
