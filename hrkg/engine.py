"""Where the per-document tasks run: in the build's own process, or on Dask.

* ``workers=1`` and no scheduler: in this process, one after another (no cluster start-up;
  the default, right for small inputs).
* ``workers=N``: a ``dask.distributed.LocalCluster`` of N single-threaded worker processes
  on this machine (spaCy holds the GIL, so processes, not threads).
* ``scheduler="tcp://host:8786"``: an existing Dask cluster; its workers must have hrkg
  installed and see the input files at the same paths.

Outcomes are yielded as tasks finish (any order); each worker loads the extractor once
(:func:`hrkg.tasks.worker_extractor`). A task that dies with its worker becomes a failed
outcome of its own, never a failed build.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hrkg.core.errors import HrkgError
from hrkg.extract.reading.catalog import CatalogEntry
from hrkg.extract.reading.limits import InputLimits
from hrkg.tasks import DocumentOutcome, run_document


@dataclass(frozen=True)
class Job:
    index: int
    path: str
    entry: CatalogEntry | None


@dataclass(frozen=True)
class Engine:
    """How to run the tasks: ``workers`` local processes, or the cluster at ``scheduler``."""

    workers: int = 1
    scheduler: str | None = None

    @property
    def in_process(self) -> bool:
        return self.scheduler is None and self.workers <= 1

    def run(self, jobs: Sequence[Job], limits: InputLimits, root: Path | None = None,
            layout: str = "files") -> Iterator[DocumentOutcome]:
        """Each job's outcome, as it finishes; ``root``: the build root (document IRIs);
        ``layout``: the build's output layout (:func:`hrkg.tasks.run_document`)."""
        if not jobs:
            return
        if self.in_process:
            for job in jobs:
                yield run_document(job.index, job.path, job.entry, limits, root, layout)
            return
        yield from self._on_dask(jobs, limits, root, layout)

    def _on_dask(self, jobs: Sequence[Job], limits: InputLimits,
                 root: Path | None, layout: str) -> Iterator[DocumentOutcome]:
        from distributed import Client, LocalCluster, as_completed

        cluster = None
        try:
            if self.scheduler is None:
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
                client = Client(cluster)
            else:
                client = Client(self.scheduler, timeout="20s")
        except OSError as error:
            raise HrkgError(f"cannot reach the Dask scheduler {self.scheduler}: {error}") from None
        try:
            futures = {client.submit(run_document, job.index, job.path, job.entry, limits, root,
                                     layout, key=f"hrkg-document-{job.index}-{job.path}",
                                     pure=False): job
                       for job in jobs}
            for future in as_completed(futures):
                job = futures.pop(future)
                try:
                    outcome = future.result()
                except Exception as problem:  # the worker died (KilledWorker) or the task
                    reason = f"worker failed ({type(problem).__name__}: {problem})"
                    outcome = DocumentOutcome(index=job.index, path=job.path, error=reason)
                future.release()
                yield outcome
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
