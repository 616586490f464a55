"""Open a built graph: the one reader of the RDF files that ``hrkg build`` writes.

``hrkg validate``, ``hrkg evaluate`` and ``hrkg map`` read a graph through
:func:`open_built_graph`; the SPARQL commands open the Oxigraph store instead
(``hrkg.sparql.store``).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph

from hrkg.core.errors import HrkgError

# what 'hrkg build' writes into its output folder, in the order they are looked for
# ("quads": the folder of N-Quads shards of hrkg build --layout shards)
BUILT_GRAPH_FILES = ("graph.trig", "graph.ttl", "quads")
RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads",
               ".jsonld": "json-ld"}
QUAD_FORMATS = ("trig", "nquads", "json-ld")


def open_built_graph(path: Path) -> Graph:
    """The graph at ``path``: an output folder of ``hrkg build`` (its graph.trig, else its
    graph.ttl, else its quads/ folder of shards) or one .ttl/.trig/.nt/.nq/.jsonld file.

    A quad format gives a ``Dataset`` whose default graph is the union of its graphs, so
    ``graph.value(...)``, ``graph.objects(...)`` and SPARQL read every named graph.
    Raises HrkgError naming the file when it is missing or cannot be parsed.
    """
    path = Path(path)
    if path.is_dir():
        found = next((path / name for name in BUILT_GRAPH_FILES if (path / name).exists()), None)
        if found is None:
            raise HrkgError(f"{path / BUILT_GRAPH_FILES[0]}: no such file "
                            "(run 'hrkg build' first)")
        if found.is_dir():
            return read_shard_folder(found)
        path = found
    elif not path.exists():
        raise HrkgError(f"{path}: no such file or folder (run 'hrkg build' first)")
    return read_rdf_file(path)


def read_rdf_file(path: Path) -> Graph:
    """Parse one RDF file by its extension; a quad format gives a union ``Dataset``.

    Raises HrkgError naming the file (and the line, for syntax errors).
    """
    if not path.is_file():
        raise HrkgError(f"{path}: no such file")
    rdf_format = RDF_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise HrkgError(f"{path}: not an RDF file (expected {', '.join(sorted(RDF_FORMATS))})")
    graph = Dataset(default_union=True) if rdf_format in QUAD_FORMATS else Graph()
    try:
        graph.parse(path, format=rdf_format)
    except SyntaxError as error:  # rdflib's BadSyntax; .lines is 0-based
        line = getattr(error, "lines", None)
        where = f"line {line + 1}: " if isinstance(line, int) else ""
        reason = getattr(error, "_why", None) or str(error).splitlines()[0]
        raise HrkgError(f"{path}: {where}invalid {rdf_format}: {reason}") from None
    except Exception as error:  # rdflib's parsers raise assorted errors on bad input
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise HrkgError(f"{path}: cannot read as {rdf_format}: {first}") from None
    return graph


def shard_files(folder: Path) -> list[Path]:
    """The shards of a ``quads/`` folder (hrkg build --layout shards): every ``.nq`` file
    in it and its subfolders, in a stable order."""
    return sorted(Path(folder).rglob("*.nq"))


def read_shard_folder(folder: Path) -> Graph:
    """The union ``Dataset`` of a ``quads/`` folder: every shard in it."""
    dataset = Dataset(default_union=True)
    for path in shard_files(folder):
        try:
            dataset.parse(path, format="nquads")
        except Exception as error:  # rdflib's parsers raise assorted errors on bad input
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise HrkgError(f"{path}: cannot read as nquads: {first}") from None
    return dataset


def union_graph(data: Graph) -> Graph:
    """``data`` itself if it is a plain Graph, else a new Graph of the triples of all its
    graphs (pyshacl validates each graph of a Dataset on its own)."""
    if not isinstance(data, ConjunctiveGraph):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
