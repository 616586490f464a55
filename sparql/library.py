"""SPARQL over the built graph: checking, running and formatting queries.

Sections: a lexical scan of query text (query form, ``SERVICE``, undefined prefixes,
without touching the store); parameters (string literals written by Oxigraph's term
writer, entity names resolved to IRIs and bound with ``VALUES``, never pasted text);
running a read-only query; SPARQL 1.1 results formats and RDF serializations; the
canned query library in ``queries/*.rq``; and a pool of worker processes that enforces
a time limit on each query by stopping the worker that overruns it.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from hrkg.core.errors import HrkgError
from hrkg.core.paths import queries_dir
from hrkg.sparql.store import DEFAULT_PREFIXES, GraphStore, OxTerm, open_store

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                "WITH")

# format name -> media type; results formats for SELECT/ASK, RDF formats for CONSTRUCT/DESCRIBE
RESULTS_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
_OX_RESULTS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_OX_RDF = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# == errors ===========================================================================
class QuerySyntaxError(HrkgError):
    """An invalid query, with the 1-based line and column the parser stopped at."""

    def __init__(self, message: str, line: int, column: int, source_line: str) -> None:
        super().__init__(f"syntax error at line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line

    def pointer(self) -> str:
        """The offending line and a caret under the column."""
        return f"{self.source_line}\n{' ' * max(self.column - 1, 0)}^"


class QueryRefused(HrkgError):
    """A request this read-only, offline service does not run (update, SERVICE)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "update" | "service"


class QueryTimeout(HrkgError):
    """A query overran its time limit and its worker was stopped."""


class QueryFailed(HrkgError):
    """The engine failed while evaluating a valid query."""


