"""``report.json``: counts per class and relation, per document, timings, warnings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrkg import __version__
from hrkg.atomic import write_text
from hrkg.extract.model import ExtractionResult

if TYPE_CHECKING:
    from hrkg.build import BuildResult


def document_summary(result: ExtractionResult) -> dict[str, Any]:
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


def build_report(build: BuildResult, path: Path) -> dict[str, Any]:
    report = {
        "hrkg_version": __version__,
        "started_at": build.started_at,
        "out_dir": str(build.out_dir),
        "triples": build.triple_count,
        "totals": totals(build.results),
        "documents": [document_summary(r) for r in build.results],
        "errors": [{"file": e.path, "reason": e.reason} for e in build.errors],
        "timings_seconds": {k: round(v, 3) for k, v in sorted(build.timings.items())},
        "outputs": {k: str(v) for k, v in sorted(build.outputs.items())},
    }
    write_text(path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return report
