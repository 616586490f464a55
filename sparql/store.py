"""The built graph's persistent SPARQL store: Oxigraph on disk in ``<out>/store``.

``hrkg build`` calls :func:`write_store_from_outputs`; every command that reads a graph calls
:func:`open_store`. The store keeps every named graph of ``graph.trig`` and, as its
default graph, the RDF merge of all graphs (what ``graph.ttl`` holds), so queries see
everything without a ``GRAPH`` clause while ``GRAPH`` patterns still reach each
document's graph. The merge is stored rather than computed at query time because
Oxigraph's union-default-graph mode is a bag: a relation stated in 49 documents
would match 49 times and inflate every count.

The store is written into a temporary folder and renamed into place, so a
half-written store is never left behind; readers open it read-only. Oxigraph keeps
literals of derived integer types (``xsd:nonNegativeInteger`` offsets) as their
primitive ``xsd:integer``; ``graph.ttl``/``graph.trig`` remain the exact record.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Graph
from rdflib.term import Node

from hrkg.core.errors import HrkgError
from hrkg.core.generations import current_generation, generation_id
from hrkg.graph.namespaces import PREFIXES

STORE_DIR = "store"
# Prefixes every query may use without declaring them (hr:, hrid:, skos:, …).
DEFAULT_PREFIXES: dict[str, str] = {name: str(ns) for name, ns in PREFIXES.items()}

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
OxResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class GraphMissingError(HrkgError):
    """There is no built store in the output folder."""


def store_path(out_dir: Path) -> Path:
    return Path(out_dir) / STORE_DIR


# -- rdflib -> Oxigraph terms ---------------------------------------------------------
def to_oxigraph(term: Node) -> OxTerm:
    """The Oxigraph term for an rdflib IRI, blank node or literal."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_PLAIN = {"http://www.w3.org/2001/XMLSchema#string",
          "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def from_oxigraph(node: object) -> URIRef | Literal:
    """The rdflib IRI or literal of an Oxigraph one (a plain string or language-tagged
    literal without datatype, as hrkg's graph builder makes them)."""
    if isinstance(node, ox.Literal):
        datatype = node.datatype.value
        return Literal(node.value, lang=node.language,
                       datatype=None if datatype in _PLAIN else URIRef(datatype))
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    raise ValueError(f"not an IRI or a literal (hrkg graphs have no blank nodes): {node}")


