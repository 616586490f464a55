"""Terminal summary of a build (rich tables)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from hrkg.exports.record import BuildRecord
from hrkg.exports.report import document_summary
from hrkg.extract.model import ENTITY_CLASSES

COLUMNS = [c for c in ENTITY_CLASSES if c not in ("SDGTarget",)]
SHORT = {"Actor": "Act", "Group": "Grp", "Instrument": "Ins", "Publication": "Pub",
         "Resolution": "Res", "UNDocument": "Doc", "SDGGoal": "SDG", "Mechanism": "Mec",
         "Right": "Rgt"}


def print_summary(build: BuildRecord, console: Console) -> None:
    table = Table(title="hrkg build", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    table.add_column("document", no_wrap=True, overflow="ellipsis", max_width=20)
    for cls in COLUMNS:
        table.add_column(SHORT.get(cls, cls), justify="right", no_wrap=True, min_width=3)
    table.add_column("Rel", justify="right", no_wrap=True, min_width=3)
    table.add_column("Men", justify="right", no_wrap=True, min_width=4)
    rows = build.totals.documents() if build.totals.rows else [
        document_summary(result, comentions) for result, comentions in build.documents()]
    for summary in rows:
        counts = summary["entities"]
        goals = counts.get("SDGGoal", 0) + counts.get("SDGTarget", 0)
        cells = [str(goals if c == "SDGGoal" else counts.get(c, 0)) for c in COLUMNS]
        table.add_row(summary["file"], *cells, str(sum(summary["relations"].values())),
                      str(summary["mentions"]))
    console.print(table)
    console.print("Act actors, Mec mechanisms, Grp groups, Ins instruments, Pub publications, "
                  "Res resolutions, Doc UN documents, SDG goals+targets, Rgt rights, "
                  "Rel relations, Men mentions", style="dim")
    if build.errors:
        console.print(f"[red]{len(build.errors)} file(s) could not be read[/red]")
    if build.counts:
        counts = build.counts
        rate = counts["characters"] / max(build.timings.get("extract", 0.0), 1e-9)
        console.print(f"{counts['done']} done ({counts['cached']} cached), {counts['failed']} "
                      f"failed; {counts['workers']} worker(s); {rate:,.0f} characters/s",
                      highlight=False)
    timing = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(build.timings.items()))
    console.print(f"{build.triple_count} triples; {timing}", highlight=False)
