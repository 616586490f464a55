"""What validation finds and how it is printed: :class:`Violation`, :class:`ValidationReport`
and their one-line text forms (``hrid:doc/X`` rather than full IRIs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node

from hrkg.graph.namespaces import bind_prefixes

HRSH = Namespace("https://w3id.org/hrkg/shapes#")
SEVERITY_ORDER = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Violation:
    """One validation result: which node broke which constraint, along which path."""

    focus: Node
    path: Node | None
    constraint: Node  # sh:…ConstraintComponent, or hrsh:… for the whole-graph checks
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
    """Outcome of a validation; ``conforms`` ignores warnings and infos."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)


def severity_name(severity: Node | None) -> str:
    """``sh:Warning`` -> ``"Warning"``; no severity or a custom one counts as a violation."""
    name = str(severity or SH.Violation).rsplit("#", 1)[-1]
    return name if name in SEVERITY_ORDER else "Violation"


# ---------------------------------------------------------------- formatting


@lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    graph.bind("sh", SH)
    graph.bind("hrsh", HRSH)
    return graph.namespace_manager


def short_name(node: Node | None) -> str:
    """Compact N3 for a report: ``hrid:doc/X`` rather than ``<https://…/doc/X>``."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        prefix, name = _split(node)
        if prefix is not None:
            return f"{prefix}:{name}"
    return node.n3(_namespaces())


def _split(iri: URIRef) -> tuple[str | None, str]:
    """(prefix, local name) of ``iri`` under the longest bound namespace it starts with."""
    best: tuple[str | None, str, str] = (None, "", "")
    for prefix, namespace in _namespaces().namespaces():
        if iri.startswith(namespace) and len(namespace) > len(best[1]):
            best = (prefix, str(namespace), iri[len(namespace):])
    return best[0], best[2]


def format_violation(violation: Violation) -> str:
    parts = [
        f"{violation.severity}:",
        short_name(violation.focus),
        short_name(violation.path),
        f"[{short_name(violation.constraint).removesuffix('ConstraintComponent')}]",
        violation.message,
    ]
    if violation.value is not None:
        parts.append(f"(value {short_name(violation.value)})")
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
