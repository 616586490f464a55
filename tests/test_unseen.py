"""Extraction of a text the rules were not written from: a made-up report naming a
regional convention, an ad hoc committee, states and resolutions that do not occur
in the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import extract_text

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def report(extractor):
    text = (UNSEEN / "regional-water-report.txt").read_text(encoding="utf-8")
    return extract_text(extractor, text, "unseen.txt", organ="人权理事会")


def labels(result, cls: str) -> set[str]:
    return {m.entity.label_zh for m in result.mentions if m.entity.cls == cls}


def keys(result, cls: str) -> set[str]:
    return {m.entity.key for m in result.mentions if m.entity.cls == cls}


def test_new_instruments_come_out_by_their_head(report) -> None:
    assert {"南大西洋跨界水资源与人权区域公约", "淡水生态系统保护行动纲领"} <= labels(
        report, "Instrument")


def test_the_short_form_joins_the_new_convention(report) -> None:
    short = [m for m in report.mentions if m.anchor == "该公约"]
    assert [m.is_short_form for m in short] == [True]
    assert short[0].entity.label_zh == "南大西洋跨界水资源与人权区域公约"
    assert "该公约" not in labels(report, "Instrument")


def test_new_bodies_are_actors_with_clean_boundaries(report) -> None:
    actors = labels(report, "Actor")
    assert {"水资源问题特设委员会", "跨界水道问题区域论坛"} <= actors
    assert not any(name.startswith(("还", "联合向", "向")) for name in actors)


def test_states_are_known_by_their_official_short_names(report) -> None:
    states = {m.entity.key for m in report.mentions if m.entity.subclass == "State"}
    assert {"state-is", "state-uy", "state-vn"} <= states


def test_resolutions_in_both_written_forms(report) -> None:
    assert {"A/HRC/RES/52/7", "A/RES/77/1"} <= keys(report, "Resolution")
