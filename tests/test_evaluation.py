"""`hrkg evaluate` on the demo build: `make test` fails under the targets of issues 3 and 4.

Entities: F1 >= 0.95 for Instrument, Resolution, UN document and SDG, >= 0.90 for Actor,
Group and Right; relations: overall F1 >= 0.85 and every adoptedIn relation of the gold
found (the README, "Evaluation", has the levels reached).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import run_cli
from rdflib import URIRef

from hrkg.core.errors import HrkgError
from hrkg.evaluation.evaluate import PredictedEntity, best_pairs, evaluate
from hrkg.evaluation.scores import Evaluation
from hrkg.graph.files import open_built_graph

ENTITY_TARGETS = {"Instrument": 0.95, "Resolution": 0.95, "Document": 0.95, "SDG": 0.95,
                  "Actor": 0.90, "Group": 0.90, "Right": 0.90}
RELATION_TARGET = 0.85


@pytest.fixture(scope="module")
def evaluation(demo_out, gold_dir) -> Evaluation:
    return evaluate(open_built_graph(demo_out), [gold_dir])


@pytest.fixture(scope="module")
def scores(evaluation) -> dict:
    return evaluation.as_dict()


@pytest.mark.parametrize(("kind", "target"), sorted(ENTITY_TARGETS.items()))
def test_entity_f1_reaches_its_target(scores, kind, target) -> None:
    assert scores["entities"][kind]["f1"] >= target, scores["entities"][kind]


def test_relation_f1_reaches_its_target(scores) -> None:
    assert scores["relations_overall"]["f1"] >= RELATION_TARGET, scores["relations"]


def test_every_adopted_in_relation_is_found(scores) -> None:
    """Most of them are read from footnotes (第 69/313 号决议，附件。)."""
    assert scores["relations"]["adoptedIn"]["recall"] == 1.0, scores["relation_errors"]


def test_misses_and_false_alarms_are_listed(scores) -> None:
    overall = scores["entities_overall"]
    assert len(scores["false_negatives"]) == overall["fn"]
    assert len(scores["false_positives"]) == overall["fp"]


def test_cli_json_and_fail_under(demo_out, gold_dir, capsys, scores) -> None:
    assert run_cli("evaluate", "--gold", gold_dir, "--graph", demo_out, "--json") == 0
    assert json.loads(capsys.readouterr().out)["entities_overall"] == scores["entities_overall"]
    assert run_cli("evaluate", "--gold", gold_dir, "--graph", demo_out, "--fail-under", "0.99") == 1


def test_shared_labels_are_paired_to_count_every_possible_match() -> None:
    def found(name: str, *labels: str) -> PredictedEntity:
        return PredictedEntity(URIRef(f"urn:x:{name}"), {"Instrument"}, set(labels), None, name)

    golds = [{"key": "A", "type": "Instrument", "labels": ["宣言", "甲宣言"]},
             {"key": "B", "type": "Instrument", "labels": ["乙宣言"]}]
    # first-come pairing gives the shared short form to A and leaves B unmatched
    candidates = [found("1", "宣言", "乙宣言"), found("2", "甲宣言")]
    pairs = best_pairs(golds, candidates)
    assert {index: entity.display for index, entity in pairs.items()} == {0: "2", 1: "1"}
    assert best_pairs(golds, list(reversed(candidates))).keys() == {0, 1}


def test_per_document_table_adds_up_to_the_overall_scores(evaluation, gold_dir) -> None:
    rows = evaluation.document_table()
    assert [row.document for row in rows] == sorted(
        json.loads(path.read_text(encoding="utf-8"))["document"]
        for path in gold_dir.glob("*.json"))
    assert {row.language for row in rows} == {"zh"}  # from the graph: dev gold gives none
    for kind in ("tp", "fp", "fn"):
        for overall, part in (("entities_overall", "entities"),
                              ("relations_overall", "relations")):
            assert sum(getattr(getattr(row, part + "_overall"), kind) for row in rows) == \
                evaluation.as_dict()[overall][kind]
    # the PDF and the text copy of the same report are scored on their own
    by_name = {row.document: row for row in rows}
    assert by_name["highest-aspiration-2020.txt"].entities_overall.tp > 0
    assert by_name["highest-aspiration-2020-from-pdf.txt"].entities_overall.tp > 0
    languages = evaluation.language_table()
    assert list(languages) == ["zh"]
    assert languages["zh"][0] == evaluation.overall(evaluation.entities)


def test_several_gold_folders(demo_out, gold_dir, tmp_path: Path, capsys) -> None:
    """A second folder adds its documents; the same document twice in one language is refused."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    names = sorted(path.name for path in gold_dir.glob("*.json"))
    shutil.copy(gold_dir / names[0], first)
    for name in names[1:]:
        shutil.copy(gold_dir / name, second)
    graph = open_built_graph(demo_out)
    split = evaluate(graph, [first, second]).as_dict()
    whole = evaluate(graph, [gold_dir]).as_dict()
    assert split["entities_overall"] == whole["entities_overall"]
    assert [row["gold"] for row in split["by_document"]][0] == str(first / names[0])
    shutil.copy(gold_dir / names[0], second)
    with pytest.raises(HrkgError, match=r"is annotated twice \(also in "):
        evaluate(graph, [first, second])

    assert run_cli("evaluate", "--gold", first, "--gold", gold_dir / "..", "--graph",
                   demo_out) == 1
    assert "no gold .json files" in capsys.readouterr().err


