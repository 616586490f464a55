"""Binding the parameters of a canned query, as RDF terms in a ``VALUES`` block.

A parameter is a variable of the query. A literal parameter is bound to a string
literal; an entity parameter (its ``# param:`` line names a class, or ``entity``) to
the IRIs its value names: an IRI or prefixed name, or a name matched by
:func:`hrkg.core.names.name_key` against labels, identifiers, titles and file names
(the same comparison extraction and maps use). An empty entity value leaves its
variable unconstrained. All bindings go into one ``VALUES`` block opening the query's
WHERE group, written with Oxigraph's term writer, so a value can never change the
structure of the query, and the bound text is a self-contained SPARQL 1.1 query.

Oxigraph's own ``substitutions`` cannot do this: it binds only variables the query
projects, and parameters are usually not projected.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pyoxigraph as ox

from hrkg.core.errors import HrkgError
from hrkg.core.names import name_key
from hrkg.sparql.grammar import where_group_start
from hrkg.sparql.store import DEFAULT_PREFIXES, GraphStore

Select = Callable[[str], Iterable[Sequence[str]]]  # runs a SELECT: rows of IRIs / strings
ENTITY = "entity"  # the class name meaning "anything"
# what names an entity: its labels, identifiers, titles, and for documents the source file
NAMES = """
PREFIX hr: <https://w3id.org/hrkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?node ?name ?file WHERE {
  { ?node skos:prefLabel|skos:altLabel|dcterms:identifier|dcterms:title ?name }
  UNION { ?node hr:sourceFile ?file }
  # the class constraint goes here
}
"""


def expand_value(value: str) -> str:
    """A parameter value, with a known prefix expanded (``hrid:instrument/udhr`` -> full IRI)."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in DEFAULT_PREFIXES and not local.startswith("//"):
        return DEFAULT_PREFIXES[prefix] + local
    return value


class Names:
    """Which nodes each name denotes, one index per class, built on first use."""

    def __init__(self, select: Select) -> None:
        self.select = select
        self._by_class: dict[str, dict[str, set[str]]] = {}

    def index(self, kind: str) -> dict[str, set[str]]:
        if kind not in self._by_class:
            typed = "" if kind == ENTITY else f"?node a {ox.NamedNode(expand_value(kind))} ."
            index: dict[str, set[str]] = {}
            for node, name, file in self.select(
                    NAMES.replace("# the class constraint goes here", typed)):
                keys = (name,) if name else (file, PurePosixPath(file).stem)
                for key in keys:
                    index.setdefault(name_key(key), set()).add(node)
            self._by_class[kind] = index
        return self._by_class[kind]

    def exists(self, iri: str, kind: str) -> bool:
        node = ox.NamedNode(iri)
        typed = "" if kind == ENTITY else f"{node} a {ox.NamedNode(expand_value(kind))} ."
        return bool(list(self.select(f"SELECT ?p WHERE {{ {node} ?p ?o . {typed} }} LIMIT 1")))

    def resolve(self, value: str, kind: str) -> list[str]:
        """IRIs of the ``kind`` members that ``value`` names (an IRI, or a name)."""
        expanded = expand_value(value.strip())
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"]+$", expanded):
            try:
                if self.exists(expanded, kind):
                    return [expanded]
            except ValueError:  # not an IRI after all: try it as a name
                pass
        return sorted(self.index(kind).get(name_key(value), ()))


def oxigraph_select(store: GraphStore) -> Select:
    def select(query: str) -> list[list[str]]:
        answer = store.query(query)
        assert isinstance(answer, ox.QuerySolutions), "a SELECT query"
        return [[term.value if term is not None else "" for term in solution]
                for solution in answer]
    return select


_NAMES: weakref.WeakKeyDictionary[GraphStore, Names] = weakref.WeakKeyDictionary()


def names_of(store: GraphStore) -> Names:
    """The name index of a store (a store is read-only, so it is built once)."""
    if store not in _NAMES:
        _NAMES[store] = Names(oxigraph_select(store))
    return _NAMES[store]


@dataclass(frozen=True)
class BoundQuery:
    """A query with its parameters bound in its text, and notes for the user."""

    text: str
    notes: list[str] = field(default_factory=list)


def values_block(bindings: Mapping[str, Sequence[ox.NamedNode | ox.Literal]]) -> str:
    """``VALUES ?a { … } VALUES ?b { … }``: each variable with its terms, in N-Triples form."""
    return " ".join(f"VALUES {ox.Variable(name)} {{ {' '.join(map(str, terms))} }}"
                    for name, terms in bindings.items())


def bind_parameters(text: str, values: Mapping[str, str], kinds: Mapping[str, str | None],
                    names: Names) -> BoundQuery:
    """The query with ``values`` bound: literals as strings, entities as the IRIs they name.

    A name that matches nothing binds its variable to no value (no rows) and leaves a note.
    """
    bindings: dict[str, list[ox.NamedNode | ox.Literal]] = {}
    notes = []
    unused = [name for name in values if not re.search(rf"[?$]{re.escape(name)}\b", text)]
    if unused:
        raise HrkgError(f"the query has no variable {', '.join('?' + n for n in unused)} "
                        "to bind a parameter to")
    for name, value in values.items():
        kind = kinds.get(name)
        if not kind:
            bindings[name] = [ox.Literal(expand_value(value))]
            continue
        if not value.strip():
            continue
        iris = names.resolve(value, kind)
        if not iris:
            what = ENTITY if kind == ENTITY else kind.split(":")[-1]
            notes.append(f"no {what} named {value!r} (by label, identifier or URI)")
        bindings[name] = [ox.NamedNode(iri) for iri in iris]
    if not bindings:
        return BoundQuery(text, notes)
    at = where_group_start(text)
    return BoundQuery(f"{text[:at]}\n  {values_block(bindings)}{text[at:]}", notes)