# == lexical scan =====================================================================
_TOKENS = re.compile(
    r"""
    (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<comment>\#[^\r\n]*)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-]))*)
  | (?P<word>[^\W\d]\w*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class QueryScan:
    """What the text of a query or update says, read without parsing it fully."""

    form: str  # first keyword after the prologue, upper case ("" if none)
    uses_service: bool
    declared_prefixes: frozenset[str]
    undefined_prefix: tuple[str, int] | None  # (prefix, offset) of the first undeclared one

    @property
    def is_update(self) -> bool:
        return self.form in UPDATE_FORMS

    @property
    def is_graph_query(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def scan_query(text: str, known_prefixes: Mapping[str, str] = DEFAULT_PREFIXES) -> QueryScan:
    """Find the query form, ``SERVICE`` and undeclared prefixes, skipping strings/IRIs/comments."""
    form = ""
    uses_service = False
    declared: set[str] = set()
    undefined: tuple[str, int] | None = None
    expect_prefix_name = False
    for match in _TOKENS.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind in ("space", "comment", "other", "string", "iri", "var"):
            continue
        if kind == "pname":
            prefix = value.split(":", 1)[0]
            if expect_prefix_name:
                declared.add(prefix)
            elif prefix not in declared and prefix not in known_prefixes and prefix != "_":
                undefined = undefined or (prefix, match.start())
            expect_prefix_name = False
            continue
        keyword = value.upper()
        expect_prefix_name = keyword == "PREFIX"
        if keyword == "SERVICE":
            uses_service = True
        elif not form and keyword in QUERY_FORMS + UPDATE_FORMS:
            form = keyword
    return QueryScan(form, uses_service, frozenset(declared), undefined)


def check_read_only(scan: QueryScan, *, allow_service: bool = False) -> None:
    """Refuse SPARQL Update and (unless allowed) federated ``SERVICE`` queries."""
    if scan.is_update:
        raise QueryRefused(
            f"SPARQL Update ({scan.form}) is not accepted: this graph is read-only; "
            "rebuild it with `hrkg build` to change it", "update")
    if scan.uses_service and not allow_service:
        raise QueryRefused(
            "federated queries (SERVICE) are refused: they would make this machine fetch "
            "other URLs; `hrkg serve --allow-service` or `hrkg query --allow-service` allows them",
            "service")


_POSITION = re.compile(r"^error at (\d+):(\d+)(?:-\d+:\d+)?: ?(.*)$", re.DOTALL)


def syntax_error(text: str, error: SyntaxError) -> QuerySyntaxError:
    """A :class:`QuerySyntaxError` from pyoxigraph's message (``error at L:C: …``)."""
    message = " ".join(str(error).split())
    line, column = 1, 1
    found = _POSITION.match(message)
    if found:
        line, column, message = int(found[1]), int(found[2]), found[3]
    expected = message.split(", ")
    sentences = [item for item in expected if re.match(r"^[A-Z][a-z]+ .* ", item)]
    if sentences:  # a semantic error hidden among the parser's expected tokens
        message = sentences[0]
    elif message.startswith("expected one of") and len(expected) > 8:
        message = ", ".join(expected[:8]) + ", …"
    lines = text.splitlines() or [""]
    return QuerySyntaxError(message, line, column, lines[min(line, len(lines)) - 1])


def _offset_position(text: str, offset: int) -> tuple[int, int, str]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return line, offset - start + 1, text[start: end if end >= 0 else len(text)]


# == running ==========================================================================
@dataclass
class QueryResult:
    """A finished query: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[OxTerm | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind == "ask":
            return 1
        return len(self.rows) if self.kind == "select" else len(self.triples)


def expand_value(value: str) -> str:
    """A parameter value, with a known prefix expanded (``hrid:instrument/udhr`` -> full IRI)."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in DEFAULT_PREFIXES and not local.startswith("//"):
        return DEFAULT_PREFIXES[prefix] + local
    return value


def substitute_parameters(text: str, values: Mapping[str, str]) -> str:
    """The query with each parameter variable replaced by its value as a string literal.

    Values are written by Oxigraph's N-Triples literal writer (quotes, backslashes and
    line breaks escaped), and only variable tokens are replaced, never text inside
    strings, IRIs or comments, so a value cannot change the structure of the query.
    """
    if not values:
        return text
    terms = {name: str(ox.Literal(expand_value(value))) for name, value in values.items()}
    used: set[str] = set()
    parts: list[str] = []
    for match in _TOKENS.finditer(text):
        name = match.group()[1:] if match.lastgroup == "var" else None
        if name in terms:
            used.add(name)
            parts.append(terms[name])
        else:
            parts.append(match.group())
    missing = sorted(set(terms) - used)
    if missing:
        raise HrkgError(f"the query has no variable {', '.join('?' + n for n in missing)} "
                        "to bind a parameter to")
    return "".join(parts)


Select = Callable[[str], list[str]]  # runs a one-column SELECT, returns its values

RESOLVE_ENTITY = """
PREFIX hr: <https://w3id.org/hrkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?node WHERE {
  { ?node skos:prefLabel|skos:altLabel|dcterms:identifier|dcterms:title ?key .
    FILTER (LCASE(REPLACE(STR(?key), "[\\\\s《》]", "")) = ?wanted) }
  UNION
  { ?node hr:sourceFile ?file .
    FILTER (LCASE(REPLACE(?file, "\\\\s", "")) = ?wanted
            || LCASE(REPLACE(?file, "\\\\.[A-Za-z0-9]+$", "")) = ?wanted) }
  # the class constraint goes here
} ORDER BY ?node
"""


def normalized_name(value: str) -> str:
    """How names are compared: lower case, without spaces and 《》."""
    return re.sub(r"[\s《》]", "", value).lower()


def resolve_entity(select: Select, value: str, kind: str) -> list[str]:
    """IRIs of the ``kind`` members (``entity``: anything) that ``value`` names.

    ``value`` may be an IRI or prefixed name, a Chinese or English label (preferred or
    alternative; spaces, case and 《》 ignored), an identifier (symbol, SDG number), or
    for documents a title, file name or file stem.
    """
    expanded = expand_value(value.strip())
    typed = "" if kind == "entity" else f"?node a <{expand_value(kind)}> ."
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"]+$", expanded):
        try:
            iri = str(ox.NamedNode(expanded))
        except ValueError:
            iri = None
        check = typed.replace("?node", iri or "")
        if iri and select(f"SELECT ?p WHERE {{ {iri} ?p ?o . {check} }} LIMIT 1"):
            return [expanded]
    query = substitute_parameters(RESOLVE_ENTITY.replace("# the class constraint goes here", typed),
                                  {"wanted": normalized_name(value)})
    return select(query)


