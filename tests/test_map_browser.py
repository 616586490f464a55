"""Maps in a real browser: headless Chromium, file://, networking off.

Each map must finish drawing (vis-network stabilizes, then the page sets
``window.hrkgMapReady``), log no console error, request nothing but file:// and data:
URLs, and give a screenshot (saved under the test's tmp dir). Text from documents that
contains ``<script>`` or ``<img onerror>`` must show literally and never run.

Needs Debian's chromium (and fonts-noto-cjk for Chinese glyphs in screenshots) and the
websocket-client package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.browser import HeadlessChromium, find_chromium
from support.documents import write_hostile_document
from support.map_samples import (
    HOSTILE_LABEL,
    hostile_sample_graph,
    sample_graph,
    synthetic_graph,
)

from hrkg.cli import main
from hrkg.maps.draw import write_map
from hrkg.maps.view import MapView

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed"),
]
pytest.importorskip("websocket", reason="websocket-client is not installed")

PNG = b"\x89PNG\r\n\x1a\n"
DATA_BLOCK = re.compile(r'<script id="hrkg-map-data" type="application/json">(.*?)</script>', re.S)
PHYSICS_ON = "hrkgMap.network.physics.physicsEnabled"


def payload(html: Path) -> dict:
    return json.loads(DATA_BLOCK.search(html.read_text(encoding="utf-8")).group(1))


def open_map(html: Path, png: Path, *, timeout: float = 90.0) -> tuple[dict, HeadlessChromium]:
    """Open ``html``, wait for the drawn map, screenshot it; the browser stays open."""
    browser = HeadlessChromium(timeout=timeout)
    browser.start()
    try:
        browser.open(html.resolve().as_uri())
        ready = browser.wait_for_map()
        browser.screenshot(png)
    except BaseException:
        browser.close()
        raise
    return ready, browser


def check_drawn_offline(html: Path, png: Path, **kwargs) -> dict:
    """The common checks: drawn with every node, frozen, no error, no request, a screenshot."""
    ready, browser = open_map(html, png, **kwargs)
    try:
        assert browser.evaluate(PHYSICS_ON) is False  # stabilized, then frozen
        drawn = browser.evaluate("document.querySelectorAll('#hrkg-network canvas').length")
    finally:
        browser.close()
    data = payload(html)
    assert ready["nodes"] == len(data["nodes"]) > 0
    assert ready["edges"] == len(data["edges"])
    assert drawn == 1
    assert browser.log.errors == []
    assert browser.log.remote_requests() == []
    assert html.resolve().as_uri() in browser.log.requests  # the monitor saw the page load
    assert png.read_bytes().startswith(PNG) and png.stat().st_size > 20_000
    return ready


@pytest.mark.parametrize("view", [
    MapView(),
    MapView(focus="人权理事会", hops=2, colour="community"),
    MapView(doc="A-HRC-44-28.txt"),
], ids=["overview", "focus", "document"])
def test_sample_views_draw_offline(tmp_path, view):
    html = tmp_path / "map.html"
    write_map(sample_graph(), html, view=view)
    ready = check_drawn_offline(html, tmp_path / f"{view.kind}.png")
    assert ready["view"] == view.kind


def test_the_request_monitor_catches_a_remote_request(tmp_path):
    page = tmp_path / "leaky.html"
    page.write_text('<img src="http://example.org/x.png"><script>window.hrkgMapReady = '
                    '{nodes: 0, edges: 0}</script>', encoding="utf-8")
    _, browser = open_map(page, tmp_path / "leaky.png")
    browser.close()
    assert browser.log.remote_requests() == ["http://example.org/x.png"]


def test_markup_in_labels_and_evidence_is_shown_as_text_and_never_runs(tmp_path):
    html = tmp_path / "map.html"
    write_map(hostile_sample_graph(), html)
    hostile = next(n for n in payload(html)["nodes"] if n["hr"]["zh"] == HOSTILE_LABEL)
    _, browser = open_map(html, tmp_path / "hostile.png")
    try:
        assert browser.evaluate(f"hrkgMap.showNode({json.dumps(hostile['id'])})") is True
        details = browser.evaluate("document.getElementById('hrkg-details').textContent")
        position = browser.evaluate(
            f"(() => {{ const id = {json.dumps(hostile['id'])};"
            " const p = hrkgMap.network.canvasToDOM(hrkgMap.network.getPositions([id])[id]);"
            " const r = document.getElementById('hrkg-network').getBoundingClientRect();"
            " return [p.x + r.left, p.y + r.top]; })()")
        for step in range(3):  # hover the node so that vis-network shows its tooltip
            browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved",
                                                      "x": position[0] + step,
                                                      "y": position[1]})
        tooltip = browser.wait_for(
            "(document.querySelector('div.vis-tooltip') || {}).textContent || ''", timeout=10)
        evidence = browser.evaluate(
            "hrkgMap.edges.get().filter(e => e.hr.rel === 'requests')"
            ".map(e => e.title.textContent).join(' ')")
        injected = browser.evaluate(
            "document.querySelectorAll('img, iframe, #hrkg-details script, "
            "div.vis-tooltip script').length")
        xss = browser.evaluate("typeof window.__xss")
        browser.screenshot(tmp_path / "hostile-tooltip.png")
    finally:
        browser.close()
    assert HOSTILE_LABEL in details and "<script>window.__xss = 2</script>" in details
    assert HOSTILE_LABEL in tooltip
    assert "<script>window.__xss = 1</script>" in evidence
    assert injected == 0 and xss == "undefined"
    assert browser.log.dialogs == [] and browser.log.errors == []


def test_big_overview_opens_pruned_with_a_visible_note(tmp_path):
    html = tmp_path / "big.html"
    stats = write_map(synthetic_graph(5000, 40), html)
    assert stats.candidates > 5000 and stats.left_out == stats.candidates - stats.nodes
    ready, browser = open_map(html, tmp_path / "big.png", timeout=120)
    try:
        note = browser.evaluate("document.getElementById('hrkg-left-out').textContent")
        visible = browser.evaluate(
            "document.getElementById('hrkg-left-out').getBoundingClientRect().height > 0")
    finally:
        browser.close()
    assert ready["nodes"] == stats.nodes
    assert f"{stats.left_out} / {stats.candidates}" in note and visible
    assert browser.log.errors == [] and browser.log.remote_requests() == []


# --- the demo build of the bundled corpus -----------------------------------------------

def test_demo_build_maps_draw_offline(demo_out, tmp_path):
    overview = demo_out / "map.html"
    assert overview.is_file(), "hrkg build writes map.html by default"
    check_drawn_offline(overview, tmp_path / "demo-overview.png")
    focus = tmp_path / "focus.html"
    assert main(["map", "--graph", str(demo_out), "--focus", "人权理事会", "-o", str(focus)]) == 0
    check_drawn_offline(focus, tmp_path / "demo-focus.png")
    doc = tmp_path / "doc.html"
    assert main(["map", "--graph", str(demo_out), "--doc", "A-HRC-44-28.txt",
                 "-o", str(doc)]) == 0
    check_drawn_offline(doc, tmp_path / "demo-document.png")


def test_a_built_document_with_markup_cannot_run_code(tmp_path):
    source = tmp_path / "hostile.txt"
    write_hostile_document(source)
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out), "--quiet", "--no-store"]) == 0
    assert "<img src=x onerror=alert(1)>" in (out / "graph.ttl").read_text(encoding="utf-8")
    html = tmp_path / "doc.html"
    assert main(["map", "--graph", str(out), "--doc", "hostile.txt", "-o", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "<script>alert(2)" not in text
    shown = json.dumps(payload(html), ensure_ascii=False)
    assert "<img src=x onerror=alert(1)>" in shown  # kept, to be displayed as text
    _, browser = open_map(html, tmp_path / "built-hostile.png")
    try:
        cards = browser.evaluate(
            "hrkgMap.nodes.get().map(n => n.title.textContent)"
            ".concat(hrkgMap.edges.get().map(e => e.title.textContent)).join(' ')")
        injected = browser.evaluate("document.querySelectorAll('img, script[src]').length")
        xss = browser.evaluate("typeof window.__xss")
    finally:
        browser.close()
    assert "<img src=x onerror=alert(1)>" in cards
    assert injected == 0 and xss == "undefined"
    assert browser.log.dialogs == [] and browser.log.errors == []


# --- the overview an analyst reads first (issue 16) ---------------------------------------

LABEL_BOXES = """(() => { const m = hrkgMap; m.network.redraw(); return m.labelled(); })()"""


def test_demo_overview_shows_the_backbone_with_readable_labels(demo_out, tmp_path):
    """Every document, resolution and instrument of the corpus is on the overview; labels
    never overlap; every node has its label at a readable zoom; filters and the co-mention
    layer work; no console error and no request."""
    from hrkg.graph.files import open_built_graph
    from hrkg.maps.project import project

    html = demo_out / "map.html"
    data = payload(html)
    drawn = {n["id"] for n in data["nodes"]}
    projection = project(open_built_graph(demo_out))
    for cls in ("Document", "Resolution", "Instrument", "UNDocument", "Publication"):
        every = {n for n, d in projection.nodes(data=True) if d["cls"] == cls}
        assert every and every <= drawn, cls
    classes = {d["cls"] for _, d in projection.nodes(data=True)}
    assert {n["hr"]["cls"] for n in data["nodes"]} == classes  # no class dropped
    assert len(data["nodes"]) <= data["view"]["maxNodes"]
    colours = [data["relations"][key]["color"] for key in data["legend"]["relations"]]
    assert len(set(colours)) == len(colours)  # one colour per relation type in the legend
    assert all(key in data["relations"] for key in data["legend"]["relations"])
    ready, browser = open_map(html, tmp_path / "overview.png", timeout=120)
    try:
        labelled_at_fit = browser.evaluate(LABEL_BOXES)
        overlapping = browser.evaluate("""(() => {
            const b = hrkgMap.labelBoxes(); let n = 0;
            for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
              const p = b[i], q = b[j];
              if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) n++; }
            return n; })()""")
        never = browser.evaluate("""(() => {
            const m = hrkgMap, missing = [];
            for (const id of m.nodesView.getIds()) {
              m.network.moveTo({position: m.network.getPositions([id])[id], scale: 2.5});
              m.network.redraw();
              if (m.labelled().indexOf(id) < 0) missing.push(id); }
            m.network.fit(); return missing; })()""")
        comentions = "hrkgMap.edgesView.get().filter(e => e.hr.kind === 'comention').length"
        hidden = browser.evaluate(comentions)
        browser.evaluate("(() => { const b = hrkgMap.filters.relations.comention; b.checked = true;"
                         " b.dispatchEvent(new Event('change')); })()")
        shown = browser.evaluate(comentions)
        browser.evaluate("(() => { const b = hrkgMap.filters.classes.Actor; b.checked = false;"
                         " b.dispatchEvent(new Event('change')); })()")
        actors = browser.evaluate(
            "hrkgMap.nodesView.get().filter(n => n.hr.cls === 'Actor').length")
        browser.evaluate("(() => { const s = document.getElementById('hrkg-filter-document');"
                         " s.value = 'A-HRC-44-28.txt'; s.dispatchEvent(new Event('change')); })()")
        in_document = browser.evaluate(
            "hrkgMap.nodesView.get().every(n => n.hr.docs.indexOf('A-HRC-44-28.txt') >= 0)")
        browser.evaluate(f"hrkgMap.showNode({json.dumps(sorted(drawn)[0])})")
        page_link = browser.evaluate(
            "document.querySelector('#hrkg-details a.hrkg-page-link').getAttribute('href')")
    finally:
        browser.close()
    assert ready["nodes"] == len(data["nodes"])
    assert len(labelled_at_fit) >= 60 and overlapping == 0
    assert never == []
    assert hidden == 0 < shown  # the co-mention layer is off until asked for
    assert actors == 0 and in_document
    assert page_link == sorted(drawn)[0]  # a file map links the IRI (w3id.org resolves it)
    assert browser.log.errors == [] and browser.log.remote_requests() == []


def test_the_focus_is_drawn_on_top_with_its_label(tmp_path):
    html = tmp_path / "focus.html"
    write_map(sample_graph(), html, view=MapView(focus="人权理事会", hops=2))
    center = payload(html)["view"]["center"]
    _, browser = open_map(html, tmp_path / "focus.png")
    try:
        last = browser.evaluate("hrkgMap.network.body.nodeIndices.slice(-1)[0]")
        labelled = browser.evaluate(LABEL_BOXES)
    finally:
        browser.close()
    assert last == center and center in labelled
    assert browser.log.errors == []
