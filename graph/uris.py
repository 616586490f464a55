"""Deterministic URIs: the same entity gets the same URI in every run and every graph.

Scheme (all under ``hrid:`` = https://w3id.org/hrkg/id/):

=================  ==============================================  ==========================
what               pattern                                         example
=================  ==============================================  ==========================
document           doc/<document key>                              doc/A/HRC/44/28/zh
                   (key: symbol/language, else file/<path>/<lang>)  doc/file/report.txt/zh
named graph        graph/<document key>                            graph/A/HRC/44/28/zh
resolution         resolution/<symbol slug>                        resolution/A-RES-217-III
UN document        undoc/<symbol slug>                             undoc/A-HRC-42-29
SDG goal/target    sdg/<number>                                    sdg/16, sdg/16.8
vocabulary entity  <class>/<vocabulary key>                        instrument/udhr
open-world entity  <class>/zh-<sha1 of normalized name, 12 hex>    actor/zh-3f2a9c0d1e4b
structural key     <class>/<key slug> (extract/entities/           actor/unrwa-commissioner-
                   structural_keys.py: same key in zh and en)      general, actor/COP27
mention            mention/<document key>/<begin>-<end>            mention/A/HRC/44/28/zh/120-128
evidence           evidence/<sha1 of subject,predicate,object,document key,sentence, 16 hex>
build activity     build/<sha1 of sorted input hashes + version, 16 hex>
=================  ==============================================  ==========================

The document key (``hrkg.graph.identity``) is unique per document: two files never
share a node unless they are the same document (same symbol, same language).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import URIRef

from hrkg.graph.namespaces import HRID

_CLASS_PATHS = {
    "Actor": "actor",
    "Mechanism": "mechanism",
    "Group": "group",
    "Instrument": "instrument",
    "Publication": "publication",
    "Resolution": "resolution",
    "UNDocument": "undoc",
    "SDGGoal": "sdg",
    "SDGTarget": "sdg",
    "Right": "right",
}

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def slug(text: str) -> str:
    """ASCII slug for a symbol or file stem: ``A/RES/217(III)`` -> ``A-RES-217-III``."""
    return _UNSAFE.sub("-", text).strip("-")


def short_hash(*parts: str, length: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def document_uri(key: str) -> URIRef:
    """A document's IRI from its key (:func:`hrkg.graph.identity.document_key`)."""
    return HRID[f"doc/{key}"]


def document_graph_uri(key: str) -> URIRef:
    return HRID[f"graph/{key}"]


@lru_cache(maxsize=1 << 16)  # an entity is named many times in a document and a corpus
def entity_uri(cls: str, key: str) -> URIRef:
    """URI of an entity from its class and canonical key.

    Keys starting with ``zh:`` are open-world names and are hashed; symbols and
    SDG numbers are slugged; vocabulary keys are already slugs.
    """
    path = _CLASS_PATHS[cls]
    if key.startswith("zh:"):
        return HRID[f"{path}/zh-{short_hash(key[3:], length=12)}"]
    if cls in ("SDGGoal", "SDGTarget"):
        return HRID[f"{path}/{key}"]
    return HRID[f"{path}/{slug(key)}"]


def mention_uri(key: str, begin: int, end: int) -> URIRef:
    return HRID[f"mention/{key}/{begin}-{end}"]


def evidence_uri(subject: str, predicate: str, obj: str, key: str, begin: int) -> URIRef:
    return HRID[f"evidence/{short_hash(subject, predicate, obj, key, str(begin))}"]


def build_uri(input_hashes: list[str], version: str) -> URIRef:
    return HRID[f"build/{short_hash(version, *sorted(input_hashes))}"]
