"""English gate (issue 12): the English dev-extra gold built from ../shared/corpus-extra/en.

The issue's targets are entity F1 >= 0.85 for every type with >= 10 gold entities, overall
>= 0.88, relations >= 0.80: reached (test_issue_targets; entities 0.929, relations 0.913 when
it was turned on). The floors below are the levels reached when the
English pipeline landed, raised with Markdown footnotes, English requests, English titles,
bodies, persons and officers (entities 0.825, relations 0.822; README, "English documents"),
rounded down, so that no change loses ground; raise them as the scores rise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from hrkg.evaluation.evaluate import evaluate
from hrkg.graph.files import open_built_graph

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS_EN = SHARED / "corpus-extra" / "en"
GOLD_EN = SHARED / "gold" / "dev-extra" / "en"

ISSUE_TARGETS = {"entity_type": 0.85, "entities": 0.88, "relations": 0.80}
# floors: just under the levels reached now (README, "Scores"), at or above the targets
ENTITY_FLOORS = {"Resolution": 0.97, "Group": 0.91, "Document": 0.97, "Actor": 0.91,
                 "Instrument": 0.89, "Publication": 0.86}
ENTITIES_FLOOR = 0.92
RELATIONS_FLOOR = 0.91


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not CORPUS_EN.is_dir() or not GOLD_EN.is_dir():
        pytest.skip(f"English corpus or gold not found under {SHARED}")
    out = tmp_path_factory.mktemp("en") / "out"
    assert run_cli("build", str(CORPUS_EN), "--out", out, "--quiet", "--no-map",
                   "--no-store") == 0
    return evaluate(open_built_graph(out), [GOLD_EN]).as_dict()


def test_every_english_document_is_read_as_english(scores) -> None:
    languages = {row["document"]: row["language"] for row in scores["by_document"]}
    assert len(languages) == 7 and set(languages.values()) == {"en"}, languages


@pytest.mark.parametrize(("kind", "floor"), sorted(ENTITY_FLOORS.items()))
def test_entity_type_keeps_its_floor(scores, kind, floor) -> None:
    assert scores["entities"][kind]["f1"] >= floor, scores["entities"][kind]


def test_overall_scores_keep_their_floor(scores) -> None:
    assert scores["entities_overall"]["f1"] >= ENTITIES_FLOOR, scores["entities_overall"]
    assert scores["relations_overall"]["f1"] >= RELATIONS_FLOOR, scores["relations_overall"]
    assert scores["relations"]["author"]["f1"] == 1.0, scores["relations"]["author"]


def test_issue_targets(scores) -> None:
    big = [kind for kind, score in scores["entities"].items() if score["tp"] + score["fn"] >= 10]
    assert all(scores["entities"][kind]["f1"] >= ISSUE_TARGETS["entity_type"] for kind in big)
    assert scores["entities_overall"]["f1"] >= ISSUE_TARGETS["entities"]
    assert scores["relations_overall"]["f1"] >= ISSUE_TARGETS["relations"]
