"""`hrkg evaluate` on the demo build: `make test` fails under the targets of issues 3 and 4.

Entities: F1 >= 0.95 for Instrument, Resolution, UN document and SDG, >= 0.90 for Actor,
Group and Right; relations: overall F1 >= 0.85 and every adoptedIn relation of the gold
found (the README, "Evaluation", has the levels reached).
"""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from hrkg.commands.evaluate import load_graph
from hrkg.evaluation.evaluate import evaluate

ENTITY_TARGETS = {"Instrument": 0.95, "Resolution": 0.95, "Document": 0.95, "SDG": 0.95,
                  "Actor": 0.90, "Group": 0.90, "Right": 0.90}
RELATION_TARGET = 0.85


@pytest.fixture(scope="module")
def scores(demo_out, gold_dir) -> dict:
    return evaluate(load_graph(demo_out), gold_dir).as_dict()


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
    from rdflib import URIRef

    from hrkg.evaluation.evaluate import PredictedEntity, best_pairs

    def found(name: str, *labels: str) -> PredictedEntity:
        return PredictedEntity(URIRef(f"urn:x:{name}"), {"Instrument"}, set(labels), None, name)

    golds = [{"key": "A", "type": "Instrument", "labels": ["宣言", "甲宣言"]},
             {"key": "B", "type": "Instrument", "labels": ["乙宣言"]}]
    # first-come pairing gives the shared short form to A and leaves B unmatched
    candidates = [found("1", "宣言", "乙宣言"), found("2", "甲宣言")]
    pairs = best_pairs(golds, candidates)
    assert {index: entity.display for index, entity in pairs.items()} == {0: "2", 1: "1"}
    assert best_pairs(golds, list(reversed(candidates))).keys() == {0, 1}
