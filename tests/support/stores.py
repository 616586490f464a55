"""Other triple stores for the tests: a throwaway Virtuoso server and Apache Jena's tools.

:class:`Virtuoso` runs Debian's ``virtuoso-t`` on loopback with a database of its own
in a temporary folder and free ports, and loads files with its bulk loader (``ld_dir``,
``rdf_loader_run``); :class:`Jena` runs Debian's Jena 4.5 through ``jena.sh`` beside
this file (``qparse``, TDB2 loader and query). Both load any file ``hrkg build`` writes
(Turtle into one graph; TriG and N-Quads keep their named graphs) and answer SELECT
queries as SPARQL 1.1 JSON results, which :func:`solutions` turns into comparable rows.
Every wait is bounded, and every process started here is stopped by its own id.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest

JENA_SH = Path(__file__).with_name("jena.sh")
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + name for name in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
QUAD_SUFFIXES = (".trig", ".nq")


class StoreError(RuntimeError):
    """A store refused a file or a query; the message is the store's own first line."""


# == results ==============================================================================
Term = tuple[str, ...] | None


def term(binding: Mapping[str, str] | None) -> Term:
    """A SPARQL JSON result term as a comparable value.

    IRIs by their text; literals by lexical form and language tag (lower case), numbers
    by value (Oxigraph writes ``0.9`` for the decimal ``"0.90"``, Jena keeps ``0.90``);
    blank nodes alike, as their labels are local to one result.
    """
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ("iri", value)
    if kind == "bnode":
        return ("bnode",)
    if binding.get("datatype") in NUMERIC:
        try:
            return ("number", format(Decimal(value).normalize(), "f"))
        except InvalidOperation:
            pass
    return ("literal", value, binding.get("xml:lang", "").lower())


@dataclass(frozen=True)
class Solutions:
    """SELECT results as a multiset of rows, each row's terms in sorted variable order."""

    variables: tuple[str, ...]
    rows: Counter[tuple[Term, ...]]

    def __len__(self) -> int:
        return sum(self.rows.values())


def solutions(results: Mapping) -> Solutions:
    """The rows of SPARQL 1.1 Query Results JSON (``application/sparql-results+json``)."""
    variables = tuple(sorted(results["head"]["vars"]))
    return Solutions(variables, Counter(
        tuple(term(row.get(name)) for name in variables)
        for row in results["results"]["bindings"]))


def require(what: str, available: bool) -> None:
    """Skip a test whose store is not installed (``make system-deps``); in CI, fail it."""
    if available:
        return
    message = f"{what} not installed: run `make system-deps`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def graph_names(files: Iterable[Path]) -> list[str]:
    """The named graphs of RDF files (none for Turtle), sorted: a union's members."""
    names = {quad.graph_name.value for path in files
             for quad in ox.parse(path=str(path), format=ox.RdfFormat.from_extension(
                 path.suffix.lstrip(".")))
             if isinstance(quad.graph_name, ox.NamedNode)}
    return sorted(names)


# == processes ============================================================================
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(command: Sequence[str], *, timeout: float, what: str,
        env: Mapping[str, str] | None = None) -> str:
    """Standard output of ``command``; a :class:`StoreError` with its first error line."""
    try:
        done = subprocess.run(list(command), capture_output=True, text=True, timeout=timeout,
                              check=False, env={**os.environ, **env} if env else None)
    except subprocess.TimeoutExpired:
        raise StoreError(f"{what}: no answer within {timeout:g} s") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        detail = next((line for line in lines if not line.startswith(("\tat ", "["))),
                      lines[-1] if lines else "")
        raise StoreError(f"{what} failed ({done.returncode}): {detail}")
    return done.stdout


def hrkg(*args: str | Path, timeout: float = 120.0) -> str:
    """Standard output of the ``hrkg`` command line, run as a user would."""
    return run([sys.executable, "-m", "hrkg", *map(str, args)], timeout=timeout,
               what=f"hrkg {' '.join(map(str, args[:2]))}")


# == Virtuoso =============================================================================
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {load}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 500M
ThreadsPerQuery = 2
CheckpointInterval = 0
VADInstallDir = {db}/vad

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}/www
MaxClientConnections = 4
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