def _graph_name(context: Graph | Node | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    identifier = context.identifier if isinstance(context, Graph) else context
    if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return to_oxigraph(identifier)  # type: ignore[return-value]


def dataset_quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """Every quad of an rdflib dataset as an Oxigraph quad (default graph kept apart)."""
    for s, p, o, context in dataset.quads((None, None, None, None)):
        yield ox.Quad(cast(ox.NamedNode | ox.BlankNode, to_oxigraph(s)),
                      cast(ox.NamedNode, to_oxigraph(p)), to_oxigraph(o), _graph_name(context))


def with_merge(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads, each named-graph quad followed by its copy in the default graph."""
    default = ox.DefaultGraph()
    for quad in quads:
        yield quad
        if quad.graph_name != default:
            yield ox.Quad(quad.subject, quad.predicate, quad.object, default)


# -- writing ----------------------------------------------------------------------------
class StoreWriter:
    """A store being written in a temp folder beside ``out_dir/store``: :meth:`load` data
    into it, then :meth:`commit` (swapped into place) or :meth:`abort` (removed)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._tmp = Path(tempfile.mkdtemp(prefix=f".{STORE_DIR}.", suffix=".tmp",
                                          dir=self.out_dir))
        self.store: ox.Store | None = ox.Store(str(self._tmp / STORE_DIR))

    def load(self, data: bytes, rdf_format: ox.RdfFormat,
             to_graph: ox.DefaultGraph | None = None) -> None:
        """Bulk-load ``data`` (Oxigraph parses it natively, without the GIL)."""
        if self.store is None:
            raise ValueError("StoreWriter.load() after commit() or abort()")
        self.store.bulk_load(input=data, format=rdf_format, to_graph=to_graph)

    def commit(self) -> Path:
        """Flush, compact and swap the store into ``out_dir/store``; return its path."""
        if self.store is None:
            raise ValueError("StoreWriter.commit() after commit() or abort()")
        target = store_path(self.out_dir)
        try:
            self.store.flush()
            self.store.optimize()
            self.store = None  # closes RocksDB before the folder moves
            if target.exists():
                target.rename(self._tmp / "previous")
            (self._tmp / STORE_DIR).rename(target)
        finally:
            self.abort()
        return target

    def abort(self) -> None:
        """Drop the store being written (nothing of it is left behind)."""
        self.store = None
        shutil.rmtree(self._tmp, ignore_errors=True)


def _write_atomically(out_dir: Path, fill: Callable[[ox.Store], None]) -> Path:
    """Create a store in a temp folder beside ``out_dir/store``, fill it, swap it in."""
    writer = StoreWriter(out_dir)
    try:
        fill(cast(ox.Store, writer.store))
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def write_store(dataset: Dataset, out_dir: Path) -> Path:
    """Persist ``dataset`` (default graph + named graphs) as ``out_dir/store``; return its path."""
    return _write_atomically(
        out_dir, lambda store: store.bulk_extend(with_merge(dataset_quads(dataset))))


# Text handed to one bulk load. Oxigraph's bulk loader holds a whole load in memory (up
# to a million quads); loads of about 2 MB are as fast as larger ones (measured: 8 MB
# loads of the 10x corpus's graph take as long and peak 100 MB higher, 64 MB ones 480 MB)
# and keep the build's memory flat in the graph's size.
LOAD_BYTES = 1 << 21


def _line_chunks(path: Path, size: int, head: bytes = b"",
                 starts: Callable[[bytes], bool] = lambda line: True) -> Iterator[bytes]:
    """``head`` + about ``size`` bytes of ``path``'s lines at a time, each chunk cut
    before a line for which ``starts`` holds (a Turtle statement's first line)."""
    chunk: list[bytes] = []
    held = 0
    with path.open("rb") as handle:
        for line in handle:
            if held >= size and starts(line):
                yield head + b"".join(chunk)
                chunk, held = [], 0
            chunk.append(line)
            held += len(line)
    if chunk:
        yield head + b"".join(chunk)


def write_store_from_outputs(trig: Path, turtle: Path, out_dir: Path,
                             nquads: Path | None = None) -> Path:
    """Persist the store from the build's own files: ``graph.trig`` (or the same quads in
    ``nquads``) gives the named graphs and the default graph, ``graph.ttl`` (their RDF
    merge) the merged default graph.

    Oxigraph parses and loads the files natively, which is several times faster than
    handing it the quads one by one from Python. With ``nquads``, both files are loaded
    :data:`LOAD_BYTES` at a time, which keeps the build's memory flat in the graph's size.
    """

    def fill(store: ox.Store) -> None:
        if nquads is None:
            store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
            store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE,
                            to_graph=ox.DefaultGraph())
            return
        for chunk in _line_chunks(Path(nquads), LOAD_BYTES):
            store.bulk_load(input=chunk, format=ox.RdfFormat.N_QUADS)
        with Path(turtle).open("rb") as handle:  # the @prefix lines open the file
            prefixes: list[bytes] = []
            for line in handle:
                if not line.startswith(b"@prefix"):
                    break
                prefixes.append(line)
        head = b"".join(prefixes)
        for chunk in _line_chunks(Path(turtle), LOAD_BYTES, b"",
                                  lambda line: line[:1] not in b" \n@"):
            store.bulk_load(input=head + chunk, format=ox.RdfFormat.TURTLE,
                            to_graph=ox.DefaultGraph())

    return _write_atomically(out_dir, fill)


def shard_texts(data: bytes) -> tuple[bytes, bytes]:
    """The N-Quads of one named graph (a shard), and the same lines as N-Triples (its
    graph name cut: a line end ends every line, and none is inside a term)."""
    if not data:
        return b"", b""
    first = data[: data.index(b"\n") + 1]
    graph = first[first.rindex(b" <", 0, len(first) - 3):]  # " <graph> .\n"
    return data, data.replace(graph, b" .\n")


def write_store_from_file(source: Path, out_dir: Path) -> Path:
    """Persist an RDF file (TriG, N-Quads, Turtle…; format from its extension) as the store."""
    source = Path(source)
    try:
        rdf_format = ox.RdfFormat.from_extension(source.suffix.lstrip("."))
    except ValueError as error:
        raise HrkgError(f"{source}: unknown RDF file extension") from error
    if rdf_format is None:
        raise HrkgError(f"{source}: unknown RDF file extension")

    def fill(store: ox.Store) -> None:
        try:
            store.bulk_extend(with_merge(ox.parse(path=str(source), format=rdf_format)))
        except SyntaxError as error:
            raise HrkgError(f"{source}: {error}") from error

    return _write_atomically(out_dir, fill)


# -- reading ----------------------------------------------------------------------------
class GraphStore:
    """A read-only built graph: SPARQL through Oxigraph, rdflib API on request."""

    def __init__(self, path: Path, oxigraph: ox.Store, generation: str = "") -> None:
        self.path = path
        self.oxigraph = oxigraph
        self.generation = generation  # the build it belongs to (its generation folder's name)

    def query(
        self,
        sparql: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        default_graph: Iterable[str] | None = None,
        named_graphs: Iterable[str] | None = None,
    ) -> OxResult:
        """Run a SPARQL query; its default graph is the merge of all graphs.

        ``prefixes`` (default: the project's) need no PREFIX declaration. ``default_graph`` and
        ``named_graphs`` (IRIs) make the dataset like the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri``: given either, the dataset is exactly
        those graphs (``named_graphs`` alone: an empty default graph; they override the
        query's FROM); several default graphs are merged (see :meth:`merge_of`).
        Raises ``SyntaxError`` for an invalid query, as pyoxigraph does.
        """
        options: dict = {"prefixes": dict(DEFAULT_PREFIXES if prefixes is None else prefixes)}
        defaults = list(default_graph or ())
        if len(defaults) > 1:
            return self.merge_of(defaults, named_graphs or ()).query(sparql, **options)
        named = list(named_graphs or ())
        if defaults or named:  # the protocol: then the dataset is exactly these graphs
            options["default_graph"] = [ox.NamedNode(iri) for iri in defaults]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named]
        return self.oxigraph.query(sparql, **options)

    def merge_of(self, default_graph: Iterable[str], named_graphs: Iterable[str]) -> ox.Store:
        """An in-memory dataset: the RDF merge of ``default_graph`` as its default graph, and
        exactly ``named_graphs`` as named graphs (the protocol's dataset for those IRIs).

        Oxigraph makes a default graph of several graphs a bag (a triple stated in two of
        them would match twice), so the merge is copied out; document graphs are small.
        """
        memory = ox.Store()
        default = ox.DefaultGraph()
        for iri in default_graph:
            memory.extend(ox.Quad(quad.subject, quad.predicate, quad.object, default)
                          for quad in self.oxigraph.quads_for_pattern(
                              None, None, None, ox.NamedNode(iri)))
        for iri in named_graphs:
            memory.extend(self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        return memory

    def __len__(self) -> int:
        """Number of distinct triples (the size of the merged default graph)."""
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(answer, ox.QuerySolutions)
        return int(next(answer)[0].value)

    def named_graphs(self) -> list[str]:
        return sorted(graph.value for graph in self.oxigraph.named_graphs())

    def rdflib_graph(self) -> Graph:
        """The merged graph behind rdflib's ``Graph`` API (via oxrdflib), read-only."""
        from oxrdflib import OxigraphStore  # optional: only callers that want rdflib objects

        return Graph(store=OxigraphStore(store=self.oxigraph),
                     identifier=DATASET_DEFAULT_GRAPH_ID)


def open_store(out_dir: Path) -> GraphStore:
    """Open the store of ``out_dir``'s current generation read-only (``current`` is resolved
    once: the store is that of one complete build); a clear one-line error if nothing was
    built there or the store cannot be opened (a corrupt ``store/CURRENT``, say)."""
    for _attempt in range(3):  # a build may remove the generation just resolved: resolve again
        generation = current_generation(Path(out_dir))
        path = store_path(generation)
        if path.is_dir():
            try:
                oxigraph = ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as error:  # RocksDB: corruption is a RuntimeError
                if path.is_dir():
                    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                    raise HrkgError(f"{path}: cannot open the graph store ({reason}); "
                                    "run `hrkg build` again") from None
                continue  # removed while opening
            name = "" if generation == Path(out_dir) else generation.name
            return GraphStore(path, oxigraph, name)
        if current_generation(Path(out_dir)) == generation:  # no newer build: nothing there
            break
    raise GraphMissingError(f"no graph at {_shown(out_dir)}: run `hrkg build` first")


def current_id(out_dir: Path) -> str:
    """The name of ``out_dir``'s current generation ("" for a folder without generations)."""
    return generation_id(Path(out_dir)) or ""


class CurrentStore:
    """The store of an output folder's current generation, opened again when a build has
    published a newer one (checked on every :meth:`get`: one ``readlink``)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self._store = open_store(self.out_dir)
        self._lock = threading.Lock()

    def get(self) -> GraphStore:
        if self._store.generation != current_id(self.out_dir):
            with self._lock:
                if self._store.generation != current_id(self.out_dir):
                    self._store = open_store(self.out_dir)
        return self._store


def _shown(out_dir: Path) -> str:
    text = str(out_dir)
    return text if text.endswith("/") else f"{text}/"
