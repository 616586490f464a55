"""The SHACL-SPARQL constraints (``sh:sparql``) of the shapes, run once per query.

pyshacl parses such a query again for every focus node (tens of ms each); here each
query is prepared once and run over the whole graph (:class:`SparqlCheck`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import ResultRow
from rdflib.term import Node

from hrkg.graph.violations import Violation, severity_name, short_name

_TARGET_KINDS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_MESSAGE_VARIABLE = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class SparqlCheck:
    """A SHACL-SPARQL constraint run once over the whole graph.

    The query is run with ``$this`` unbound, keeping the rows whose ``?this`` is a focus
    node of the shape. That equals SHACL's pre-binding of ``$this`` when ``$this`` occurs
    in a triple pattern, as in every bundled query.
    """

    shape: Node
    targets: tuple[tuple[URIRef, Node], ...]  # (sh:targetClass | sh:targetNode | …, value)
    query: Query  # prepared once
    message: str
    severity: str
    path: Node | None

    def focus_nodes(self, graph: Graph) -> set[Node]:
        nodes: set[Node] = set()
        for kind, value in self.targets:
            if kind == SH.targetNode:
                nodes.add(value)
            elif kind == SH.targetClass:
                for cls in graph.transitive_subjects(RDFS.subClassOf, value):
                    nodes.update(graph.subjects(RDF.type, cls))
            elif kind == SH.targetSubjectsOf:
                nodes.update(graph.subjects(value, None))
            elif kind == SH.targetObjectsOf:
                nodes.update(graph.objects(None, value))
        return nodes

    def run(self, graph: Graph) -> list[Violation]:
        focus = self.focus_nodes(graph)
        if not focus:
            return []
        found = []
        for row in graph.query(self.query):
            assert isinstance(row, ResultRow)  # a SELECT query yields rows
            bound = {str(name): value for name, value in row.asdict().items()}
            this = bound.get("this")
            if this is None or this not in focus:
                continue
            found.append(Violation(
                focus=this,
                path=bound.get("path", self.path),
                constraint=SH.SPARQLConstraintComponent,
                message=_fill_message(self.message, bound),
                severity=self.severity,
                value=bound.get("value", this),
            ))
        return found


def split_sparql_constraints(shapes: Graph) -> tuple[Graph, tuple[SparqlCheck, ...]]:
    """(the shapes without their ``sh:sparql`` constraints, those constraints as checks)."""
    core = Graph()
    core += shapes
    checks = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=str):
        core.remove((shape, SH.sparql, constraint))
        if shapes.value(shape, SH.deactivated) == Literal(True) or \
                shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        namespaces = {
            str(shapes.value(declared, SH.prefix)): str(shapes.value(declared, SH.namespace))
            for owner in shapes.objects(constraint, SH.prefixes)
            for declared in shapes.objects(owner, SH.declare)
        }
        text = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        severity = shapes.value(shape, SH.severity)
        checks.append(SparqlCheck(
            shape=shape,
            targets=tuple(sorted(
                ((kind, value) for kind in _TARGET_KINDS for value in shapes.objects(shape, kind)),
                key=str,
            )),
            query=prepareQuery(text, initNs=namespaces),
            message=str(shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
                        or "SPARQL constraint not met"),
            severity=severity_name(severity),
            path=shapes.value(shape, SH.path),
        ))
    return core, tuple(checks)


def _fill_message(template: str, bound: Mapping[str, Node]) -> str:
    """Replace ``{?var}`` and ``{$var}`` in a SHACL message with the row's values."""
    return _MESSAGE_VARIABLE.sub(
        lambda match: _display(bound.get(match.group(1))), template
    )


def _display(node: Node | None) -> str:
    return str(node) if isinstance(node, Literal) else short_name(node)
