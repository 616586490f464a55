"""Map benchmark: time to draw the overview of a big synthetic graph, and of the demo graph.

    python benchmarks/bench_map.py                     # 5,000 entities (+ out/ if built)
    python benchmarks/bench_map.py --entities 20000 --browser --json bench-map.json

For each graph, in one process: the baseline is one bare pass over all its triples with
rdflib (what any reader of the graph must pay); then the projection (maps/project.py),
the view and HTML (maps/view.py, maps/draw.py) are timed, and the ratio of the whole map to the
baseline is reported. With ``--browser`` the map is also opened in headless Chromium and
the time until it has stabilized and frozen is measured. ``--limit`` (default 10 s) is the
issue's bound for the map of the 5,000-node graph; exceeding it exits with status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.map_samples import synthetic_graph

from hrkg.maps.draw import render_map
from hrkg.maps.project import iter_triples, project
from hrkg.maps.view import MapView

REPO = Path(__file__).resolve().parents[1]


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def measure(name: str, graph, view: MapView, browser: bool) -> dict:
    triples, baseline = timed(lambda: sum(1 for _ in iter_triples(graph)))
    projection, t_project = timed(project, graph)
    (html, stats), t_render = timed(render_map, projection, view)
    total = t_project + t_render
    row = {
        "graph": name, "triples": triples, "graph_nodes": projection.number_of_nodes(),
        "graph_edges": projection.number_of_edges(), "map_nodes": stats["nodes"],
        "map_edges": stats["edges"], "left_out": stats["left_out"],
        "html_bytes": len(html.encode("utf-8")), "baseline_s": round(baseline, 3),
        "project_s": round(t_project, 3), "render_s": round(t_render, 3),
        "map_s": round(total, 3), "ratio_to_baseline": round(total / baseline, 2),
    }
    if browser:
        row["browser_s"] = round(_open_in_browser(html), 2)
    return row


def _open_in_browser(html: str) -> float:
    from support.browser import HeadlessChromium

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "map.html"
        page.write_text(html, encoding="utf-8")
        with HeadlessChromium(timeout=300) as chromium:
            start = time.perf_counter()
            chromium.open(page.as_uri())
            chromium.wait_for_map()
            return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--max-nodes", type=int, default=MapView().max_nodes)
    parser.add_argument("--demo", type=Path, default=REPO / "out",
                        help="a build folder to measure too, if it exists (default: out/)")
    parser.add_argument("--browser", action="store_true", help="also time Chromium's drawing")
    parser.add_argument("--limit", type=float, default=10.0,
                        help="seconds allowed for the synthetic map (default: 10)")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)

    view = MapView(max_nodes=args.max_nodes)
    graph, t_generate = timed(synthetic_graph, args.entities, args.documents)
    rows = [{**measure(f"synthetic-{args.entities}", graph, view, args.browser),
             "generate_s": round(t_generate, 2)}]
    if (args.demo / "graph.trig").is_file():
        from hrkg.commands.map import load_graph

        rows.append(measure("demo", load_graph(args.demo), view, args.browser))
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    slow = rows[0]["map_s"] > args.limit
    if slow:
        print(f"bench_map: the synthetic map took {rows[0]['map_s']} s (limit {args.limit} s)",
              file=sys.stderr)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