def _where_brace(text: str) -> int:
    """Offset just after the ``{`` opening the query's top-level WHERE group."""
    seen_where = False
    for match in _TOKENS.finditer(text):
        if match.lastgroup == "word" and match.group().upper() == "WHERE":
            seen_where = True
        elif seen_where and match.group() == "{":
            return match.end()
    raise HrkgError("a query with entity parameters needs a WHERE clause")


def prepare_query(text: str, values: Mapping[str, str], kinds: Mapping[str, str | None],
                  select: Select) -> tuple[str, list[str]]:
    """Bind parameters: literals by substitution, entities as ``VALUES`` of resolved IRIs.

    An empty entity value leaves its variable unconstrained (any). Returns the query
    text and notes for the user (a name that matched nothing).
    """
    literals = {name: value for name, value in values.items() if not kinds.get(name)}
    text = substitute_parameters(text, literals)
    blocks, notes = [], []
    for name, value in values.items():
        kind = kinds.get(name)
        if not kind or not value.strip():
            continue
        iris = resolve_entity(select, value, kind)
        if not iris:
            what = "entity" if kind == "entity" else kind.split(":")[-1]
            notes.append(f"no {what} named {value!r} (by label, identifier or URI)")
        blocks.append(f"VALUES ?{name} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}")
    if blocks:
        at = _where_brace(text)
        text = f"{text[:at]}\n  {' '.join(blocks)}{text[at:]}"
    return text, notes


def oxigraph_select(store: GraphStore) -> Select:
    def select(query: str) -> list[str]:
        return [solution[0].value for solution in store.query(query)]
    return select


