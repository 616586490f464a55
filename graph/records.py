"""The records every document graph holds: hr:Mention (NIF offsets into the original
text) and hr:Evidence (the sentence a relation was read from), written by the graph
builder for entities, commitment headings, relations and article citations."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from hrkg.extract.model import ExtractionResult
from hrkg.graph.namespaces import HR, NIF
from hrkg.graph.quads import TripleSet
from hrkg.graph.uris import evidence_uri, mention_uri

# the terms of a mention, looked up once: a namespace attribute costs ~5 µs a lookup and
# a mention record made eleven (a mention is ~80 % of a document graph's triples)
_NONNEG = XSD.nonNegativeInteger
_TYPE, _MENTION, _IN_DOCUMENT, _DENOTES, _EXTRACTED_BY = (
    RDF.type, HR.Mention, HR.inDocument, HR.denotes, HR.extractedBy)
_CONTEXT, _BEGIN, _END, _ANCHOR = (
    NIF.referenceContext, NIF.beginIndex, NIF.endIndex, NIF.anchorOf)


def nonneg(value: int) -> Literal:
    return Literal(value, datatype=_NONNEG)


@lru_cache(maxsize=4096)
def plain(text: str) -> Literal:
    """``Literal(text)``, made once for a text that recurs (an entity's name, a component):
    rdflib validates every new Literal (~15 µs)."""
    return Literal(text)


def add_mention(g: TripleSet, doc: URIRef, key: str, target: URIRef,
                 span: tuple[int, int], anchor: str, component: str) -> None:
    """An hr:Mention of ``target``: NIF offsets ``span`` into the original text."""
    node = mention_uri(key, *span)
    g.add((node, _TYPE, _MENTION))
    g.add((node, _IN_DOCUMENT, doc))
    g.add((node, _CONTEXT, doc))
    g.add((node, _BEGIN, nonneg(span[0])))
    g.add((node, _END, nonneg(span[1])))
    g.add((node, _ANCHOR, plain(anchor)))
    g.add((node, _DENOTES, target))
    g.add((node, _EXTRACTED_BY, plain(component)))


def add_evidence(g: TripleSet, doc: URIRef, result: ExtractionResult, key: str,
                  triple: tuple[URIRef, URIRef, URIRef], sentence: tuple[int, int],
                  rule: str, confidence: float) -> None:
    """The evidence record of ``triple``: its sentence cut from the original text."""
    subject, predicate, obj = triple
    start, end = trimmed(result.clean.text, *sentence)
    orig_start, orig_end = result.clean.orig_span(start, end)
    node = evidence_uri(str(subject), str(predicate), str(obj), key,
                        orig_start)
    for cls in (HR.Evidence, RDF.Statement, PROV.Entity):
        g.add((node, RDF.type, cls))
    g.add((node, RDF.subject, subject))
    g.add((node, RDF.predicate, predicate))
    g.add((node, RDF.object, obj))
    g.add((node, HR.inDocument, doc))
    g.add((node, NIF.beginIndex, nonneg(orig_start)))
    g.add((node, NIF.endIndex, nonneg(orig_end)))
    g.add((node, NIF.anchorOf, Literal(result.source.text[orig_start:orig_end])))
    g.add((node, HR.extractedBy, Literal(rule)))
    g.add((node, HR.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)))


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, max(end, start + 1)
