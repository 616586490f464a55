"""Time-limited query execution: worker processes that each hold the store open.

A thread cannot be stopped inside the engine, so each query runs in a child process;
when its deadline passes the process is killed (its CPU and memory are released at
once), a fresh worker takes its place and the caller gets :class:`QueryTimeout`.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from hrkg.core.errors import HrkgError
from hrkg.sparql.errors import QueryFailed, QueryRefused, QuerySyntaxError, QueryTimeout
from hrkg.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS, FormatUnavailable, serialize
from hrkg.sparql.run import GRAPH, execute
from hrkg.sparql.store import GraphStore, current_id, open_store


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker: text, output formats, parameters and dataset restrictions.

    The answer is written in ``results_format`` (SELECT/ASK) or ``graph_format``
    (CONSTRUCT/DESCRIBE); None: the client accepts no format for that kind of answer.
    """

    text: str
    results_format: str | None = "json"
    graph_format: str | None = "ttl"
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


# errors a worker reports by class name and message (syntax errors and refusals carry more)
_ERRORS: dict[str, type[HrkgError]] = {
    cls.__name__: cls for cls in (QueryFailed, FormatUnavailable, HrkgError)}


def _answer(store: GraphStore, job: QueryJob) -> QueryReply:
    started = time.perf_counter()
    result = execute(store, job.text, params=dict(job.params), kinds=dict(job.kinds),
                     limit=job.limit, allow_service=job.allow_service,
                     default_graph=job.default_graph, named_graphs=job.named_graphs)
    fmt = job.graph_format if result.kind == GRAPH else job.results_format
    if fmt is None:
        available = GRAPH_FORMATS if result.kind == GRAPH else RESULTS_FORMATS
        raise FormatUnavailable(f"the requested format is not available for this query "
                                f"(available: {', '.join(available)})")
    return QueryReply(serialize(result, fmt), result.kind, len(result), result.truncated,
                      time.perf_counter() - started)


def _worker_main(connection, out_dir: str) -> None:  # runs in a child process
    try:
        store = open_store(Path(out_dir))
    except HrkgError as error:
        connection.send(("failed", str(error)))
        return
    connection.send(("ready", store.generation))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            connection.send(("ok", _answer(store, job)))
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
        self.generation = ""  # the build whose store it opened (known once ready)

    def wait_ready(self, seconds: float) -> None:
        if self.ready:
            return
        if not self.connection.poll(seconds):
            raise QueryFailed("the query worker did not start")
        status, message = self.connection.recv()
        if status != "ready":
            raise QueryFailed(message)
        self.ready, self.generation = True, message

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

    def _on_current_generation(self, worker: _Worker) -> _Worker:
        """``worker``, or a fresh one if a build has published a newer generation since it
        opened its store (workers busy with a query finish it on the old one first)."""
        for _attempt in range(3):
            worker.wait_ready(self.start_seconds)
            if worker.generation == current_id(self.out_dir):
                break
            worker = self._retire(worker)
        return worker

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
            worker = self._on_current_generation(worker)
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
            message, reason = detail
            raise QueryRefused(message, reason)
        raise _ERRORS.get(status, QueryFailed)(detail)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
