"""Validate a built graph against the graph contract: SHACL shapes plus a few whole-graph checks.

The SHACL shapes (``ontology/shapes.ttl``) run through pyshacl without inference:
the builder materializes types, so shapes read only what is asserted. The shapes'
SPARQL-based constraints are run here, once per query rather than once per node
(:class:`SparqlCheck`). Checks that relate many nodes at once run here in Python:

- every ``hr:`` class and property used is declared in ``ontology/hrkg.ttl``;
- ``nif:anchorOf`` is exactly as long as ``nif:endIndex - nif:beginIndex``;
- a mention's document ``hr:mentions`` the entity the mention denotes, which is an entity;
- the relation an ``hr:Evidence`` record supports is asserted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, SH, NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from hrkg.core.errors import HrkgError
from hrkg.core.paths import ontology_dir
from hrkg.graph.namespaces import HR, NIF, bind_prefixes

HRSH = Namespace("https://w3id.org/hrkg/shapes#")

GRAPH_FILE = "graph.ttl"
SEVERITY_ORDER = ("Violation", "Warning", "Info")
_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads"}
_TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_TARGET_KINDS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_MESSAGE_VARIABLE = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class Violation:
    """One validation result: which node broke which constraint, along which path."""

    focus: Node
    path: Node | None
    constraint: URIRef  # sh:…ConstraintComponent, or hrsh:… for the whole-graph checks
    message: str
    severity: str = "Violation"  # one of SEVERITY_ORDER
    value: Node | None = None

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (
            SEVERITY_ORDER.index(self.severity),
            str(self.focus),
            str(self.path or ""),
            str(self.constraint),
            self.message,
            str(self.value or ""),
        )


@dataclass
class ValidationReport:
    """Outcome of :func:`validate_graph`; ``conforms`` ignores warnings and infos."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)


# ---------------------------------------------------------------- loading


def default_shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def default_ontology_path() -> Path:
    return ontology_dir() / "hrkg.ttl"


def parse_rdf_file(path: Path) -> Graph:
    """Parse a .ttl/.trig/.nt/.nq file; a quad format is returned as a ``Dataset``.

    Raises HrkgError naming the file (and the line, for syntax errors).
    """
    if not path.is_file():
        raise HrkgError(f"{path}: no such file")
    rdf_format = _FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise HrkgError(f"{path}: not an RDF file (expected {', '.join(sorted(_FORMATS))})")
    graph: Graph = Dataset() if rdf_format in ("trig", "nquads") else Graph()
    try:
        graph.parse(path, format=rdf_format)
    except SyntaxError as error:  # rdflib's BadSyntax; .lines is 0-based
        line = getattr(error, "lines", None)
        where = f"line {line + 1}: " if isinstance(line, int) else ""
        reason = getattr(error, "_why", None) or str(error).splitlines()[0]
        raise HrkgError(f"{path}: {where}invalid {rdf_format}: {reason}") from None
    except (ValueError, UnicodeDecodeError, OSError) as error:
        raise HrkgError(f"{path}: cannot read as {rdf_format}: {error}") from None
    return graph


def load_output_graph(out_dir: Path) -> Graph:
    """The built graph ``out_dir/graph.ttl`` (the union of all named graphs)."""
    path = Path(out_dir) / GRAPH_FILE
    if not path.is_file():
        raise HrkgError(f"{path}: no such file (run 'hrkg build' first)")
    return parse_rdf_file(path)


@lru_cache(maxsize=4)
def _parsed(path: str, mtime: float) -> Graph:
    return parse_rdf_file(Path(path))


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


# ---------------------------------------------------------------- validation


def validate_graph(
    data: Graph | Dataset, *, shapes: Path | None = None, ontology: Path | None = None
) -> ValidationReport:
    """Validate ``data`` (a Graph, or a Dataset/ConjunctiveGraph validated as the union of
    its graphs) against ``shapes`` (default: the bundled shapes) and the ontology's terms."""
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