def execute(
    store: GraphStore,
    text: str,
    *,
    params: Mapping[str, str] | None = None,
    kinds: Mapping[str, str | None] | None = None,
    limit: int | None = None,
    allow_service: bool = False,
    default_graph: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Check and run one read-only query; at most ``limit`` rows or triples are kept.

    ``params`` are bound as string literals, or, for those ``kinds`` names a class of,
    as the IRIs their value names (see :func:`prepare_query`).
    """
    scan = scan_query(text)
    check_read_only(scan, allow_service=allow_service)
    text, notes = prepare_query(text, params or {}, kinds or {}, oxigraph_select(store))
    try:
        answer = store.query(text, prefixes=DEFAULT_PREFIXES, default_graph=default_graph,
                             named_graphs=named_graphs)
        result = _collect(answer, limit)
        result.notes = notes
        return result
    except SyntaxError as error:
        if scan.undefined_prefix:
            prefix, offset = scan.undefined_prefix
            line, column, source = _offset_position(text, offset)
            raise QuerySyntaxError(f"undefined prefix {prefix}: (declare it with PREFIX)",
                                   line, column, source) from None
        raise syntax_error(text, error) from None
    except OSError as error:
        raise QueryFailed(f"query failed: {error}") from None


def _collect(answer: object, limit: int | None) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [variable.value for variable in answer.variables]
        result = QueryResult("select", variables=variables)
        for solution in answer:
            if limit is not None and len(result.rows) >= limit:
                result.truncated = True
                break
            result.rows.append([solution[index] for index in range(len(variables))])
        return result
    result = QueryResult("graph")
    for triple in answer:  # type: ignore[attr-defined]
        if limit is not None and len(result.triples) >= limit:
            result.truncated = True
            break
        result.triples.append(triple)
    return result


# == formatting =======================================================================
def term_json(term: OxTerm) -> dict:
    """A term in the SPARQL 1.1 Query Results JSON Format (with RDF-star triples)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        encoded = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            encoded["datatype"] = term.datatype.value
        return encoded
    return {"type": "triple", "value": {
        "subject": term_json(term.subject), "predicate": term_json(term.predicate),
        "object": term_json(term.object)}}


def results_json(result: QueryResult) -> dict:
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {
        "head": {"vars": result.variables},
        "results": {"bindings": [
            {name: term_json(term)
             for name, term in zip(result.variables, row, strict=True) if term is not None}
            for row in result.rows
        ]},
    }


def serialize(result: QueryResult, fmt: str) -> bytes:
    """The result in a SPARQL results format (SELECT/ASK) or an RDF format (CONSTRUCT/DESCRIBE)."""
    if result.kind == "graph":
        if fmt not in _OX_RDF:
            raise HrkgError(f"{fmt} is a format for SELECT/ASK results; a graph result takes "
                            f"one of {', '.join(GRAPH_FORMATS)}")
        return ox.serialize(result.triples, format=_OX_RDF[fmt], prefixes=DEFAULT_PREFIXES) or b""
    if fmt not in _OX_RESULTS:
        raise HrkgError(f"{fmt} is a format for CONSTRUCT/DESCRIBE results; SELECT/ASK results "
                        f"take one of {', '.join(RESULTS_FORMATS)}")
    encoded = json.dumps(results_json(result), ensure_ascii=False).encode("utf-8")
    if fmt == "json":
        return encoded
    # Oxigraph's own writers produce the XML, CSV and TSV forms of the same solutions.
    parsed = ox.parse_query_results(encoded, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=_OX_RESULTS[fmt]) or b""


def display(term: OxTerm | None, prefixes: Mapping[str, str] = DEFAULT_PREFIXES) -> str:
    """A short human-readable form: prefixed names for IRIs, the plain value of literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = max((ns for ns in prefixes.values() if term.value.startswith(ns)), key=len,
                   default=None)
        if best is None:
            return term.value
        prefix = next(name for name, ns in prefixes.items() if ns == best)
        return f"{prefix}:{term.value[len(best):]}"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return f"<< {display(term.subject)} {display(term.predicate)} {display(term.object)} >>"


# == the query library ================================================================
@dataclass(frozen=True)
class QueryParam:
    """A declared parameter. ``kind`` None: a string literal; else the name of the class
    (``entity`` for any) whose members the value is resolved to, by name or identifier."""

    name: str
    meaning: str
    default: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class CannedQuery:
    """A ``.rq`` file with its header: ``# title:``, ``# description:``, ``# param:`` lines."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str

    @property
    def kinds(self) -> dict[str, str | None]:
        return {param.name: param.kind for param in self.params}

    def arguments(self, values: Mapping[str, str]) -> dict[str, str]:
        """Declared parameters filled from ``values`` or their defaults; unknown names refused."""
        declared = {param.name: param for param in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            accepted = ", ".join(declared) or "none"
            raise HrkgError(f"query {self.name} has no parameter {', '.join(unknown)} "
                            f"(parameters: {accepted})")
        filled = {}
        for name, param in declared.items():
            value = values.get(name, param.default)
            if value is None:
                raise HrkgError(f"query {self.name} needs --param {name}=… ({param.meaning})")
            filled[name] = value
        return filled


_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)(?:\s*\((?P<kind>[\w:]+)\))?\s*(?:—|–|--|-|:)\s*(?P<meaning>.*?)"
    r"(?:\s*\(default:?\s*(?P<default>[^()]*)\))?$")


