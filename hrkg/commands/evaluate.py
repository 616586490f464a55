"""Score a built graph against gold annotations (precision, recall, F1).

Entities are scored per type (Actor, Instrument, Resolution, Document = cited UN
documents, SDG, Right, Group, Mechanism, Publication) and relations per
predicate (adoptedBy, adoptedIn, requests, author); false positives and false
negatives are listed. Gold files follow ../shared/gold/GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hrkg.core.errors import HrkgError
from hrkg.core.paths import DEFAULT_OUT
from hrkg.evaluation.evaluate import Evaluation, Score, evaluate

DEFAULT_GOLD = Path("../shared/gold/dev")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help=f"folder of gold .json files (default: {DEFAULT_GOLD})")
    parser.add_argument("--graph", type=Path, default=DEFAULT_OUT,
                        help="built output folder or a .ttl/.trig file (default: ./out)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--errors", type=int, default=30, metavar="N",
                        help="list at most N false positives/negatives per kind (default 30)")
    parser.add_argument("--fail-under", type=float, default=None, metavar="F1",
                        help="exit 1 when the overall entity F1 is below this")


def load_graph(path: Path):
    from rdflib import Dataset, Graph

    target = path / "graph.trig" if path.is_dir() else path
    if not target.is_file():
        raise HrkgError(f"no graph at {path}: run `hrkg build` first")
    try:
        if target.suffix == ".trig":
            dataset = Dataset()
            dataset.parse(target, format="trig")
            union = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            return union
        graph = Graph()
        graph.parse(target)
        return graph
    except Exception as error:  # rdflib raises many parser error types
        raise HrkgError(f"{target}: cannot parse ({error})") from error


def _table(title: str, scores: dict[str, Score], overall: Score) -> Table:
    table = Table(title=title, header_style="bold")
    for column in ("type", "gold", "found", "TP", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, score in sorted(scores.items()):
        table.add_row(name, str(score.tp + score.fn), str(score.tp + score.fp), str(score.tp),
                      f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    table.add_row("[bold]overall", str(overall.tp + overall.fn), str(overall.tp + overall.fp),
                  str(overall.tp), f"{overall.precision:.3f}", f"{overall.recall:.3f}",
                  f"[bold]{overall.f1:.3f}")
    return table


def print_evaluation(result: Evaluation, console: Console, limit: int) -> None:
    console.print(_table("entities", result.entities, result.overall(result.entities)))
    console.print(_table("relations", result.relations, result.overall(result.relations)))
    for title, rows in (("false negatives (missed)", result.false_negatives),
                        ("false positives (not in gold)", result.false_positives)):
        console.print(f"[bold]{title}[/bold]: {len(rows)}")
        for doc, kind, label in rows[:limit]:
            console.print(f"  {doc}  {kind:<12} {label}", highlight=False)
    console.print(f"[bold]relation errors[/bold]: {len(result.relation_errors)}")
    for doc, kind, text in result.relation_errors[:limit]:
        console.print(f"  {doc}  {kind:<12} {text}", highlight=False)


def run(args: argparse.Namespace) -> int:
    if not args.gold.is_dir():
        raise HrkgError(f"gold folder {args.gold} not found (give --gold DIR)")
    result = evaluate(load_graph(args.graph), args.gold)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_evaluation(result, Console(), args.errors)
    overall = result.overall(result.entities).f1
    return 1 if args.fail_under is not None and overall < args.fail_under else 0
