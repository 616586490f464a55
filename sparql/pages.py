"""Entity pages: every ``hrid:`` IRI of the graph answers at its own path (a Flask Blueprint
for ``hrkg serve``).

``https://w3id.org/hrkg/id/X`` is served at ``/id/X`` (w3id.org redirects there, see the
README). Browsers get an HTML page: labels in both languages, classes, identifiers and
external links, the typed relations with their evidence sentences, the mentions grouped
by document with their sentences, and for a document its metadata and entities by
class. RDF clients get the IRI's description (:func:`entity_data.description_triples`)
as Turtle, JSON-LD, N-Triples or RDF/XML by the ``Accept`` header (or ``?format=``).
``/search?q=`` finds entities by label, alias, symbol, title or file name. Pages are
rendered on the server with Jinja2 autoescaping and need no JavaScript; each links to
its ego map (``/map?focus=IRI``, served by :mod:`hrkg.maps.serve`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, request, send_from_directory
from flask.typing import ResponseReturnValue
from jinja2 import Environment, FileSystemLoader

from hrkg.core.paths import resource_dir
from hrkg.sparql.entity_data import HRID, SEARCHED_CLASSES, EntityData, description_triples
from hrkg.sparql.ontology_page import FORMATS, NotAcceptable, choose_format
from hrkg.sparql.search import search
from hrkg.sparql.sentences import SentenceIndex
from hrkg.sparql.store import DEFAULT_PREFIXES, CurrentStore, GraphStore

PREFIX = "pages-"
SERVED_BASE = HRID.rsplit("/id/", 1)[0]  # https://w3id.org/hrkg: the part the server drops
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
RDF_WRITERS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
               "nt": ox.RdfFormat.N_TRIPLES, "rdf": ox.RdfFormat.RDF_XML}
CLASS_NAMES = {  # class -> (Chinese, English) as headings say it
    "Document": ("文档", "Documents"), "Actor": ("行为体", "Actors"),
    "Mechanism": ("机制", "Mechanisms"), "Group": ("群体", "Groups"),
    "Right": ("权利", "Rights"), "Instrument": ("文书", "Instruments"),
    "Publication": ("出版物", "Publications"), "Resolution": ("决议", "Resolutions"),
    "UNDocument": ("联合国文件", "UN documents"), "SDGGoal": ("可持续发展目标", "SDG goals"),
    "SDGTarget": ("可持续发展具体目标", "SDG targets"), "Commitment": ("承诺", "Commitments"),
    "Article": ("条款", "Articles"), "Other": ("其他", "Other"),
}


def assets_dir() -> Path:
    return resource_dir("hrkg.sparql") / "assets"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(assets_dir())), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(page_of=page_of, map_of=map_of, class_names=CLASS_NAMES)
    return env


def page_of(iri: str) -> str:
    """The path where this server answers ``iri`` (its own IRI when it is not an hrid:)."""
    if iri.startswith(HRID):
        return quote(iri[len(SERVED_BASE):], safe="/:~.-_()")
    return iri


def map_of(iri: str, cls: str = "") -> str:
    """The ego map (a document's map for a document) of ``iri``."""
    return "/map?" + urlencode({"doc" if cls == "Document" else "focus": iri})


def html(template: str, status: int = 200, **view) -> Response:
    body = environment().get_template(f"{PREFIX}{template}.html").render(**view)
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Vary"] = "Accept"
    return response


def rdf_answer(store: GraphStore, iri: str, fmt: str) -> Response:
    """The IRI's description in an RDF format."""
    body = ox.serialize(description_triples(store, iri), format=RDF_WRITERS[fmt],
                        prefixes=DEFAULT_PREFIXES)
    response = Response(body, content_type=f"{FORMATS[fmt]}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def pages_blueprint(stores: CurrentStore | GraphStore) -> Blueprint:
    """Routes /id/<path>, /search and /pages-assets/<name> over the store (the current
    build's, when given a :class:`CurrentStore`); register it on the endpoint's app."""
    blueprint = Blueprint("pages", __name__)
    opened: dict[str, EntityData] = {}

    def current() -> EntityData:
        store = stores.get() if isinstance(stores, CurrentStore) else stores
        key = str(store.path)
        if key not in opened:
            opened.clear()  # one build at a time: its sentences and label cache
            opened[key] = EntityData(store, SentenceIndex.load(store.path.parent))
        return opened[key]

    @blueprint.get("/id/<path:rest>")
    def entity(rest: str) -> ResponseReturnValue:
        iri = HRID + rest
        data = current()
        try:
            fmt = choose_format()
        except NotAcceptable as error:
            return Response(f"{error}\n", status=406, content_type="text/plain; charset=utf-8")
        try:
            known = data.exists(iri)
        except ValueError:
            known = False
        if not known:
            if fmt != "html":
                return Response(f"{iri} is not in this graph\n", status=404,
                                content_type="text/plain; charset=utf-8")
            return html("missing", status=404, iri=iri, query="")
        if fmt != "html":
            return rdf_answer(data.store, iri, fmt)
        return html("entity", d=data.describe(iri), query="",
                    formats=[(name, FORMATS[name]) for name in RDF_WRITERS])

    @blueprint.get("/search")
    def search_page() -> ResponseReturnValue:
        query = request.args.get("q", "").strip()[:200]
        data = current()
        hits = search(data.store, query) if query else []
        links = data.links(hit.iri for hit in hits)
        results = [(links[hit.iri], hit) for hit in hits
                   if links[hit.iri].cls in SEARCHED_CLASSES]
        documents = [] if query else sorted(data.documents(), key=lambda link: link.label)
        return html("search", query=query, results=results, documents=documents)

    @blueprint.get(f"/{PREFIX}assets/<path:name>")
    def asset(name: str) -> Response:
        return send_from_directory(assets_dir(), f"{PREFIX}{name}")

    return blueprint
