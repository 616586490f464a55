"""HTML documentation of the ontology and of the SHACL shapes, generated offline from the
ontology files with Jinja2 templates (ontology/templates): one self-contained page each,
styles inline, no script, nothing fetched from the network.

``make docs`` writes docs/ontology/index.html and docs/ontology/shapes.html::

    python -m hrkg.ontology.docs docs/ontology          # write
    python -m hrkg.ontology.docs docs/ontology --check  # exit 1 if they are out of date

``hrkg serve`` renders the same pages at /ontology and /shapes (with links for the server).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from hrkg.core.atomic import write_text
from hrkg.ontology.docs_model import ontology_doc
from hrkg.ontology.shapes_doc import shapes_doc
from hrkg.ontology.sources import ontology_path, published_graph, shapes_graph
from hrkg.ontology.version import ontology_version

ONTOLOGY_PAGE, SHAPES_PAGE = "index.html", "shapes.html"


@dataclass(frozen=True)
class DocLinks:
    """Where the pages link: to each other and to the machine-readable files."""

    ontology: str
    shapes: str
    downloads: tuple[tuple[str, str], ...]


# the pages in docs/ontology/, linking to the ontology files in the source tree
FILE_LINKS = DocLinks(ONTOLOGY_PAGE, SHAPES_PAGE, (
    ("hrkg.ttl", "../../ontology/hrkg.ttl"),
    ("alignments.ttl", "../../ontology/alignments.ttl"),
    ("shapes.ttl", "../../ontology/shapes.ttl"),
))
# the pages served at /ontology and /shapes (relative links, so a URL prefix is kept)
SERVED_LINKS = DocLinks("ontology", "shapes", (
    ("Turtle", "ontology.ttl"), ("RDF/XML", "ontology.rdf"), ("JSON-LD", "ontology.jsonld"),
    ("SHACL shapes (Turtle)", "shapes.ttl"),
))


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(ontology_path("templates"))),
                       autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, undefined=StrictUndefined)


@lru_cache(maxsize=4)
def render_ontology_page(links: DocLinks = FILE_LINKS) -> str:
    """The ontology documentation: core first, then every term, alignments, namespaces."""
    return environment().get_template("index.html.j2").render(
        doc=ontology_doc(published_graph()), version=ontology_version(), links=links)


@lru_cache(maxsize=4)
def render_shapes_page(links: DocLinks = FILE_LINKS) -> str:
    """The SHACL shapes in plain words."""
    return environment().get_template("shapes.html.j2").render(
        doc=shapes_doc(shapes_graph()), version=ontology_version(), links=links)


def pages(links: DocLinks = FILE_LINKS) -> dict[str, str]:
    return {ONTOLOGY_PAGE: render_ontology_page(links), SHAPES_PAGE: render_shapes_page(links)}


def stale_pages(out_dir: Path) -> list[str]:
    """The pages in ``out_dir`` that differ from what the ontology files give now."""
    return [name for name, html in pages().items()
            if not (out_dir / name).is_file()
            or (out_dir / name).read_text(encoding="utf-8") != html]


def write_docs(out_dir: Path) -> list[Path]:
    written = []
    for name, html in pages().items():
        write_text(out_dir / name, html)
        written.append(out_dir / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hrkg.ontology.docs",
                                     description="Write the ontology and shapes documentation.")
    parser.add_argument("out_dir", nargs="?", type=Path, default=Path("docs/ontology"))
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the pages are out of date")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_pages(args.out_dir)
        for name in stale:
            print(f"{args.out_dir / name} is out of date: run `make docs`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_docs(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
