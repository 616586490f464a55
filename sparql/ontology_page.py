"""The ontology and the shapes at their own IRIs, with content negotiation (a Flask Blueprint
for ``hrkg serve``).

``/ontology`` (https://w3id.org/hrkg/ontology, where every ``hr:`` term's hash IRI leads)
answers browsers with the documentation page and RDF clients with hrkg.ttl + alignments.ttl
as Turtle, RDF/XML, JSON-LD or N-Triples, by the ``Accept`` header (or ``?format=``, or a
suffix: ``/ontology.ttl``). ``/ontology/<version>`` is the same while it names the current
version; ``/ontology/alignments`` is the alignments module alone; ``/shapes`` the SHACL
shapes (page: each shape in plain words). A client that accepts anything gets the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from flask import Blueprint, Response, redirect, request, url_for
from flask.typing import ResponseReturnValue
from rdflib import Graph

from hrkg.ontology.docs import SERVED_LINKS, render_ontology_page, render_shapes_page
from hrkg.ontology.sources import (
    ALIGNMENTS_FILE,
    SHAPES_FILE,
    alignments_graph,
    ontology_path,
    published_graph,
    published_turtle,
    shapes_graph,
)
from hrkg.ontology.version import ontology_version

# format -> media type; the page first: what */* gets
FORMATS = {
    "html": "text/html",
    "ttl": "text/turtle",
    "rdf": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
SERIALIZERS = {"rdf": "xml", "jsonld": "json-ld", "nt": "nt"}  # rdflib's names
ALIASES = {  # other media types and ?format= names clients use
    "application/x-turtle": "ttl", "text/n3": "ttl", "turtle": "ttl",
    "application/xml": "rdf", "text/xml": "rdf", "rdfxml": "rdf", "xml": "rdf",
    "application/json": "jsonld", "json-ld": "jsonld", "json": "jsonld",
    "ntriples": "nt", "n-triples": "nt", "application/xhtml+xml": "html",
}
BY_MEDIA = {media: name for name, media in FORMATS.items()} | {
    media: name for media, name in ALIASES.items() if "/" in media}
OFFERED = list(BY_MEDIA)  # in order of preference
Document = tuple[Callable[[], Graph], Callable[[], str], Callable[[], str] | None]
DOCUMENTS: dict[str, Document] = {  # what each IRI serves: (graph, Turtle text, HTML page)
    "ontology": (published_graph, published_turtle, lambda: render_ontology_page(SERVED_LINKS)),
    "alignments": (alignments_graph, lambda: ontology_path(ALIGNMENTS_FILE).read_text("utf-8"),
                   None),
    "shapes": (shapes_graph, lambda: ontology_path(SHAPES_FILE).read_text("utf-8"),
               lambda: render_shapes_page(SERVED_LINKS)),
}


class NotAcceptable(Exception):
    """The client accepts none of the formats offered."""


def choose_format(suffix: str | None = None) -> str:
    """The format for this request: a suffix, else ``?format=``, else the Accept header."""
    asked = suffix or request.args.get("format")
    if asked:
        name = ALIASES.get(asked.lower(), asked.lower())
        if name not in FORMATS:
            raise NotAcceptable(f"unknown format {asked!r}: use one of {', '.join(FORMATS)}")
        return name
    if not request.accept_mimetypes:  # no Accept header: the page
        return "html"
    best = request.accept_mimetypes.best_match(OFFERED)
    if best is None:
        raise NotAcceptable("none of the accepted media types is offered: "
                            + ", ".join(FORMATS.values()))
    return BY_MEDIA[best]


@lru_cache(maxsize=32)
def serialized(document: str, fmt: str) -> str:
    """The body of ``document`` in ``fmt`` (computed once per process)."""
    graph_of, turtle_of, page_of = DOCUMENTS[document]
    if fmt == "html" and page_of is not None:
        return page_of()
    if fmt == "ttl":
        return turtle_of()
    if fmt == "jsonld":  # compact, with the files' prefixes as its @context
        return graph_of().serialize(format=SERIALIZERS[fmt], auto_compact=True)
    return graph_of().serialize(format=SERIALIZERS[fmt])


def answer(document: str, suffix: str | None = None, *,
           page_at: str | None = None) -> ResponseReturnValue:
    """The document in the format the request asks for; ``page_at``: send browsers there
    (303) instead of serving the page here."""
    try:
        fmt = choose_format(suffix)
    except NotAcceptable as error:
        return Response(f"{error}\n", status=406, content_type="text/plain; charset=utf-8")
    if fmt == "html" and page_at:
        return redirect(page_at, code=303)
    response = Response(serialized(document, fmt),
                        content_type=f"{FORMATS[fmt]}; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


def ontology_blueprint() -> Blueprint:
    """Routes /ontology, /ontology.<ext>, /ontology/<version>, /ontology/alignments,
    /shapes and /shapes.<ext>; register it on the endpoint's app."""
    blueprint = Blueprint("ontology", __name__)

    @blueprint.get("/ontology", defaults={"suffix": None})
    @blueprint.get("/ontology.<suffix>")
    def ontology(suffix: str | None) -> ResponseReturnValue:
        return answer("ontology", suffix)

    @blueprint.get("/ontology/alignments")
    def alignments() -> ResponseReturnValue:  # its page is a section of the ontology's
        return answer("alignments", page_at=url_for(".ontology") + "#alignments")

    @blueprint.get("/ontology/<version>")
    def ontology_version_iri(version: str) -> ResponseReturnValue:
        current = ontology_version().version
        if version != current:
            return Response(f"ontology version {version} is not served here; this server "
                            f"has version {current} at {url_for('.ontology')}\n", status=404,
                            content_type="text/plain; charset=utf-8")
        return answer("ontology", page_at=url_for(".ontology"))  # the page's links are relative

    @blueprint.get("/shapes", defaults={"suffix": None})
    @blueprint.get("/shapes.<suffix>")
    def shapes(suffix: str | None) -> ResponseReturnValue:
        return answer("shapes", suffix)

    return blueprint