def test_cli_prints_the_per_document_table(demo_out, gold_dir, capsys, evaluation) -> None:
    assert run_cli("evaluate", "--gold", gold_dir, "--graph", demo_out) == 0
    out = capsys.readouterr().out
    table = out[out.index("per document"):out.index("false negatives")]
    for row in evaluation.document_table():
        line = next(line for line in table.splitlines() if row.document in line)
        assert f"{row.entities_overall.f1:.3f}" in line
        assert f"{row.relations_overall.f1:.3f}" in line


def test_pairing_does_not_depend_on_the_hash_seed() -> None:
    """Gold 0 and gold 1 can both pair with graph entity 0 (as 统计委员会 and 联合国统计委员会
    of A/79/L.2 do): the same one must be left unmatched in every process. (With string
    node names networkx's sets made the choice depend on PYTHONHASHSEED.)"""
    import os
    import subprocess
    import sys

    script = (
        "from rdflib import URIRef\n"
        "from hrkg.evaluation.evaluate import PredictedEntity, best_pairs\n"
        "golds = [{'key': f'G{i}', 'type': 'Actor', 'labels': [f'L{i}']} for i in range(6)]\n"
        "found = [PredictedEntity(URIRef('urn:x:0'), {'Actor'}, {'l0', 'l1'}, None, '0')]\n"
        "found += [PredictedEntity(URIRef(f'urn:x:{i}'), {'Actor'}, {f'l{i}'}, None, str(i))\n"
        "          for i in range(2, 6)]\n"
        "print(sorted(best_pairs(golds, found)))\n"
    )
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in (1, 3, 6)}  # the old naming gave two answers for these
    assert outputs == {"[0, 2, 3, 4, 5]\n"}


# -- all Chinese gold: corpus/ + ../shared/corpus-extra/zh (issue 11) ------------------------
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXTRA_TEXTS, EXTRA_GOLD = SHARED / "corpus-extra" / "zh", SHARED / "gold" / "dev-extra" / "zh"
# floors: just under the levels reached now (README, "Scores"); the issue's targets are 0.92
# entities overall, 0.85 relations overall and 0.88 for each document
ALL_ZH_FLOORS = {"entities": 0.93, "relations": 0.92, "document": 0.92}
ALL_ZH_TARGETS = {"entities": 0.92, "relations": 0.85, "document": 0.88}


@pytest.fixture(scope="module")
def all_zh(tmp_path_factory: pytest.TempPathFactory, gold_dir) -> dict:
    """The build of corpus/ and the extra Chinese texts (read in ../shared, not copied),
    evaluated against both gold folders."""
    if not EXTRA_TEXTS.is_dir() or not EXTRA_GOLD.is_dir():
        pytest.skip(f"extra Chinese texts or gold not found under {SHARED}")
    out = tmp_path_factory.mktemp("allzh") / "out"
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    assert run_cli("build", corpus, EXTRA_TEXTS, "--out", out, "--quiet", "--no-map",
                   "--no-store") == 0
    return evaluate(open_built_graph(out), [gold_dir, EXTRA_GOLD]).as_dict()


def _levels(found: dict) -> dict[str, float]:
    return {"entities": found["entities_overall"]["f1"],
            "relations": found["relations_overall"]["f1"],
            "document": min(row["entities"]["f1"] for row in found["by_document"])}


def test_all_chinese_gold_holds_its_floor(all_zh) -> None:
    assert len(all_zh["by_document"]) == 7
    levels = _levels(all_zh)
    assert all(levels[k] >= floor for k, floor in ALL_ZH_FLOORS.items()), levels


def test_all_chinese_gold_reaches_the_overall_issue_11_targets(all_zh) -> None:
    levels = _levels(all_zh)
    assert levels["entities"] >= ALL_ZH_TARGETS["entities"], levels
    assert levels["relations"] >= ALL_ZH_TARGETS["relations"], levels


def test_every_chinese_document_reaches_the_issue_11_target(all_zh) -> None:
    """Every Chinese document with gold >= 0.88 (E-RES-2023-4 was the last under it)."""
    assert _levels(all_zh)["document"] >= ALL_ZH_TARGETS["document"], _levels(all_zh)
