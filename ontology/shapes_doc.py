"""The SHACL shapes (shapes.ttl) in plain words: for each shape, what it applies to and
what it requires, written out from its constraint components, beside its own sh:message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH

from hrkg.ontology.docs_model import Names
from hrkg.ontology.sources import SHAPES_IRI

TARGETS = {  # target predicate -> words before the target's CURIE
    SH.targetClass: "every", SH.targetNode: "the node",
    SH.targetSubjectsOf: "every subject of", SH.targetObjectsOf: "every object of",
}
NODE_KINDS = {SH.IRI: "an IRI", SH.Literal: "a literal", SH.BlankNode: "a blank node",
              SH.BlankNodeOrIRI: "an IRI or a blank node", SH.IRIOrLiteral: "an IRI or a literal",
              SH.BlankNodeOrLiteral: "a blank node or a literal"}


@dataclass
class ShapeDoc:
    id: str
    name: str
    applies_to: str
    path: str
    requires: list[str]
    message: str
    severity: str
    queries: list[str] = field(default_factory=list)


@dataclass
class ShapeGroup:
    applies_to: str  # in full
    shapes: list[ShapeDoc]

    @property
    def title(self) -> str:
        """Short: the first three targets and how many more."""
        words, _, curies = self.applies_to.partition(" hr:")
        items = ("hr:" + curies).split(", ") if curies else []
        if len(items) <= 3:
            return self.applies_to
        return f"{words} {', '.join(items[:3])} and {len(items) - 3} more"


@dataclass
class ShapesDoc:
    iri: str
    title: str
    version: str
    comment: str
    groups: list[ShapeGroup]
    count: int


def count_words(low, high) -> str | None:
    """'exactly one value', 'at least one value', ... from sh:minCount / sh:maxCount."""
    low = int(low) if low is not None else None
    high = int(high) if high is not None else None
    if low is None and high is None:
        return None

    def number(n: int) -> str:
        return "one" if n == 1 else str(n)

    plural = "value" if (high or low) == 1 else "values"
    if low == high:
        return f"exactly {number(low)} {plural}" if low else "no value"
    if high is None:
        return f"at least {number(low)} {plural}"
    if not low:
        return f"at most {number(high)} {plural}"
    return f"between {low} and {high} values"


class ShapeWords:
    """Plain-words requirements of a shape or of a nested value shape."""

    def __init__(self, graph: Graph, names: Names) -> None:
        self.graph, self.names = graph, names

    def curie(self, node) -> str:
        return self.names.link(node).curie if isinstance(node, URIRef) else str(node)

    def value(self, node, predicate):
        return self.graph.value(node, predicate)

    def listed(self, node) -> list:
        return list(Collection(self.graph, node))

    def phrases(self, node, subject: str) -> list[str]:
        """One phrase per constraint component on ``node``; ``subject`` names what it constrains
        ('each value', 'the node')."""
        g, v, out = self.graph, self.value, []
        counted = count_words(v(node, SH.minCount), v(node, SH.maxCount))
        if counted:
            out.append(counted)
        if v(node, SH.datatype) is not None:
            out.append(f"{subject} is a literal of type {self.curie(v(node, SH.datatype))}")
        if v(node, SH.nodeKind) is not None:
            out.append(f"{subject} is {NODE_KINDS.get(v(node, SH.nodeKind), 'of that kind')}")
        for cls in sorted(g.objects(node, SH["class"]), key=str):
            out.append(f"{subject} is an instance of {self.curie(cls)}")
        if v(node, SH.hasValue) is not None:
            out.append(f"one of the values is {self.curie(v(node, SH.hasValue))}")
        if v(node, SH["in"]) is not None:
            choices = ", ".join(self.curie(c) for c in self.listed(v(node, SH["in"])))
            out.append(f"{subject} is one of: {choices}")
        if v(node, SH.languageIn) is not None:
            tags = ", ".join(str(t) for t in self.listed(v(node, SH.languageIn)))
            out.append(f"{subject} has the language tag {tags}")
        if v(node, SH.uniqueLang) == Literal(True):
            out.append("at most one value per language")
        if v(node, SH.minLength) is not None:
            length = int(v(node, SH.minLength))
            out.append(f"{subject} is not empty" if length == 1
                       else f"{subject} has at least {length} characters")
        if v(node, SH.pattern) is not None:
            out.append(f"{subject} matches the regular expression {v(node, SH.pattern)}")
        for key, word in ((SH.minInclusive, "≥"), (SH.maxInclusive, "≤"),
                          (SH.minExclusive, ">"), (SH.maxExclusive, "<")):
            if v(node, key) is not None:
                out.append(f"{subject} is {word} {v(node, key)}")
        if v(node, SH.lessThan) is not None:
            out.append(f"{subject} is less than the value of {self.curie(v(node, SH.lessThan))}")
        if v(node, SH["or"]) is not None:
            options = [" and ".join(self.phrases(o, "it")) for o in self.listed(v(node, SH["or"]))]
            out.append(f"{subject} satisfies one of: " + "; or ".join(options))
        qualified = v(node, SH.qualifiedValueShape)
        if qualified is not None:
            how_many = count_words(v(node, SH.qualifiedMinCount), v(node, SH.qualifiedMaxCount))
            inner = " and ".join(self.phrases(qualified, "it"))
            out.append(f"{how_many or 'any number of values'} such that {inner}")
        return out


def shape_doc(words: ShapeWords, shape: URIRef) -> ShapeDoc:
    g = words.graph
    targets = [f"{word} " + ", ".join(sorted(words.curie(t) for t in g.objects(shape, predicate)))
               for predicate, word in TARGETS.items() if (shape, predicate, None) in g]
    path = g.value(shape, SH.path)
    subject = "each value" if path is not None else "the node"
    requires = words.phrases(shape, subject)
    queries = [str(g.value(c, SH.select)) for c in g.objects(shape, SH.sparql)]
    messages = [str(m) for m in g.objects(shape, SH.message)] + [
        str(m) for c in g.objects(shape, SH.sparql) for m in g.objects(c, SH.message)]
    if queries:
        requires.append("a SPARQL query (below) finds no node that breaks the rule")
    severity = g.value(shape, SH.severity)
    return ShapeDoc(str(shape).rsplit("#", 1)[-1], str(g.value(shape, SH.name) or ""),
                    ", ".join(targets), words.curie(path) if path is not None else "",
                    requires, "; ".join(sorted(messages)),
                    "warning" if severity == SH.Warning else "violation",
                    [q.strip("\n") for q in queries])


def shapes_doc(graph: Graph) -> ShapesDoc:
    """The shapes of ``graph`` grouped by what they apply to, each group and shape sorted."""
    names = Names(graph)
    words = ShapeWords(graph, names)
    targeted = {s for predicate in TARGETS for s in graph.subjects(predicate, None)
                if isinstance(s, URIRef)}
    groups: dict[str, list[ShapeDoc]] = {}
    for shape in targeted:
        doc = shape_doc(words, shape)
        groups.setdefault(doc.applies_to, []).append(doc)
    ordered = [ShapeGroup(title, sorted(docs, key=lambda d: d.id))
               for title, docs in sorted(groups.items(), key=group_order)]
    iri = URIRef(SHAPES_IRI)
    english = [str(c) for c in graph.objects(iri, RDFS.comment)
               if isinstance(c, Literal) and c.language == "en"]
    titles = [str(c) for c in graph.objects(iri, RDFS.label)
              if isinstance(c, Literal) and c.language == "en"]
    return ShapesDoc(SHAPES_IRI, titles[0] if titles else "SHACL shapes",
                     str(graph.value(iri, OWL.versionInfo) or ""),
                     english[0] if english else "", ordered, len(targeted))


def group_order(item: tuple[str, list[ShapeDoc]]) -> tuple[int, str]:
    """Shapes on classes first, then those on the subjects or objects of a property."""
    title = item[0]
    return (0 if title.startswith("every hr:") else 1 if title.startswith("every ") else 2, title)

