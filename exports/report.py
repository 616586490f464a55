"""``report.json``: counts per class and relation, per document, co-mention counts, timings,
warnings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from hrkg import __version__
from hrkg.core.atomic import write_text
from hrkg.exports.generation import published_path
from hrkg.exports.record import BuildRecord, CoMentions, CorpusTotals
from hrkg.extract.model import Entity, ExtractionResult
from hrkg.extract.relations.comentions import EntityKey, entities_by_key
from hrkg.graph.uris import entity_uri

NAME = "report"
FILES = ("report.json",)
TIMING = None  # the report records the other timings


def document_summary(result: ExtractionResult, comentions: CoMentions) -> dict[str, Any]:
    entities = {(m.entity.cls, m.entity.key) for m in result.mentions}
    meta = result.metadata
    return {
        "file": result.source.file_name,
        "sha256": result.source.sha256,
        "characters": len(result.source.text),
        "symbol": meta.symbol,
        "title": meta.title,
        "organ": meta.organ,
        "date": meta.date,
        "language": meta.language,
        "authors": meta.authors,
        "footnotes": len(result.clean.footnotes),
        "mentions": len(result.mentions),
        "entities": dict(sorted(Counter(cls for cls, _ in entities).items())),
        "relations": dict(sorted(Counter(r.predicate for r in result.relations).items())),
        "co_mention_pairs": len(comentions),
        "warnings": result.warnings,
    }


def totals(results: list[ExtractionResult]) -> dict[str, Any]:
    entities = {(m.entity.cls, m.entity.key) for r in results for m in r.mentions}
    relations = Counter(r.predicate for res in results for r in res.relations)
    return {
        "documents": len(results),
        "mentions": sum(len(r.mentions) for r in results),
        "entities": dict(sorted(Counter(cls for cls, _ in entities).items())),
        "relations": dict(sorted(relations.items())),
    }


def comention_counts(documents: list[tuple[ExtractionResult, CoMentions]]) -> list[dict[str, Any]]:
    """Entity pairs named in the same sentence, over the corpus: how many sentences and how many
    documents; most frequent first (the graph's hr:CoMention statistics, as a table)."""
    sentences: Counter[tuple[EntityKey, EntityKey]] = Counter()
    in_documents: Counter[tuple[EntityKey, EntityKey]] = Counter()
    entities: dict[EntityKey, Entity] = {}
    for result, comentions in documents:
        entities.update(entities_by_key(result))
        for pair, count in comentions.items():
            sentences[pair] += count
            in_documents[pair] += 1
    rows: list[dict[str, Any]] = []
    for (a, b), count in sentences.items():
        first, second = entities[a], entities[b]
        rows.append({
            "entities": [str(entity_uri(*a)), str(entity_uri(*b))],
            "classes": [a[0], b[0]],
            "labels": [first.label_zh, second.label_zh],
            "sentences": count,
            "documents": in_documents[(a, b)],
        })
    rows.sort(key=lambda row: (-row["sentences"], -row["documents"], row["entities"]))
    return rows


def corpus_totals(totals: CorpusTotals) -> dict[str, Any]:
    """:func:`totals` from the merged records of a streamed build."""
    relations: Counter[str] = Counter()
    for row in totals.rows.values():
        relations.update(row["relations"])
    return {
        "documents": len(totals.rows),
        "mentions": sum(row["mentions"] for row in totals.rows.values()),
        "entities": dict(sorted(Counter(cls for cls, _ in totals.mentioned).items())),
        "relations": dict(sorted(relations.items())),
    }


def corpus_comentions(totals: CorpusTotals) -> list[dict[str, Any]]:
    """:func:`comention_counts` from the merged records of a streamed build."""
    rows: list[dict[str, Any]] = [{
        "entities": [str(entity_uri(*a)), str(entity_uri(*b))],
        "classes": [a[0], b[0]],
        "labels": [totals.label(a), totals.label(b)],
        "sentences": count,
        "documents": totals.in_documents[(a, b)],
    } for (a, b), count in totals.sentences.items()]
    rows.sort(key=lambda row: (-row["sentences"], -row["documents"], row["entities"]))
    return rows


def build_report(build: BuildRecord, path: Path) -> dict[str, Any]:
    if build.totals.rows:  # a streamed build: the documents' records, merged
        documents = build.totals.documents()
        corpus, pairs = corpus_totals(build.totals), corpus_comentions(build.totals)
    else:
        done = build.documents()
        documents = [document_summary(result, pairs) for result, pairs in done]
        corpus, pairs = totals(build.results), comention_counts(done)
    report = {
        "hrkg_version": __version__,
        "started_at": build.started_at,
        "out_dir": str(build.published_dir or build.out_dir),
        "triples": build.triple_count,
        "layout": build.layout,
        "totals": corpus,
        "documents": documents,
        "co_mentions": pairs,
        "errors": [{"file": e.path, "reason": e.reason} for e in build.errors],
        "timings_seconds": {k: round(v, 3) for k, v in sorted(build.timings.items())},
        "outputs": {k: str(published_path(build.published_dir or build.out_dir, build.out_dir, v))
                    for k, v in sorted(build.outputs.items())},
    }
    write_text(path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return report


def write(record: BuildRecord) -> dict[str, Path]:
    """The writer: ``report.json``, listing itself among the outputs."""
    path = record.out_dir / FILES[0]
    record.outputs["report"] = path
    build_report(record, path)
    return {"report": path}