def read_query_file(path: Path) -> CannedQuery:
    """A query file and its comment header (a file without one is just its text)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise HrkgError(f"{path}: cannot read the query: {error}") from None
    title, description, params = "", [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _HEADER.match(line)
        if not found:
            continue
        key, value = found.groups()
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        else:
            param = _PARAM.match(value)
            if not param:
                raise HrkgError(f"{path}: bad param line (want '# param: name [(class)] — "
                                f"meaning (default …)'): {line}")
            default = param["default"]
            params.append(QueryParam(param["name"], param["meaning"],
                                     default.strip() if default is not None else None,
                                     param["kind"]))
    return CannedQuery(Path(path).stem, Path(path), title, " ".join(description),
                       tuple(params), text)


def load_library(directory: Path | None = None) -> dict[str, CannedQuery]:
    """The canned queries by name (file stem), sorted by name."""
    folder = Path(directory) if directory else queries_dir()
    return {path.stem: read_query_file(path) for path in sorted(folder.glob("*.rq"))}


# == time-limited execution in worker processes =======================================
@dataclass(frozen=True)
class QueryJob:
    """One query for a worker: text, output format, parameters and dataset restrictions."""

    text: str
    fmt: str
    params: tuple[tuple[str, str], ...] = ()
    kinds: tuple[tuple[str, str | None], ...] = ()
    limit: int | None = None
    allow_service: bool = False
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryReply:
    payload: bytes
    kind: str
    count: int
    truncated: bool
    seconds: float


_ERRORS = {cls.__name__: cls for cls in (QueryRefused, QueryFailed, HrkgError)}


def _worker_main(connection, out_dir: str) -> None:  # runs in a child process
    try:
        store = open_store(Path(out_dir))
    except HrkgError as error:
        connection.send(("failed", str(error)))
        return
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        started = time.perf_counter()
        try:
            result = execute(store, job.text, params=dict(job.params), kinds=dict(job.kinds),
                             limit=job.limit,
                             allow_service=job.allow_service, default_graph=job.default_graph,
                             named_graphs=job.named_graphs)
            reply = QueryReply(serialize(result, job.fmt), result.kind, len(result),
                               result.truncated, time.perf_counter() - started)
            connection.send(("ok", reply))
        except QuerySyntaxError as error:
            connection.send(("syntax", (error.message, error.line, error.column,
                                        error.source_line)))
        except QueryRefused as error:
            connection.send(("refused", (str(error), error.reason)))
        except HrkgError as error:
            connection.send((type(error).__name__, str(error)))
        except Exception as error:  # noqa: BLE001 - report, keep serving
            connection.send(("QueryFailed", f"query failed: {type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, context, out_dir: Path) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, str(out_dir)),
                                       daemon=True, name="hrkg-query-worker")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, seconds: float) -> None:
        if self.ready:
            return
        if not self.connection.poll(seconds):
            raise QueryFailed("the query worker did not start")
        status, message = self.connection.recv()
        if status != "ready":
            raise QueryFailed(message)
        self.ready = True

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryPool:
    """Worker processes that each hold the store open; a query that overruns is killed.

    A thread cannot be stopped inside the engine, so each query runs in a child
    process: when its deadline passes, the process is killed (its CPU and memory
    are released at once), a fresh worker takes its place and the caller gets
    :class:`QueryTimeout`.
    """

    def __init__(self, out_dir: Path, *, size: int = 2, timeout: float = 10.0,
                 start_seconds: float = 60.0) -> None:
        self.out_dir = Path(out_dir)
        self.timeout = timeout
        self.start_seconds = start_seconds
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.out_dir)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> _Worker:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        return self._spawn()

    def worker_pids(self) -> list[int]:
        with self._lock:
            return sorted(w.process.pid for w in self._all if w.process.pid is not None)

    def run(self, job: QueryJob) -> QueryReply:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(f"the server is busy: no worker became free within "
                               f"{self.timeout:g} s; try again") from None
        try:
            worker.wait_ready(self.start_seconds)
            worker.connection.send(job)
            if not worker.connection.poll(self.timeout):
                worker = self._retire(worker)
                raise QueryTimeout(f"the query ran longer than the {self.timeout:g} s time "
                                   "limit and was stopped; narrow it down or add a LIMIT")
            status, detail = worker.connection.recv()
        except (EOFError, OSError) as error:
            worker = self._retire(worker)
            raise QueryFailed(f"the query worker stopped unexpectedly ({error})") from None
        except QueryFailed:
            worker = self._retire(worker)
            raise
        finally:
            self._idle.put(worker)
        if status == "ok":
            return detail
        if status == "syntax":
            raise QuerySyntaxError(*detail)
        if status == "refused":
            raise QueryRefused(*detail)
        raise _ERRORS.get(status, QueryFailed)(detail)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
