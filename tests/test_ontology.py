"""The ontology (ontology/hrkg.ttl) and the contract shapes (ontology/shapes.ttl): both parse,
every term is documented in English and Chinese, and shapes, ontology, extraction records and
vocabularies agree on the classes."""

from __future__ import annotations

import re

import pyshacl
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SH

from hrkg.core.paths import ontology_dir
from hrkg.extract.model import ENTITY_CLASSES
from hrkg.extract.vocabulary import load_vocabulary
from hrkg.graph.namespaces import HR

ONTOLOGY_IRI = URIRef("https://w3id.org/hrkg/ontology")
CJK = re.compile(r"[\u4e00-\u9fff]")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "hrkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {
        term for kind in TERM_TYPES for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef)
    }


def subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """Strict subclasses of ``cls``, transitively."""
    return set(ontology.transitive_subjects(RDFS.subClassOf, cls)) - {cls}


def top_classes(shapes: Graph) -> set[URIRef]:
    """The entity top-level classes, as the 'one top-level class' shape lists them."""
    qualified = shapes.value(URIRef("https://w3id.org/hrkg/shapes#Entity-topClass"),
                             SH.qualifiedValueShape)
    return set(Collection(shapes, shapes.value(qualified, SH["in"])))


# ---------------------------------------------------------------- ontology


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    for predicate in (DCTERMS.title, DCTERMS.description):
        languages = {literal.language for literal in ontology.objects(ONTOLOGY_IRI, predicate)}
        assert languages >= {"en", "zh"}, predicate


def test_every_term_has_labels_and_comments_in_english_and_chinese(ontology: Graph) -> None:
    missing = ontology.query("""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?term ?property ?lang WHERE {
            VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty }
            VALUES ?property { rdfs:label rdfs:comment }
            VALUES ?lang { "en" "zh" }
            ?term a ?kind .
            FILTER (isIRI(?term) && STRSTARTS(STR(?term), "https://w3id.org/hrkg/ontology#"))
            FILTER NOT EXISTS {
                ?term ?property ?text .
                FILTER (LANG(?text) = ?lang && STRLEN(STR(?text)) > 0)
            }
        }""")
    assert [tuple(row) for row in missing] == []


def test_chinese_labels_and_comments_are_chinese(ontology: Graph) -> None:
    not_chinese = [
        (term, text) for term in declared_terms(ontology)
        for prop in (RDFS.label, RDFS.comment)
        for text in ontology.objects(term, prop)
        if isinstance(text, Literal) and text.language == "zh" and not CJK.search(text)
    ]
    assert not_chinese == []


def test_terms_are_in_the_hr_namespace_and_defined_by_the_ontology(ontology: Graph) -> None:
    terms = declared_terms(ontology)
    assert terms, "no terms declared"
    assert {t for t in terms if not t.startswith(HR)} == set()
    assert {t for t in terms if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology} == set()


def test_every_hr_term_mentioned_in_the_ontology_is_declared(ontology: Graph) -> None:
    mentioned = {node for triple in ontology for node in triple
                 if isinstance(node, URIRef) and node.startswith(HR)}
    assert mentioned - declared_terms(ontology) == set()


def test_contract_classes_are_declared(ontology: Graph) -> None:
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    contract = {HR[name] for name in (*ENTITY_CLASSES, "Document", "Mention", "Evidence")}
    assert contract - classes == set()
    assert {HR[name] for name in ENTITY_CLASSES} <= subclasses(ontology, HR.Entity)
    assert (HR.Evidence, RDFS.subClassOf, RDF.Statement) in ontology


def test_properties_have_a_domain_or_are_general_relations(ontology: Graph) -> None:
    general = {HR.reaffirms, HR.recalls, HR.concerns, HR.partOf, HR.citesArticle}
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty))
    without_domain = {p for p in properties if ontology.value(p, RDFS.domain) is None}
    assert without_domain == general


def test_vocabulary_subclasses_are_declared_under_their_class(ontology: Graph) -> None:
    wrong = {
        (subclass, cls) for subclass, cls in load_vocabulary().subclasses().items()
        if HR[subclass] != HR[cls] and HR[subclass] not in subclasses(ontology, HR[cls])
    }
    assert wrong == set()


# ---------------------------------------------------------------- shapes


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_shapes_use_only_declared_hr_terms(ontology: Graph, shapes: Graph) -> None:
    used = {node for triple in shapes for node in triple
            if isinstance(node, URIRef) and node.startswith(HR)}
    assert used - declared_terms(ontology) == set()


def test_top_classes_are_the_entity_classes(ontology: Graph, shapes: Graph) -> None:
    """Every class under hr:Entity is a top-level class or under exactly one of them
    (hr:SDG is the abstract parent of the two SDG top-level classes)."""
    top = top_classes(shapes)
    assert {HR[name] for name in ENTITY_CLASSES} <= top
    for cls in subclasses(ontology, HR.Entity) - top - {HR.SDG}:
        parents = {t for t in top if cls in subclasses(ontology, t)}
        assert len(parents) == 1, (cls, parents)


def test_entity_shapes_target_the_top_classes(shapes: Graph) -> None:
    top = top_classes(shapes)
    entity_shapes = set(shapes.subjects(SH.targetClass, HR.Actor))
    assert len(entity_shapes) > 1
    for shape in entity_shapes:
        assert set(shapes.objects(shape, SH.targetClass)) == top, shape


def test_type_shapes_cover_every_subclass(ontology: Graph, shapes: Graph) -> None:
    """Each class with subclasses has a shape requiring it on instances of all its subclasses."""
    tops = top_classes(shapes) | {HR.Document}
    for top in tops:
        below = subclasses(ontology, top)
        shape = shapes.value(predicate=SH.hasValue, object=top)
        if not below:
            assert shape is None, top
            continue
        assert shape is not None, f"no shape requires {top} on its subclasses"
        assert shapes.value(shape, SH.path) == RDF.type
        assert set(shapes.objects(shape, SH.targetClass)) == below, top


def test_every_shape_is_named_and_explains_itself(shapes: Graph) -> None:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    top_level = {s for kind in targets for s in shapes.subjects(kind, None)}
    assert top_level
    for shape in top_level:
        assert shapes.value(shape, SH.name) is not None, shape
        messages = [shapes.value(shape, SH.message)] + [
            shapes.value(c, SH.message) for c in shapes.objects(shape, SH.sparql)]
        assert any(messages), shape