def severity_name(severity: Node | None) -> str:
    """``sh:Warning`` -> ``"Warning"``; no severity or a custom one counts as a violation."""
    name = str(severity or SH.Violation).rsplit("#", 1)[-1]
    return name if name in SEVERITY_ORDER else "Violation"


def union_graph(data: Graph | Dataset) -> Graph:
    """``data`` itself if it is a plain Graph, else a new Graph of the triples of all its graphs."""
    if not isinstance(data, ConjunctiveGraph):
        return data
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _shacl_violations(results: Graph):
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(
            focus=results.value(result, SH.focusNode),
            path=results.value(result, SH.resultPath),
            constraint=results.value(result, SH.sourceConstraintComponent),
            message="; ".join(messages),
            severity=severity_name(severity),
            value=results.value(result, SH.value),
        )


# ---------------------------------------------------------------- SPARQL constraints


@dataclass(frozen=True)
class SparqlCheck:
    """A SHACL-SPARQL constraint (``sh:sparql``) run once over the whole graph.

    pyshacl parses the query again for every focus node (tens of ms each); here the
    query is prepared once and run with ``$this`` unbound, keeping the rows whose
    ``?this`` is a focus node of the shape. That equals SHACL's pre-binding of
    ``$this`` when ``$this`` occurs in a triple pattern, as in every bundled query.
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
            bound = {str(name): value for name, value in row.asdict().items()}
            this = bound.get("this")
            if this not in focus:
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


def _fill_message(template: str, bound: dict[str, Node]) -> str:
    """Replace ``{?var}`` and ``{$var}`` in a SHACL message with the row's values."""
    return _MESSAGE_VARIABLE.sub(
        lambda match: _display(bound.get(match.group(1))), template
    )


def _display(node: Node | None) -> str:
    return str(node) if isinstance(node, Literal) else _short(node)


# ---------------------------------------------------------------- whole-graph checks


def graph_checks(graph: Graph, ontology: Graph) -> list[Violation]:
    """The checks that relate many nodes at once (see the module docstring)."""
    return [
        *undeclared_terms(graph, ontology),
        *anchor_lengths(graph),
        *mention_links(graph, ontology),
        *unasserted_evidence(graph),
    ]


def undeclared_terms(graph: Graph, ontology: Graph) -> list[Violation]:
    """One violation per ``hr:`` class or property used in ``graph`` but not in the ontology."""
    declared = {t for kind in _TERM_TYPES for t in ontology.subjects(RDF.type, kind)}
    unknown = [
        *((p, p, list(graph.subjects(p, None))) for p in graph.predicates(unique=True)
          if p.startswith(HR) and p not in declared),
        *((RDF.type, o, list(graph.subjects(RDF.type, o)))
          for o in graph.objects(None, RDF.type, unique=True)
          if isinstance(o, URIRef) and o.startswith(HR) and o not in declared),
    ]
    return [
        Violation(
            focus=min(subjects, key=str),
            path=path,
            constraint=HRSH.DeclaredTermConstraint,
            message=f"{_short(term)} is not a term of the hrkg ontology ({len(subjects)} uses)",
            value=term,
        )
        for path, term, subjects in unknown
    ]


def anchor_lengths(graph: Graph) -> list[Violation]:
    """Nodes whose ``nif:anchorOf`` is not as long as their offsets say."""
    found = []
    for node, anchor in graph.subject_objects(NIF.anchorOf):
        begin = graph.value(node, NIF.beginIndex)
        end = graph.value(node, NIF.endIndex)
        if not (_is_int(begin) and _is_int(end)):
            continue  # missing or malformed offsets are the shapes' business
        if len(str(anchor)) != end.toPython() - begin.toPython():
            found.append(Violation(
                focus=node,
                path=NIF.anchorOf,
                constraint=HRSH.AnchorLengthConstraint,
                message=(
                    f"nif:anchorOf has {len(str(anchor))} characters but offsets "
                    f"{begin}-{end} span {end.toPython() - begin.toPython()}"
                ),
                value=anchor,
            ))
    return found


