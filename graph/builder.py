"""The one place where extraction records become RDF.

Input: the :class:`ExtractionResult` of every document and the build's
provenance; output: a :class:`~hrkg.graph.quads.QuadSet` (``.to_dataset()`` for an
``rdflib.Dataset``) where every triple sits in exactly one named graph and none in the
default graph: the canonical entities (``hrid:graph/entities``), one graph per document,
vocabulary knowledge (``hrid:graph/background``), sentence co-mention statistics
(``hrid:graph/comention``) and the build's PROV-O (``hrid:graph/build``). The dataset is
meant to be read as the union of its named graphs (docs/LOADING.md); a relation stated by
several sources stays in the first graph of :func:`graph_precedence` (its hr:Evidence
records in each document still say where it was read). See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from hrkg.core.names import label_form
from hrkg.extract.entities.factory import work_entity
from hrkg.extract.model import ArticleCitation, Commitment, Entity, ExtractionResult, Relation
from hrkg.extract.relations.comentions import (
    EntityKey,
    entities_by_key,
    sentence_comentions,
)
from hrkg.extract.vocabulary import Vocabulary
from hrkg.graph.identity import result_key
from hrkg.graph.labels import preferred_labels, script_language
from hrkg.graph.links import state_key_codes, typed_date, undocs_url
from hrkg.graph.namespaces import FRBR, HR, HRID, NIF
from hrkg.graph.quads import QuadSet, Triple, TripleSet
from hrkg.graph.records import add_evidence, add_mention, nonneg
from hrkg.graph.uris import (
    build_uri,
    document_graph_uri,
    document_uri,
    entity_uri,
    short_hash,
)
from hrkg.ontology.version import ontology_version

ENTITY_GRAPH = HRID["graph/entities"]
BACKGROUND_GRAPH = HRID["graph/background"]
COMENTION_GRAPH = HRID["graph/comention"]
# labels carry no title marks (shapes: skos:prefLabel without 《》)
_NO_TITLE_MARKS = str.maketrans("", "", "《》")
BUILD_GRAPH = HRID["graph/build"]

# Entities named by a UN symbol (rdfs:seeAlso their undocs.org page); States (ISO codes).
SYMBOL_CLASSES = ("Resolution", "UNDocument")
STATE_CLASSES = ("State", "ObserverState")
# Entity classes whose parent class must be materialized too.
SUPERCLASSES = {"SDGGoal": "SDG", "SDGTarget": "SDG"}
# Relation predicates: local name -> property.
PREDICATES = {
    "adoptedBy": HR.adoptedBy,
    "adoptedIn": HR.adoptedIn,
    "requests": HR.requests,
    "creator": DCTERMS.creator,
    "reaffirms": HR.reaffirms,
    "recalls": HR.recalls,
    "concerns": HR.concerns,
    "citesArticle": HR.citesArticle,
}
# Vocabulary background facts: entry attribute -> property.
BACKGROUND = {"part_of": HR.partOf, "subsidiary_of": HR.subsidiaryOf, "monitors": HR.monitors}


@dataclass(frozen=True)
class BuildInfo:
    version: str
    ended_at: str  # ISO 8601 dateTime, reproducible (see hrkg.build.build_time)


class GraphBuilder:
    """Accumulates documents into one dataset; call :meth:`dataset` at the end."""

    def __init__(self, vocabulary: Vocabulary | None = None, root: Path | None = None) -> None:
        self.root = root  # the build root: documents without a symbol are known by their path in it
        self.vocabulary = vocabulary
        self.ds = QuadSet()
        self.entities: dict[URIRef, Entity] = {}
        self.surfaces: dict[URIRef, set[str]] = defaultdict(set)
        self.documents: list[tuple[URIRef, URIRef, str]] = []  # document, its graph, sha256
        self.comentions: Counter[tuple[URIRef, URIRef]] = Counter()

    @property
    def entity_graph(self) -> TripleSet:
        """The graph of the canonical entities (types, labels, identifiers, links)."""
        return self.ds.graph(ENTITY_GRAPH)

    def uri(self, entity: Entity) -> URIRef:
        uri = entity_uri(entity.cls, entity.key)
        known = self.entities.setdefault(uri, entity)
        if (entity.label_zh and not known.label_zh) or (entity.label_en and not known.label_en):
            # one key named in both languages (a structural key): both labels
            self.entities[uri] = replace(known, label_zh=known.label_zh or entity.label_zh,
                                         label_en=known.label_en or entity.label_en)
        return uri

    # -- documents -----------------------------------------------------------------
    def add_document(self, result: ExtractionResult,
                     comentions: Counter[tuple[EntityKey, EntityKey]] | None = None) -> URIRef:
        """Add one document; ``comentions``: its sentence co-mentions, if already counted."""
        source, meta = result.source, result.metadata
        key = result_key(result, self.root)
        doc, graph_name = document_uri(key), document_graph_uri(key)
        g = self.ds.graph(graph_name)
        self.documents.append((doc, graph_name, source.sha256))
        for cls in (HR.Document, NIF.Context, PROV.Entity):
            g.add((doc, RDF.type, cls))
        g.add((doc, HR.sourceFile, Literal(source.file_name)))
        g.add((doc, DCTERMS.title, Literal(meta.title or source.file_name, lang=meta.language)))
        g.add((doc, DCTERMS.language, Literal(meta.language, datatype=XSD.language)))
        g.add((doc, HR.sha256, Literal(source.sha256)))
        g.add((doc, HR.characterCount, nonneg(len(source.text))))
        g.add((doc, DCTERMS.format, Literal(source.media_type)))
        if meta.symbol:
            g.add((doc, DCTERMS.identifier, Literal(meta.symbol)))
            g.add((doc, RDFS.seeAlso, undocs_url(meta.symbol, meta.language)))
            # one language version of the work its symbol names (what a citation denotes)
            g.add((doc, FRBR.realizationOf, self.uri(work_entity(meta.symbol))))
        if meta.date:
            g.add((doc, DCTERMS.date, typed_date(meta.date)))
        if meta.session:
            g.add((doc, HR.session, Literal(meta.session)))
        if meta.doc_type:
            g.add((doc, HR.documentType, Literal(meta.doc_type)))
        if meta.title:
            g.add((doc, SKOS.prefLabel, Literal(meta.title, lang=meta.language)))
        mentioned: set[URIRef] = set()
        for mention in result.mentions:
            entity = self.uri(mention.entity)
            mentioned.add(entity)
            g.add((doc, HR.mentions, entity))
            span = (mention.orig_start, mention.orig_end)
            add_mention(g, doc, key, entity, span, mention.anchor,
                              mention.component)
            if mention.surface:
                self.surfaces[entity].add(mention.surface)
        for relation in result.relations:
            self._add_relation(g, doc, result, relation, mentioned)
        for commitment in result.commitments:
            self._add_commitment(g, doc, result, commitment)
        for citation in result.articles:
            self._add_article(g, doc, result, citation)
        entities = entities_by_key(result)
        if comentions is None:
            comentions = sentence_comentions(result)
        for (a, b), count in comentions.items():
            pair = sorted((self.uri(entities[a]), self.uri(entities[b])))
            self.comentions[(pair[0], pair[1])] += count
        return doc

    def _add_comentions(self) -> None:
        """Sentence co-mention counts over the corpus, as statistics in their own graph."""
        g = self.ds.graph(COMENTION_GRAPH)
        for triple in comention_triples(self.comentions):
            g.add(triple)

    def _add_article(self, g: TripleSet, doc: URIRef, result: ExtractionResult,
                     citation: ArticleCitation) -> None:
        """An article (or paragraph) node of the instrument, cited by the document."""
        instrument = self.uri(citation.instrument)
        path = f"article-{citation.article}"
        label = f"{citation.instrument.label_zh}第{citation.article}条"
        if citation.paragraph is not None:
            path += f"-{citation.paragraph}"
            label += f"第{citation.paragraph}款"
        article = URIRef(f"{instrument}/{path}")
        self.entity_graph.add((article, RDF.type, HR.Article))
        if script_language(citation.instrument.label_zh) == "zh":  # a Chinese name only
            self.entity_graph.add((article, SKOS.prefLabel,
                                   Literal(label.translate(_NO_TITLE_MARKS), lang="zh")))
        english_name = preferred_labels(citation.instrument.label_zh, citation.instrument.label_en,
                                        citation.instrument.key)[0].get("en")
        if english_name:
            english = f"{english_name}, article {citation.article}"
            if citation.paragraph is not None:
                english += f", paragraph {citation.paragraph}"
            self.entity_graph.add((article, SKOS.prefLabel, Literal(english, lang="en")))
        self.entity_graph.add((article, HR.articleOf, instrument))
        self.entity_graph.add((article, HR.articleNumber, Literal(str(citation.article))))
        if citation.paragraph is not None:
            self.entity_graph.add((article, HR.paragraphNumber, Literal(str(citation.paragraph))))
        g.add((doc, HR.citesArticle, article))
        g.add((doc, HR.mentions, article))
        g.add((doc, HR.mentions, instrument))
        add_evidence(g, doc, result, result_key(result, self.root), (doc, HR.citesArticle, article),
                           (citation.sentence_start, citation.sentence_end),
                           "article-citation", 0.85)

    def _add_commitment(self, g: TripleSet, doc: URIRef, result: ExtractionResult,
                        commitment: Commitment) -> None:
        """A numbered action or objective, the mention of its heading, and what it names."""
        source = result.source
        node = HRID[f"commitment/{result_key(result, self.root)}/{commitment.kind}-"
                    f"{commitment.number}"]
        g.add((node, RDF.type, HR.Commitment))
        label = f"{commitment.label}. {commitment.heading}".translate(_NO_TITLE_MARKS).strip()
        language = script_language(label) or result.metadata.language
        g.add((node, SKOS.prefLabel, Literal(label, lang=language)))
        g.add((node, HR.commitmentNumber, Literal(str(commitment.number))))
        if commitment.instrument is not None:
            g.add((node, HR.commitmentOf, self.uri(commitment.instrument)))
        for entity in commitment.entities:
            g.add((node, HR.mentionsEntity, self.uri(entity)))
        g.add((doc, HR.mentions, node))
        orig_start, orig_end = result.clean.orig_span(commitment.start, commitment.end)
        add_mention(g, doc, result_key(result, self.root), node, (orig_start, orig_end),
                          source.text[orig_start:orig_end], "commitment-heading")

    def _add_relation(self, g: TripleSet, doc: URIRef, result: ExtractionResult,
                      relation: Relation, mentioned: set[URIRef]) -> None:
        subject = doc if relation.subject is None else self.uri(relation.subject)
        obj = self.uri(relation.obj)
        predicate = PREDICATES[relation.predicate]
        if relation.background:  # known from an identifier, not read from a sentence
            self.ds.graph(BACKGROUND_GRAPH).add((subject, predicate, obj))
            return
        g.add((subject, predicate, obj))
        # hr:mentions = the text names it: an end of a relation counts only if it has a
        # mention here (a right implied by a title, 《儿童权利公约》 concerns 儿童权利, does
        # not), except the author, whom the masthead names.
        for end in (obj, subject if relation.subject is not None else None):
            if end is not None and (end in mentioned or predicate == DCTERMS.creator):
                g.add((doc, HR.mentions, end))
        add_evidence(g, doc, result, result_key(result, self.root), (subject, predicate, obj),
                           (relation.sentence_start, relation.sentence_end),
                           relation.rule, relation.confidence)

    # -- entities ------------------------------------------------------------------
    def _describe(self, g: TripleSet, uri: URIRef,
                  entity: Entity) -> list[tuple[URIRef, URIRef, Entity]]:
        """The triples of ``entity``; returns what they point to (see :meth:`_links`)."""
        g.add((uri, RDF.type, HR[entity.cls]))
        if entity.cls in SUPERCLASSES:
            g.add((uri, RDF.type, HR[SUPERCLASSES[entity.cls]]))
        if entity.subclass:
            g.add((uri, RDF.type, HR[entity.subclass]))
        preferred, further = preferred_labels(entity.label_zh, entity.label_en, entity.key)
        for language, label in sorted(preferred.items()):
            g.add((uri, SKOS.prefLabel, Literal(label, lang=language)))
        for label in further:  # a Latin-script name beside a different English one
            g.add((uri, SKOS.altLabel, Literal(label, lang="en")))
        if entity.identifier:
            g.add((uri, DCTERMS.identifier, Literal(entity.identifier)))
            if entity.cls in SYMBOL_CLASSES:
                g.add((uri, RDFS.seeAlso, undocs_url(entity.identifier)))
        codes = state_key_codes(entity.key) if entity.subclass in STATE_CLASSES else None
        if codes is not None:
            g.add((uri, HR.iso3166Alpha2, Literal(codes.alpha2)))
            g.add((uri, HR.iso3166Alpha3, Literal(codes.alpha3)))
            g.add((uri, HR.m49Code, Literal(codes.m49)))
        for target in entity.same_as:
            g.add((uri, SKOS.exactMatch, URIRef(target)))
        links = self._links(entity)
        for predicate, target, _ in links:
            g.add((uri, predicate, target))
        return links

    def _links(self, entity: Entity) -> list[tuple[URIRef, URIRef, Entity]]:
        """(property, URI, entity) of what ``entity``'s description points to: the State of
        a national body or plan, the goal of an SDG target."""
        links = []
        if entity.country is not None:
            state = entity_uri(entity.country.cls, entity.country.key)
            links.append((DCTERMS.spatial, state, entity.country))
        if entity.cls == "SDGTarget":
            number = entity.key.split(".")[0]
            goal = entity_uri("SDGGoal", number)
            known = self.entities.get(goal)
            links.append((HR.partOfGoal, goal, known or _sdg_goal(self, number)))
        return links

    def _add_entities(self) -> None:
        pending = list(self.entities.items())
        while pending:  # describing an SDG target adds its goal, a national body its State
            uri, entity = pending.pop()
            links = self._describe(self.entity_graph, uri, entity)
            preferred = {label_form(entity.label_zh), label_form(entity.label_en or "")}
            for surface in self.surfaces.get(uri, ()):
                language = script_language(surface)  # no letters: a symbol, an identifier
                if surface not in preferred and language is not None:
                    self.entity_graph.add((uri, SKOS.altLabel, Literal(surface, lang=language)))
            for _, target, linked in links:
                if target not in self.entities:
                    self.entities[target] = linked
                    pending.append((target, linked))

    def _add_background(self) -> None:
        if self.vocabulary is None:
            return
        g = self.ds.graph(BACKGROUND_GRAPH)
        by_key = {e.key: uri for uri, e in self.entities.items() if e.in_vocabulary}
        for key, uri in sorted(by_key.items()):
            entry = self.vocabulary.get(key)
            if entry is None:
                continue
            for attribute, predicate in BACKGROUND.items():
                target_key = getattr(entry, attribute, None)
                target = self.vocabulary.get(target_key) if target_key else None
                if target is None:
                    continue
                target_uri = entity_uri(target.cls, target.key)
                g.add((uri, predicate, target_uri))
                if target_uri not in self.entities:
                    self._describe(g, target_uri, Entity(
                        cls=target.cls, key=target.key, label_zh=target.zh, label_en=target.en,
                        subclass=target.subclass, in_vocabulary=True,
                    ))

    def _add_provenance(self, info: BuildInfo) -> None:
        g = self.ds.graph(BUILD_GRAPH)
        activity = build_uri([sha for _, _, sha in self.documents], info.version)
        agent = HRID[f"agent/hrkg-{info.version}"]
        g.add((activity, RDF.type, PROV.Activity))
        label = f"hrkg build ({len(self.documents)} documents)"
        g.add((activity, RDFS.label, Literal(label, lang="en")))
        g.add((activity, PROV.endedAtTime, Literal(info.ended_at, datatype=XSD.dateTime)))
        g.add((activity, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, Literal(f"hrkg {info.version}")))
        g.add((activity, DCTERMS.conformsTo, URIRef(ontology_version().version_iri)))
        for doc, graph_uri, _ in self.documents:
            g.add((activity, PROV.used, doc))
            g.add((graph_uri, PROV.wasGeneratedBy, activity))
            g.add((graph_uri, PROV.wasDerivedFrom, doc))

    def dataset(self, info: BuildInfo) -> QuadSet:
        self._add_entities()
        self._add_background()
        self._add_comentions()
        self._add_provenance(info)
        self._one_graph_per_triple()
        return self.ds

    def _one_graph_per_triple(self) -> None:
        """Keep each triple in the first graph (:func:`graph_precedence`) that states it."""
        seen: set[tuple[URIRef, URIRef, URIRef | Literal]] = set()
        for graph in sorted(self.ds.graphs(), key=lambda g: graph_precedence(g.identifier)):
            for triple in sorted(set(graph) & seen):
                graph.discard(triple)
            seen.update(graph)


def graph_precedence(name: URIRef) -> tuple[int, str]:
    """Where a triple stated in several graphs stays: entities, background (vocabulary
    knowledge), build, co-mentions, then the documents' graphs by name."""
    shared = (ENTITY_GRAPH, BACKGROUND_GRAPH, BUILD_GRAPH, COMENTION_GRAPH)
    return (shared.index(name), "") if name in shared else (len(shared), str(name))


