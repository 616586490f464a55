"""The query pool's limits (hrkg.sparql.pool) on the demo graph: memory cap per worker,
the slow lane (bounded, low priority, quick queries still served), CPU time as the
measure of slow, and the size and nesting limits checked before any parser."""

from __future__ import annotations

import os
import threading
import time

import pytest

from hrkg.sparql.errors import QueryFailed, QuerySyntaxError, QueryTimeout
from hrkg.sparql.limits import MAX_NESTING, check_query_limits, nesting_depth
from hrkg.sparql.pool import PoolLimits, QueryJob, QueryPool

UDHR = "https://w3id.org/hrkg/id/instrument/udhr"
QUICK = QueryJob(f"ASK {{ <{UDHR}> ?p ?o }}")
RUNAWAY = QueryJob("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
# sorts the cross product of all triples with itself: memory grows until something stops it
HOG = QueryJob("SELECT ?a ?c WHERE { ?a ?b ?o . ?c ?d ?e } ORDER BY ?o ?e")


@pytest.fixture
def pool_of(demo_out):
    pools: list[QueryPool] = []

    def make(size: int, **limits) -> QueryPool:
        pool = QueryPool(demo_out, size=size, limits=PoolLimits(**limits))
        pools.append(pool)
        pool.run(QUICK)  # started
        return pool

    yield make
    for pool in pools:
        pool.close()


def test_a_query_over_the_memory_cap_fails_alone(pool_of):
    pool = pool_of(2, timeout=20, memory_mb=800)
    started = time.perf_counter()
    with pytest.raises(QueryFailed, match="800 MB memory limit"):
        pool.run(HOG)
    assert time.perf_counter() - started < 15
    assert pool.run(QUICK).payload  # a fresh worker took its place


def test_slow_lane_is_bounded_and_quick_queries_go_on(pool_of):
    pool = pool_of(3, timeout=3, slow_after=0.3, slow_slots=1)
    outcomes: dict[int, tuple[str, float]] = {}

    def runaway(number: int) -> None:
        started = time.perf_counter()
        try:
            pool.run(RUNAWAY)
            outcomes[number] = ("answered", time.perf_counter() - started)
        except QueryTimeout as error:
            outcomes[number] = (str(error), time.perf_counter() - started)

    hogs = [threading.Thread(target=runaway, args=(n,)) for n in range(2)]
    for hog in hogs:
        hog.start()
    niceness: set[int] = set()
    deadline = time.perf_counter() + 2.5
    while 19 not in niceness and time.perf_counter() < deadline:
        time.sleep(0.05)
        for pid in pool.worker_pids():
            try:
                niceness.add(os.getpriority(os.PRIO_PROCESS, pid))
            except OSError:  # replaced meanwhile
                pass
    quick = []
    for _ in range(10):
        started = time.perf_counter()
        pool.run(QUICK)
        quick.append(time.perf_counter() - started)
    for hog in hogs:
        hog.join(10)
    messages = sorted(outcomes.values(), key=lambda outcome: outcome[1])  # by time
    assert "already runs 1 slow query" in messages[0][0] and messages[0][1] < 2.0
    assert "3 s time limit" in messages[1][0] and 2.5 < messages[1][1] < 5
    assert 19 in niceness, "the slow query does not run at low priority"
    assert max(quick) < 1.0, quick


def test_waiting_for_a_busy_cpu_does_not_make_a_query_slow(pool_of):
    """Slow is measured in CPU time: a quick query is never demoted for waiting."""
    pool = pool_of(2, timeout=5, slow_after=0.2, slow_slots=1)
    stop = threading.Event()

    def burn() -> None:  # keeps this machine's CPUs busy in this process's threads
        while not stop.is_set():
            sum(range(10_000))

    burners = [threading.Thread(target=burn) for _ in range(4)]
    for burner in burners:
        burner.start()
    try:
        for _ in range(20):
            pool.run(QUICK)
    finally:
        stop.set()
        for burner in burners:
            burner.join()


@pytest.mark.parametrize("text, depth", [
    ('SELECT * WHERE { ?s ?p "{{{{" . FILTER (?a < ?b) } # {{{{', 2),
    ("SELECT * WHERE { ?s ?p '''{(['''. ?s <http://x/{> ?o }", 2),
    ("SELECT * WHERE { FILTER (?a<" + "(" * 30 + "1" + ")" * 30 + ">?b) }", 32),
    ("SELECT * WHERE { ?s ?p [ ?q [ ?r ?o ] ] }", 3),
])
def test_nesting_is_counted_outside_strings_and_comments(text, depth):
    assert nesting_depth(text)[0] == depth


def test_size_and_nesting_limits():
    check_query_limits("SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    with pytest.raises(QuerySyntaxError, match="more than 24 levels"):
        check_query_limits("SELECT * WHERE " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))
    with pytest.raises(QuerySyntaxError, match="the limit is 200,000"):
        check_query_limits("ASK {}" + " " * 200_000)