class Virtuoso:
    """A Virtuoso 7 server of its own: database in ``workdir``, loopback ports chosen free.

    Answers SPARQL over HTTP (``/sparql``) and SQL through ``isql-vt`` (user dba, the
    password of a new database; nothing listens beyond 127.0.0.1).
    """

    SERVER = "virtuoso-t"
    ISQL = "isql-vt"

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir)
        self.db = self.workdir / "db"
        self.load_dir = self.workdir / "load"
        self.sql_port = free_port()
        self.http_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @classmethod
    def available(cls) -> bool:
        return bool(shutil.which(cls.SERVER) and shutil.which(cls.ISQL))

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def start(self, timeout: float = 90.0) -> Virtuoso:
        """Start the server and wait (at most ``timeout`` s) until it answers SQL."""
        for folder in (self.db, self.db / "www", self.db / "vad", self.load_dir):
            folder.mkdir(parents=True, exist_ok=True)
        ini = self.workdir / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(db=self.db, load=self.load_dir,
                                           sql_port=self.sql_port, http_port=self.http_port))
        log = (self.workdir / "server.out").open("wb")
        self.process = subprocess.Popen(
            [self.SERVER, "+foreground", "+configfile", str(ini)], cwd=self.workdir,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StoreError(f"virtuoso-t exited ({self.process.returncode}): "
                                 f"{self._log_tail()}")
            try:
                self.isql("select 1;", timeout=5)
                return self
            except StoreError:
                time.sleep(0.5)
        self.stop()
        raise StoreError(f"virtuoso-t did not answer within {timeout:g} s: {self._log_tail()}")

    def _log_tail(self) -> str:
        out = self.workdir / "server.out"
        lines = out.read_text(errors="replace").splitlines() if out.exists() else []
        return lines[-1] if lines else "(no output)"

    def isql(self, statements: str, timeout: float = 120.0) -> str:
        """Run SQL statements (``;``-separated) as dba; an error in any is a StoreError."""
        output = run([self.ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba",
                      "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT",
                      f"exec={statements}"], timeout=timeout, what="isql")
        errors = [line for line in output.splitlines() if line.startswith("*** Error")]
        if errors:
            raise StoreError(f"isql: {errors[0]}")
        return output

    def load(self, files: Iterable[Path], graph: str) -> None:
        """Bulk-load ``files``: triples into ``graph``, quads into their own graphs."""
        names = []
        for path in files:
            shutil.copyfile(path, self.load_dir / path.name)
            names.append(path.name)
        loads = " ".join(f"ld_dir('{self.load_dir}', '{name}', '{graph}');" for name in names)
        self.isql(f"{loads} rdf_loader_run(); checkpoint;", timeout=300)
        failed = self.isql("select ll_file, ll_error from DB.DBA.LOAD_LIST "
                           "where ll_error is not null or ll_state <> 2;")
        if any(name in failed for name in names):
            raise StoreError(f"virtuoso bulk loader: {failed.strip()}")

    def select(self, query: str, default_graphs: Sequence[str] = (),
               timeout: float = 120.0) -> dict:
        """SPARQL results (JSON) of ``query``; no default graph given: all graphs, merged."""
        fields = [("query", query)] + [("default-graph-uri", g) for g in default_graphs]
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode(fields).encode(),
            headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.headers.get("X-SQL-State") or response.headers.get("X-SPARQL-MaxRows"):
                    raise StoreError("virtuoso: partial result "
                                     f"({response.headers.get('X-SQL-Message', 'row limit')})")
                return json.load(response)
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace").strip()
            raise StoreError(f"virtuoso: HTTP {error.code}: {body.splitlines()[0] if body else ''}"
                             ) from None

    def stop(self, timeout: float = 30.0) -> None:
        """Shut down cleanly (checkpoint and exit); kill the server if it does not."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.isql("shutdown;", timeout=timeout)
        except StoreError:
            pass  # the connection closes as the server goes down
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def remove_database(self) -> None:
        """Delete the stopped server's database (its log and ini stay)."""
        if self.process is not None and self.process.poll() is None:
            raise StoreError("virtuoso: stop the server before removing its database")
        shutil.rmtree(self.db, ignore_errors=True)

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# == Apache Jena =========================================================================
# short JVM runs: the quick C1 compiler only and a serial collector (half the CPU time)
JAVA_OPTS = "-Xmx2G -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
SPARQL_11 = "--syntax=SPARQL_11"  # ARQ's parser without its extensions


class Jena:
    """Jena's command-line tools (Debian's jars run by ``jena.sh``) over a TDB2 database.

    TDB2 lets one process at a time open a database, so :meth:`load` can keep copies
    for queries to run side by side (:meth:`select` is thread-safe).
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir)
        self.union_default_graph = False
        self._locations: queue.Queue[Path] = queue.Queue()
        self._count = itertools.count()

    @staticmethod
    def available() -> bool:
        return bool(shutil.which("java") and shutil.which("unzip")) and \
            Path("/usr/share/java/jena-arq.jar").is_file()

    @staticmethod
    def command(tool: str, *args: str) -> list[str]:
        """The command line running Jena's ``tool`` (arq, qparse, riot, tdb2.tdbloader …)."""
        return ["bash", str(JENA_SH), tool, *args]

    def tool(self, tool: str, *args: str, timeout: float = 120.0) -> str:
        env = {"JENA_JAVA_OPTS": JAVA_OPTS, "JENA_XERCES_DIR": str(self.workdir / "xerces")}
        return run(self.command(tool, *args), timeout=timeout, what=f"jena {tool}", env=env)

    def _query_file(self, query: str) -> Path:
        self.workdir.mkdir(parents=True, exist_ok=True)
        path = self.workdir / f"query-{next(self._count)}.rq"
        path.write_text(query, encoding="utf-8")
        return path

    def parse(self, query: str) -> str:
        """Jena's own rewrite of ``query``; a :class:`StoreError` if ARQ refuses it."""
        return self.tool("qparse", SPARQL_11, "--query", str(self._query_file(query)),
                         timeout=60)

    def arq(self, query: str, data: Sequence[Path], timeout: float = 120.0) -> dict:
        """Results (JSON) of ``query`` over ``data`` read into memory (no database)."""
        args = [f"--data={path}" for path in data]
        return json.loads(self.tool("arq", SPARQL_11, *args, "--results=json",
                                    "--query", str(self._query_file(query)), timeout=timeout))

    def load(self, files: Iterable[Path], *, union_default_graph: bool = False,
             copies: int = 1) -> None:
        """Load ``files`` into a new TDB2 database (TriG and N-Quads keep their graphs).

        With ``union_default_graph``, queries see the union of the named graphs as their
        default graph (``tdb:unionDefaultGraph``); else the default graph holds only what
        was loaded without a graph name (Turtle, or a quad file's default graph).
        """
        first = self.workdir / "tdb2-0"
        if first.exists():
            raise StoreError(f"jena: {first} is loaded already")
        self.tool("tdb2.tdbloader", "--loc", str(first), *map(str, files), timeout=300)
        self._locations.put(first)
        for number in range(1, copies):
            copy = self.workdir / f"tdb2-{number}"
            shutil.copytree(first, copy, ignore=shutil.ignore_patterns("tdb.lock"))
            self._locations.put(copy)
        self.union_default_graph = union_default_graph

    def close(self) -> None:
        """Delete the databases (about 100 MB each); queries and logs stay."""
        while not self._locations.empty():
            shutil.rmtree(self._locations.get(), ignore_errors=True)

    def select(self, query: str, timeout: float = 120.0) -> dict:
        """Results (JSON) of ``query`` over the loaded database."""
        location = self._locations.get(timeout=timeout)
        try:
            args = ["--loc", str(location), SPARQL_11, "--results=json"]
            if self.union_default_graph:
                args += ["--set", "tdb:unionDefaultGraph=true"]
            return json.loads(self.tool("tdb2.tdbquery", *args, "--query",
                                        str(self._query_file(query)), timeout=timeout))
        finally:
            self._locations.put(location)