def comention_triples(comentions: Mapping[tuple[URIRef, URIRef], int]) -> Iterator[Triple]:
    """The hr:CoMention statistics of sentence co-mention ``comentions`` (entity pair ->
    number of sentences), pair by pair in order (the triples of the co-mention graph)."""
    for (a, b), count in sorted(comentions.items()):
        node = HRID[f"comention/{short_hash(str(a), str(b))}"]
        yield node, RDF.type, HR.CoMention
        yield node, HR.coMentioned, a
        yield node, HR.coMentioned, b
        yield node, HR.sentenceCount, nonneg(count)


def _sdg_goal(builder: GraphBuilder, number: str) -> Entity:
    entry = builder.vocabulary.get(f"sdg-{number}") if builder.vocabulary else None
    return Entity(
        cls="SDGGoal", key=number, identifier=number,
        label_zh=entry.zh if entry else f"可持续发展目标{number}",
        label_en=entry.en if entry else f"Sustainable Development Goal {number}",
        same_as=(f"http://metadata.un.org/sdg/{number}",),
    )


def build_dataset(results: Iterable[ExtractionResult], info: BuildInfo,
                  vocabulary: Vocabulary | None = None, *,
                  comentions: Sequence[Counter[tuple[EntityKey, EntityKey]]] | None = None,
                  root: Path | None = None) -> QuadSet:
    """The dataset of ``results``; ``comentions[i]``: those of ``results[i]`` if counted;
    ``root``: the build root (documents without a symbol are known by their path in it)."""
    builder = GraphBuilder(vocabulary, root)
    for number, result in enumerate(results):
        builder.add_document(result, comentions[number] if comentions else None)
    return builder.dataset(info)
