"""Validate a built graph against the graph contract: SHACL shapes plus whole-graph checks.

The SHACL shapes (``ontology/shapes.ttl``) run through pyshacl without inference:
the builder materializes types, so shapes read only what is asserted. The shapes'
SPARQL-based constraints run once per query (``hrkg.graph.sparql_constraints``);
checks that relate many nodes at once run in Python (``hrkg.graph.checks``).
Results are :class:`~hrkg.graph.violations.Violation` records, printed by
``hrkg.graph.violations.format_report``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph
from rdflib.namespace import SH

from hrkg.core.errors import HrkgError
from hrkg.core.paths import ontology_dir
from hrkg.graph.checks import graph_checks
from hrkg.graph.files import read_rdf_file, union_graph
from hrkg.graph.sparql_constraints import SparqlCheck, split_sparql_constraints
from hrkg.graph.violations import ValidationReport, Violation, severity_name


def default_shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def default_ontology_path() -> Path:
    return ontology_dir() / "hrkg.ttl"


def validate_graph(
    data: Graph, *, shapes: Path | None = None, ontology: Path | None = None
) -> ValidationReport:
    """Validate ``data`` (a Graph, or a Dataset validated as the union of its graphs)
    against ``shapes`` (default: the bundled shapes) and the ontology's terms."""
    graph = union_graph(data)
    shapes_path = Path(shapes) if shapes else default_shapes_path()
    core_shapes, sparql_checks = _load_shapes(shapes_path)
    ontology_graph = _load_cached(Path(ontology) if ontology else default_ontology_path())
    try:
        _, results, _ = pyshacl.validate(
            graph,
            shacl_graph=core_shapes,
            inference="none",
            allow_warnings=True,
            allow_infos=True,
        )
    except Exception as error:  # pyshacl reports broken shapes as assorted runtime errors
        raise HrkgError(f"{shapes_path}: cannot validate: {error}") from None
    found = set(_shacl_violations(results))
    for check in sparql_checks:
        found.update(check.run(graph))
    found.update(graph_checks(graph, ontology_graph))
    violations = sorted(found, key=Violation.sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations, triples=len(graph))


def _shacl_violations(results: Graph) -> Iterator[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        constraint = results.value(result, SH.sourceConstraintComponent)
        if focus is None or constraint is None:  # SHACL requires both in every result
            continue
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(
            focus=focus,
            path=results.value(result, SH.resultPath),
            constraint=constraint,
            message="; ".join(messages),
            severity=severity_name(results.value(result, SH.resultSeverity)),
            value=results.value(result, SH.value),
        )


# ---------------------------------------------------------------- shapes and ontology, cached


@lru_cache(maxsize=4)
def _parsed(path: str, mtime: float) -> Graph:
    return read_rdf_file(Path(path))


def _load_cached(path: Path) -> Graph:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise HrkgError(f"{path}: no such file") from None
    return _parsed(str(path), mtime)


@lru_cache(maxsize=4)
def _split_shapes(path: str, mtime: float) -> tuple[Graph, tuple[SparqlCheck, ...]]:
    shapes = _parsed(path, mtime)
    try:
        return split_sparql_constraints(shapes)
    except Exception as error:  # a malformed query or prefix declaration
        raise HrkgError(f"{path}: bad SPARQL constraint: {error}") from None


def _load_shapes(path: Path) -> tuple[Graph, tuple[SparqlCheck, ...]]:
    _load_cached(path)  # raises a clear error for a missing or unparseable file
    return _split_shapes(str(path), path.stat().st_mtime)
