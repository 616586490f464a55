"""Score a built graph against gold annotations (precision, recall, F1).

Entities are scored per type (Actor, Instrument, Resolution, Document = cited UN
documents, SDG, Right, Group, Mechanism, Publication) and relations per
predicate (adoptedBy, adoptedIn, requests, author), over all documents and per
document; false positives and false negatives are listed. Gold files follow
../shared/gold/GUIDELINES.md; --gold may be given several times (e.g. one
folder per language), each folder's *.json files are read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rdflib import Graph
from rich.console import Console
from rich.table import Table

from hrkg.core.paths import DEFAULT_OUT
from hrkg.evaluation.evaluate import evaluate
from hrkg.evaluation.identity import identity_total
from hrkg.evaluation.scores import Evaluation, Score
from hrkg.graph.files import open_built_graph, union_graph

DEFAULT_GOLD = Path("../shared/gold/dev")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, action="append", metavar="DIR",
                        help="folder of gold .json files; repeat for several folders "
                             f"(default: {DEFAULT_GOLD})")
    parser.add_argument("--graph", type=Path, action="append", metavar="PATH",
                        help="built output folder or an RDF file (default: ./out); repeat to "
                             "evaluate the union of several builds (e.g. zh and en built "
                             "separately, for cross-language identity)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--errors", type=int, default=30, metavar="N",
                        help="list at most N false positives/negatives per kind (default 30)")
    parser.add_argument("--fail-under", type=float, default=None, metavar="F1",
                        help="exit 1 when the overall entity F1 is below this")


def _figures(score: Score) -> list[str]:
    return [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]


def _table(title: str, scores: dict[str, Score], overall: Score) -> Table:
    table = Table(title=title, header_style="bold")
    for column in ("type", "gold", "found", "TP", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, score in sorted(scores.items()):
        table.add_row(name, str(score.tp + score.fn), str(score.tp + score.fp), str(score.tp),
                      *_figures(score))
    table.add_row("[bold]overall", str(overall.tp + overall.fn), str(overall.tp + overall.fp),
                  str(overall.tp), *_figures(overall)[:2], f"[bold]{overall.f1:.3f}")
    return table


def document_table(result: Evaluation) -> Table:
    """One row per document: its language, entity P/R/F1 and relation P/R/F1."""
    rows = result.document_table()
    # one space between columns and no wrapping: a row fits 80 columns with the longest
    # corpus file name (36 characters)
    table = Table(title="per document", header_style="bold", box=None,
                  padding=(0, 1, 0, 0), pad_edge=False)
    table.add_column("document", no_wrap=True,
                     min_width=max((len(row.document) for row in rows), default=8))
    table.add_column("lang", no_wrap=True)
    for kind in ("ent.", "rel."):
        for figure in ("P", "R", "F1"):
            table.add_column(f"{kind}\n{figure}", justify="right", no_wrap=True, min_width=5)
    for row in rows:
        table.add_row(row.document, row.language or "?", *_figures(row.entities_overall),
                      *_figures(row.relations_overall))
    return table


def identity_table(result: Evaluation) -> Table | None:
    """Cross-language identity of the documents annotated in two languages, if any."""
    rows = result.identity_table()
    if not rows:
        return None
    table = Table(title="cross-language identity (gold keys of both gold files)",
                  header_style="bold")
    for column in ("document", "langs", "shared", "found in both", "same IRI", "share"):
        table.add_column(column, justify="left" if column in ("document", "langs") else "right")
    for row in rows:
        table.add_row(row.document, "+".join(row.languages), str(row.shared), str(row.found),
                      str(row.same), f"{row.share:.3f}")
    total = identity_total(rows)
    table.add_row("[bold]overall", "", str(total["shared"]), str(total["found_in_both"]),
                  str(total["same_iri"]), f"[bold]{total['share']:.3f}")
    return table


def print_evaluation(result: Evaluation, console: Console, limit: int) -> None:
    console.print(_table("entities", result.entities, result.overall(result.entities)))
    console.print(_table("relations", result.relations, result.overall(result.relations)))
    console.print(document_table(result))
    identity = identity_table(result)
    if identity is not None:
        console.print(identity)
        for row in result.identity_table():
            for key in row.different[:limit]:
                console.print(f"  {row.document}  two IRIs    {key}", highlight=False)
    for title, rows in (("false negatives (missed)", result.false_negatives),
                        ("false positives (not in gold)", result.false_positives)):
        console.print(f"[bold]{title}[/bold]: {len(rows)}")
        for doc, kind, label in rows[:limit]:
            console.print(f"  {doc}  {kind:<12} {label}", highlight=False)
    console.print(f"[bold]relation errors[/bold]: {len(result.relation_errors)}")
    for doc, kind, text in result.relation_errors[:limit]:
        console.print(f"  {doc}  {kind:<12} {text}", highlight=False)


def _open_graphs(paths: list[Path]) -> Graph:
    """One built graph, or the union (plain RDF merge) of several."""
    if len(paths) == 1:
        return open_built_graph(paths[0])
    union = Graph()
    for path in paths:
        for triple in union_graph(open_built_graph(path)):
            union.add(triple)
    return union


def run(args: argparse.Namespace) -> int:
    result = evaluate(_open_graphs(args.graph or [DEFAULT_OUT]), args.gold or [DEFAULT_GOLD])
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_evaluation(result, Console(), args.errors)
    overall = result.overall(result.entities).f1
    return 1 if args.fail_under is not None and overall < args.fail_under else 0