def mention_links(graph: Graph, ontology: Graph) -> list[Violation]:
    """Each mention's document ``hr:mentions`` its entity, and that entity has an entity class."""
    entity_classes = set(ontology.transitive_subjects(RDFS.subClassOf, HR.Entity))
    missing: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    untyped: dict[Node, list[Node]] = defaultdict(list)
    for mention in graph.subjects(RDF.type, HR.Mention):
        entity = graph.value(mention, HR.denotes)
        document = graph.value(mention, HR.inDocument)
        if entity is None:
            continue
        if document is not None and (document, HR.mentions, entity) not in graph:
            missing[(document, entity)].append(mention)
        if not any(cls in entity_classes for cls in graph.objects(entity, RDF.type)):
            untyped[entity].append(mention)
    found = [
        Violation(
            focus=document,
            path=HR.mentions,
            constraint=HRSH.MentionedEntityConstraint,
            message=(
                f"{len(mentions)} mention(s) such as {_short(min(mentions, key=str))} denote "
                "this entity but the document has no hr:mentions triple to it"
            ),
            value=entity,
        )
        for (document, entity), mentions in missing.items()
    ]
    found += [
        Violation(
            focus=entity,
            path=RDF.type,
            constraint=HRSH.DenotedEntityClassConstraint,
            message=(
                f"denoted by {len(mentions)} mention(s) such as "
                f"{_short(min(mentions, key=str))} but not typed with an entity class"
            ),
        )
        for entity, mentions in untyped.items()
    ]
    return found


def unasserted_evidence(graph: Graph) -> list[Violation]:
    """Evidence whose (rdf:subject, rdf:predicate, rdf:object) triple is not in the graph."""
    found = []
    for evidence in graph.subjects(RDF.type, HR.Evidence):
        s = graph.value(evidence, RDF.subject)
        p = graph.value(evidence, RDF.predicate)
        o = graph.value(evidence, RDF.object)
        if None in (s, p, o) or (s, p, o) in graph:
            continue
        found.append(Violation(
            focus=evidence,
            path=RDF.predicate,
            constraint=HRSH.AssertedRelationConstraint,
            message=f"the relation {_short(s)} {_short(p)} {_short(o)} is not asserted",
            value=p,
        ))
    return found


def _is_int(node: Node | None) -> bool:
    return isinstance(node, Literal) and isinstance(node.toPython(), int)


# ---------------------------------------------------------------- formatting


@lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    graph.bind("sh", SH)
    graph.bind("hrsh", HRSH)
    return graph.namespace_manager


def _short(node: Node | None) -> str:
    """Compact N3 for a report: ``hrid:doc/X`` rather than ``<https://…/doc/X>``."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        prefix, namespace, name = _split(node)
        if prefix is not None:
            return f"{prefix}:{name}"
    return node.n3(_namespaces())


def _split(iri: URIRef) -> tuple[str | None, str, str]:
    best: tuple[str | None, str, str] = (None, "", "")
    for prefix, namespace in _namespaces().namespaces():
        if iri.startswith(namespace) and len(namespace) > len(best[1]):
            best = (prefix, str(namespace), iri[len(namespace):])
    return best


def format_violation(violation: Violation) -> str:
    parts = [
        f"{violation.severity}:",
        _short(violation.focus),
        _short(violation.path),
        f"[{_short(violation.constraint).removesuffix('ConstraintComponent')}]",
        violation.message,
    ]
    if violation.value is not None:
        parts.append(f"(value {_short(violation.value)})")
    return " ".join(parts)


def summary_line(report: ValidationReport) -> str:
    counts = ", ".join(
        f"{report.count(severity)} {severity.lower()}{'s' if report.count(severity) != 1 else ''}"
        for severity in SEVERITY_ORDER
    )
    verdict = "conforms" if report.conforms else "does not conform"
    return f"{verdict}: {counts} in {report.triples} triples"


def format_report(report: ValidationReport) -> str:
    """One line per violation, then a summary line."""
    lines = [format_violation(v) for v in report.violations]
    lines.append(summary_line(report))
    return "\n".join(lines)
