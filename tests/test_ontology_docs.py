"""The ontology documentation (docs/ontology/): up to date with the ontology files, core
first, every term and alignment on the page, each shape in plain words, nothing loaded
from the network; and in headless Chromium (file://, networking off): no console error,
no request but the page itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import OWL, RDF, URIRef
from rdflib.namespace import SH
from support.browser import HeadlessChromium, find_chromium

from hrkg.ontology.docs import (
    FILE_LINKS,
    ONTOLOGY_PAGE,
    SHAPES_PAGE,
    main,
    pages,
    render_ontology_page,
    render_shapes_page,
)
from hrkg.ontology.docs_model import ontology_doc
from hrkg.ontology.shapes_doc import count_words
from hrkg.ontology.sources import ONTOLOGY_IRI, published_graph, shapes_graph, terms_graph

HR = ONTOLOGY_IRI + "#"
LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
           "object": "data", "embed": "src", "audio": "src", "video": "src"}


class Page(HTMLParser):
    """Ids, anchors and everything a browser would load by itself."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.loads: list[str] = []
        self.anchors: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"])
        if tag in LOADING and values.get(LOADING[tag]):
            self.loads.append(values[LOADING[tag]])
        if tag == "a" and values.get("href"):
            self.anchors.append(values["href"])


@pytest.fixture(scope="module")
def docs_dir(repo_root: Path) -> Path:
    return repo_root / "docs" / "ontology"


def test_committed_pages_are_up_to_date(docs_dir: Path) -> None:
    """`make docs` was run after the last change to the ontology, shapes or templates."""
    for name, html in pages().items():
        assert (docs_dir / name).read_text(encoding="utf-8") == html, f"run `make docs` ({name})"


def test_check_mode_finds_stale_pages(tmp_path: Path) -> None:
    assert main([str(tmp_path), "--check"]) == 1
    assert main([str(tmp_path)]) == 0
    assert main([str(tmp_path), "--check"]) == 0
    (tmp_path / SHAPES_PAGE).write_text("old", encoding="utf-8")
    assert main([str(tmp_path), "--check"]) == 1


def test_pages_load_nothing_from_outside() -> None:
    for html in (render_ontology_page(), render_shapes_page()):
        page = Page(html)
        assert all(url.startswith("data:") for url in page.loads), page.loads
        assert "<script" not in html and "@import" not in html and "url(" not in html
        assert "default-src 'none'" in html  # and the browser would block it anyway


def test_the_core_comes_first_and_is_the_hr_core_terms() -> None:
    html = render_ontology_page()
    core = {str(t)[len(HR):] for t in terms_graph().subjects(URIRef(HR + "core"), None)}
    core_section = html.split('<section id="core-terms">', 1)[1].split("</section>", 1)[0]
    table = core_section.split("</table>", 1)[0]
    assert set(re.findall(r'<td><a class="curie" href="#(\w+)">', table)) == core
    assert html.index('<section id="core-terms">') < html.index('<section id="classes">')
    for name in core:  # described once, in the core section
        assert html.count(f'<article class="term core" id="{name}">') == 1
        assert f'id="{name}"' in core_section


def test_every_term_has_an_anchor_and_every_hr_link_resolves() -> None:
    html = render_ontology_page()
    page = Page(html)
    graph = terms_graph()
    declared = {str(t)[len(HR):] for kind in (OWL.Class, OWL.ObjectProperty,
                                               OWL.DatatypeProperty, OWL.AnnotationProperty)
                for t in graph.subjects(RDF.type, kind) if str(t).startswith(HR)}
    assert declared <= set(page.ids)
    assert len(page.ids) == len(set(page.ids))  # no duplicate id
    for href in page.anchors:
        if href.startswith("#"):
            assert href[1:] in page.ids, href
    assert {h for h in page.anchors if not h.startswith(("#", "http"))} == {
        href for _, href in FILE_LINKS.downloads} | {FILE_LINKS.shapes}


def test_every_alignment_is_listed_with_its_reason() -> None:
    html = render_ontology_page()
    doc = ontology_doc(published_graph())
    section = html.split('<section id="alignments">', 1)[1].split("</section>", 1)[0]
    assert section.count("<tr>") == len(doc.alignments) + 1  # and the header row
    for alignment in doc.alignments:
        assert alignment.reason_en.replace("'", "&#39;") in section, alignment


def test_every_shape_is_described_in_plain_words() -> None:
    html = render_shapes_page()
    graph = shapes_graph()
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
                            SH.targetNode) for s in graph.subjects(p, None)}
    page = Page(html)
    for shape in targeted:
        name = str(shape).rsplit("#", 1)[-1]
        assert name in page.ids, name
        article = html.split(f'id="{name}">', 1)[1].split("</article>", 1)[0]
        assert "<strong>Requires:</strong>" in article and "<li>" in article, name
    sample = html.split('id="Document-sourceFile">', 1)[1].split("</article>", 1)[0]
    assert "exactly one value" in sample and "a literal of type xsd:string" in sample


def test_counts_in_words() -> None:
    assert count_words(1, 1) == "exactly one value"
    assert count_words(1, None) == "at least one value"
    assert count_words(None, 1) == "at most one value"
    assert count_words(2, 5) == "between 2 and 5 values"
    assert count_words(None, None) is None


@pytest.mark.browser
@pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed")
@pytest.mark.parametrize("name", [ONTOLOGY_PAGE, SHAPES_PAGE])
def test_pages_open_offline_in_chromium(docs_dir: Path, tmp_path: Path, name: str) -> None:
    pytest.importorskip("websocket", reason="websocket-client is not installed")
    page = docs_dir / name
    with HeadlessChromium(timeout=60) as browser:
        browser.open(page.resolve().as_uri())
        browser.wait_for("document.readyState === 'complete'")
        sections = browser.evaluate("document.querySelectorAll('section').length")
        core_rows = browser.evaluate("document.querySelectorAll('#core-terms tbody tr').length")
        width = browser.evaluate("document.documentElement.scrollWidth")
        browser.screenshot(tmp_path / f"{name}.png")
    assert browser.log.errors == []
    assert browser.log.remote_requests() == []
    assert page.resolve().as_uri() in browser.log.requests
    assert sections > 5
    assert core_rows == (13 if name == ONTOLOGY_PAGE else 0)
    assert width <= browser.width  # nothing wider than the window
