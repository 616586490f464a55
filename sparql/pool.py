"""Time- and memory-limited query execution: worker processes that each hold the store open.

A thread cannot be stopped inside the engine, so each query runs in a child process.
Limits, per worker process:

- **memory**: the address space is capped (``RLIMIT_AS``, ``memory_mb``, set once the
  store is open); a query that needs more fails in its worker, which is replaced;
- **time**: the caller stops waiting at ``timeout`` seconds and kills the process (its CPU
  and memory are released at once); ``RLIMIT_CPU`` is a second guard in the worker;
- **slow lane**: a query that has used ``slow_after`` seconds of CPU time is slow (CPU,
  not wall time: a quick query waiting for a busy CPU does not turn slow). At most
  ``slow_slots`` slow queries run at once (fewer than the workers), at the lowest CPU
  priority (``nice 19``); a query turning slow while every slot is taken is stopped at
  once (503). So ``size - slow_slots`` workers always serve quick queries, and slow
  ones only use CPU the quick ones leave.

Workers start from a fork server that has the engine imported (about 0.1 s each), a
killed or slow worker is replaced in the background, and only started workers wait
in the idle queue. A worker serves one build generation: an idle worker on an older
generation is replaced before its next query.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hrkg.core.errors import HrkgError
from hrkg.sparql.errors import (
    QueryFailed,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
)
from hrkg.sparql.formats import GRAPH_FORMATS, RESULTS_FORMATS, FormatUnavailable, serialize
from hrkg.sparql.run import GRAPH, execute
from hrkg.sparql.store import GraphStore, current_id, open_store

SLOW_NICE = 19
POLL_SECONDS = 0.05  # how often a running query's CPU time is read
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker: text, output formats, parameters and dataset restrictions.

    The answer is written in ``results_format`` (SELECT/ASK) or ``graph_format``
    (CONSTRUCT/DESCRIBE); None: the client accepts no format for that kind of answer.
    ``over_limit`` says what an answer longer than ``limit`` becomes: ``"cut"`` (the
    first ``limit`` rows, marked truncated) or ``"error"`` (:class:`ResultTooLarge`).
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
    over_limit: str = "cut"


@dataclass(frozen=True)
class QueryReply:
    payload: bytes
    kind: str
    count: int
    truncated: bool
    seconds: float


@dataclass(frozen=True)
class PoolLimits:
    """What one query may use: wall time, address space, and when it counts as slow."""

    timeout: float = 10.0
    memory_mb: int = 2048
    slow_after: float = 0.25
    slow_slots: int = 1


# errors a worker reports by class name and message (syntax errors and refusals carry more)
_ERRORS: dict[str, type[HrkgError]] = {
    cls.__name__: cls for cls in (QueryFailed, FormatUnavailable, ResultTooLarge, HrkgError)}


def _answer(store: GraphStore, job: QueryJob) -> QueryReply:
    started = time.perf_counter()
    result = execute(store, job.text, params=dict(job.params), kinds=dict(job.kinds),
                     limit=job.limit, allow_service=job.allow_service,
                     default_graph=job.default_graph, named_graphs=job.named_graphs)
    if result.truncated and job.over_limit == "error":
        noun = "triples" if result.kind == GRAPH else "rows"
        raise ResultTooLarge(f"the answer has more than {job.limit} {noun}, this server's "
                             "limit (--max-rows): add a LIMIT (and OFFSET to page through it)")
    fmt = job.graph_format if result.kind == GRAPH else job.results_format
    if fmt is None:
        available = GRAPH_FORMATS if result.kind == GRAPH else RESULTS_FORMATS
        raise FormatUnavailable(f"the requested format is not available for this query "
                                f"(available: {', '.join(available)})")
    return QueryReply(serialize(result, fmt), result.kind, len(result), result.truncated,
                      time.perf_counter() - started)


def _limit_cpu(seconds: float) -> None:
    """Let this process use ``seconds`` more CPU time (then the kernel stops it)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(usage.ru_utime + usage.ru_stime + seconds) + 2
    if hard == resource.RLIM_INFINITY or soft <= hard:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _worker_main(connection, out_dir: str, limits: PoolLimits) -> None:  # in a child process
    try:
        store = open_store(Path(out_dir))
    except HrkgError as error:
        connection.send(("failed", str(error)))
        return
    # capped once the store is open: the engine starts its threads while opening, and a
    # thread's stack reserved under a low cap failed now and then ('Resource temporarily
    # unavailable', the worker gone before it was ready); the cap is for queries
    cap = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    connection.send(("ready", store.generation))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        _limit_cpu(limits.timeout)
        try:
            connection.send(("ok", _answer(store, job)))
        except QuerySyntaxError as error:
            connection.send(("syntax", (error.message, error.line, error.column,
                                        error.source_line)))
        except QueryRefused as error:
            connection.send(("refused", (str(error), error.reason)))
        except HrkgError as error:
            connection.send((type(error).__name__, str(error)))
        except MemoryError:
            connection.send(("QueryFailed", f"the query needed more than the "
                                            f"{limits.memory_mb} MB memory limit"))
        except Exception as error:  # noqa: BLE001 - report, keep serving
            connection.send(("QueryFailed", f"query failed: {type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, context, out_dir: Path, limits: PoolLimits) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, str(out_dir), limits),
                                       daemon=True, name="hrkg-query-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.failed: str | None = None
        self.generation = ""  # the build whose store it opened (known once ready)

    def wait_ready(self, seconds: float) -> None:
        if self.ready:
            return
        if self.failed is None:
            if not self.connection.poll(seconds):
                self.failed = "the query worker did not start"
            else:
                try:
                    status, message = self.connection.recv()
                except (EOFError, OSError):
                    status, message = "failed", "the query worker stopped while starting"
                if status == "ready":
                    self.ready, self.generation = True, message
                    return
                self.failed = message
        raise QueryFailed(self.failed)

    def cpu_seconds(self) -> float | None:
        """CPU time the worker process has used (None where /proc cannot tell)."""
        try:
            with open(f"/proc/{self.process.pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime

    def slow_down(self) -> None:
        """Lowest CPU priority for the rest of this worker's life."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid or 0, SLOW_NICE)
        except OSError:
            pass

    def death(self, limits: PoolLimits) -> str:
        """Why the worker process ended while running a query."""
        self.process.join(1)
        code = self.process.exitcode
        if code == -signal.SIGXCPU:
            return f"the query used more than {limits.timeout:g} s of CPU time and was stopped"
        if code in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS):
            return (f"the query worker stopped (signal {-code}); most likely the query needed "
                    f"more than the {limits.memory_mb} MB memory limit")
        return f"the query worker stopped unexpectedly (exit code {code})"

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


def _context():
    """A fork server with the engine imported: a new worker starts in about 0.1 s."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


class QueryPool:
    """``size`` worker processes that each hold the store open, with the limits above."""

    def __init__(self, out_dir: Path, *, size: int = 4, timeout: float = 10.0,
                 limits: PoolLimits | None = None, start_seconds: float = 60.0) -> None:
        self.out_dir = Path(out_dir)
        self.limits = limits or PoolLimits(timeout=timeout,
                                           slow_slots=max(1, min(size - 1, size // 2)))
        self.timeout = self.limits.timeout
        self.start_seconds = start_seconds
        self._context = _context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._slow = threading.BoundedSemaphore(self.limits.slow_slots)
        self._closed = False
        for _ in range(size):
            self._replace_later(None)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.out_dir, self.limits)
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)

    def _retire(self, worker: _Worker) -> _Worker:
        """Stop ``worker``; a fresh one (started) takes its place, for this caller."""
        self._discard(worker)
        fresh = self._spawn()
        fresh.wait_ready(self.start_seconds)
        return fresh

    def _replace_later(self, worker: _Worker | None) -> None:
        """Stop ``worker`` (if any); a fresh one joins the idle queue once it has started."""
        if worker is not None:
            self._discard(worker)
        if self._closed:
            return
        fresh = self._spawn()

        def bring_up() -> None:
            try:
                fresh.wait_ready(self.start_seconds)
            except QueryFailed:
                pass  # the caller that takes it gets the reason
            self._idle.put(fresh)

        threading.Thread(target=bring_up, name="hrkg-worker-start", daemon=True).start()

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
        except QueryFailed:
            self._replace_later(worker)
            raise
        try:
            status, detail = self._evaluate(worker, job)
        except (EOFError, OSError):
            message = worker.death(self.limits)
            self._replace_later(worker)
            raise QueryFailed(message) from None
        if status == "ok":
            return detail
        if status == "syntax":
            raise QuerySyntaxError(*detail)
        if status == "refused":
            message, reason = detail
            raise QueryRefused(message, reason)
        raise _ERRORS.get(status, QueryFailed)(detail)

    def _evaluate(self, worker: _Worker, job: QueryJob) -> tuple[str, Any]:
        """Send ``job`` to ``worker`` and wait for its answer, in the quick or slow lane;
        the worker goes back to the idle queue or is replaced."""
        limits = self.limits
        started, cpu_before = time.monotonic(), worker.cpu_seconds()
        worker.connection.send(job)
        while not worker.connection.poll(POLL_SECONDS):
            elapsed, cpu = time.monotonic() - started, worker.cpu_seconds()
            if elapsed >= limits.timeout:
                self._replace_later(worker)
                raise QueryTimeout(f"the query ran longer than the {limits.timeout:g} s time "
                                   "limit and was stopped; narrow it down or add a LIMIT")
            used = elapsed if cpu is None or cpu_before is None else cpu - cpu_before
            if used >= limits.slow_after:
                return self._evaluate_slowly(worker, limits.timeout - elapsed)
        answer = worker.connection.recv()
        self._idle.put(worker)
        return answer

    def _evaluate_slowly(self, worker: _Worker, remaining: float) -> tuple[str, Any]:
        """Wait for a slow query in one of the slow slots, at low priority; stop it at
        once if every slot is taken. The worker is replaced either way."""
        limits = self.limits
        if not self._slow.acquire(blocking=False):
            self._replace_later(worker)
            raise QueryTimeout(
                f"the query used {limits.slow_after:g} s of CPU while this server already "
                f"runs {limits.slow_slots} slow quer{'y' if limits.slow_slots == 1 else 'ies'}; "
                "it was stopped: try again later, or narrow it down or add a LIMIT")
        try:
            worker.slow_down()
            if not worker.connection.poll(max(remaining, 0)):
                self._replace_later(worker)
                raise QueryTimeout(f"the query ran longer than the {limits.timeout:g} s time "
                                   "limit and was stopped; narrow it down or add a LIMIT")
            answer = worker.connection.recv()
            self._replace_later(worker)  # its priority cannot be raised again
            return answer
        finally:
            self._slow.release()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
