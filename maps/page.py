"""The HTML page of a map: the template, the inlined scripts and styles, and a
Content-Security-Policy that lets only those scripts run and no request leave the page.

vis-network is the copy pyvis bundles and inlines itself (``cdn_resources="in_line"``):
the folder its own ``templates/template.html`` includes, so the map draws with the very
version pyvis was written against. The map's own script, style and template are in
``assets/``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from hrkg.core.errors import HrkgError
from hrkg.core.paths import resource_dir

TEMPLATE = "map-template.html"
OWN_ASSETS = ("map-app.js", "map-app.css")
_PYVIS_LIBRARY = re.compile(r"lib/(vis-([0-9.]+))/vis-network\.min\.js")


def assets_dir() -> Path:
    return resource_dir("hrkg.maps") / "assets"


@lru_cache(maxsize=1)
def style() -> dict:
    """Colours, shapes and names per class and relation (``assets/map-style.json``)."""
    return json.loads((assets_dir() / "map-style.json").read_text(encoding="utf-8"))


def _inline(name: str, text: str) -> str:
    if "</script" in text.lower() or "</style" in text.lower():
        raise HrkgError(f"{name}: asset would close its inline tag")
    return text


@lru_cache(maxsize=1)
def vis_network() -> dict[str, str]:
    """``version``, ``js`` and ``css`` of the vis-network that pyvis inlines in its pages."""
    templates = resource_dir("pyvis") / "templates"
    found = _PYVIS_LIBRARY.search((templates / "template.html").read_text(encoding="utf-8"))
    if found is None:
        raise HrkgError("pyvis: its template no longer names a vis-network library "
                        "(pyvis/templates/template.html); maps need pyvis 0.3")
    folder = templates / "lib" / found.group(1)
    js, css = (folder / "vis-network.min.js", folder / "vis-network.css")
    return {"version": found.group(2),
            "js": _inline(str(js), js.read_text(encoding="utf-8")),
            "css": _inline(str(css), css.read_text(encoding="utf-8"))}


@lru_cache(maxsize=1)
def _own_assets() -> dict[str, str]:
    return {name: _inline(name, (assets_dir() / name).read_text(encoding="utf-8"))
            for name in OWN_ASSETS}


def json_for_html(value) -> str:
    """JSON that is inert inside HTML: no ``<``, ``>``, ``&`` or ``'`` characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(payload: dict) -> str:
    """The self-contained page showing ``payload`` (nodes, edges, legend, view)."""
    vis, own = vis_network(), _own_assets()
    env = Environment(loader=FileSystemLoader(str(assets_dir())), autoescape=True,
                      keep_trailing_newline=True)
    template = env.get_template(TEMPLATE)
    scripts = [vis["js"], own["map-app.js"]]
    csp = ("default-src 'none'; script-src " + " ".join(_script_hash(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
           "form-action 'none'")
    return template.render(csp=csp, vis_version=vis["version"], vis_css=vis["css"],
                           map_css=own["map-app.css"], vis_js=vis["js"],
                           map_js=own["map-app.js"], payload=json_for_html(payload))
