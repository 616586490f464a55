"""Entity pages and served maps in headless Chromium: ``hrkg serve``'s app (entity pages,
/map) on a loopback port; the page works with JavaScript off, its map link opens the ego
map, nothing is requested from anywhere but the server, no console error.

Needs Debian's chromium and websocket-client (as tests/test_map_browser.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import support.browser
from support.browser import LOCAL_SCHEMES, HeadlessChromium, find_chromium
from werkzeug.serving import make_server

from hrkg.maps.serve import map_blueprint
from hrkg.sparql.endpoint import EndpointConfig, create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed"),
]
pytest.importorskip("websocket", reason="websocket-client is not installed")

HRC = "/id/actor/human-rights-council"


class NoPool:  # no SPARQL query is run
    pass


@pytest.fixture(autouse=True)
def loopback_reachable(monkeypatch) -> None:
    """Chromium resolves no host name, as in every browser test, but reaches 127.0.0.1."""
    flags = tuple(flag.replace("MAP * ~NOTFOUND", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
                  for flag in support.browser.CHROMIUM_FLAGS)
    monkeypatch.setattr(support.browser, "CHROMIUM_FLAGS", flags)


@pytest.fixture(scope="module")
def server(demo_out: Path) -> Iterator[str]:
    app = create_app(EndpointConfig(demo_out), pool=NoPool())  # type: ignore[arg-type]
    app.register_blueprint(map_blueprint(demo_out))
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def elsewhere(browser: HeadlessChromium, base: str) -> list[str]:
    return [url for url in browser.log.requests
            if not url.startswith((base + "/", *LOCAL_SCHEMES))]


def test_an_entity_page_with_javascript_off(server: str, tmp_path: Path) -> None:
    with HeadlessChromium(width=1280, height=1000, timeout=60) as browser:
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True})
        browser.open(server + HRC)
        browser.wait_for("document.readyState === 'complete' && document.title")
        time.sleep(0.3)
        browser.screenshot(tmp_path / "entity-page.png")
        title = browser.evaluate("document.querySelector('h1').textContent")
        english = browser.evaluate("document.querySelector('p.en').textContent")
        quotes = browser.evaluate("document.querySelectorAll('q.sentence').length")
        styled = browser.evaluate(
            "getComputedStyle(document.querySelector('header.bar')).display")
        map_link = browser.evaluate("document.querySelector('a.map-link').href")
        errors, requests = list(browser.log.errors), elsewhere(browser, server)
    assert title == "人权理事会" and english == "Human Rights Council"
    assert quotes >= 10 and styled == "flex"  # the stylesheet came from the server
    assert map_link.startswith(server + "/map?focus=")
    assert errors == [] and requests == []


def test_the_page_map_link_opens_the_ego_map(server: str, tmp_path: Path) -> None:
    with HeadlessChromium(timeout=120) as browser:
        browser.open(server + "/map?focus=https%3A%2F%2Fw3id.org%2Fhrkg%2Fid%2Factor%2F"
                              "human-rights-council")
        ready = browser.wait_for_map()
        center = browser.evaluate("hrkgMap.network.body.nodeIndices.slice(-1)[0]")
        labelled = browser.evaluate("(hrkgMap.network.redraw(), hrkgMap.labelled())")
        browser.evaluate(f"hrkgMap.showNode({center!r})")
        page = browser.evaluate(
            "document.querySelector('#hrkg-details a.hrkg-page-link').getAttribute('href')")
        errors, requests = list(browser.log.errors), elsewhere(browser, server)
    assert ready["view"] == "focus" and ready["nodes"] > 5
    assert center == "https://w3id.org/hrkg/id/actor/human-rights-council" and center in labelled
    assert page == HRC  # the served map links the page on this server
    assert errors == [] and requests == []
