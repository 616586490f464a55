"""Extraction of phrasings the rules were not written from (issue 11): each test is a
CLASS of phrasing (resolution lists, organs, document heads, layout, name boundaries,
names without 《》, relations), on a text written for the test."""

from __future__ import annotations

from conftest import extract_text


def resolutions(result) -> set[str]:
    return {m.entity.key for m in result.mentions if m.entity.cls == "Resolution"}


# -- class 1: resolution lists and forms ------------------------------------------------
def test_every_number_of_a_resolution_list_is_a_resolution(extractor) -> None:
    text = ("经济及社会理事会，\n回顾其第1998/12号、2005/31号和2019/2号决议，\n"
            "又回顾大会2016年12月21日第71/243号以及2019年12月19日第74/297和74/298号决议，\n"
            "注意到大会在第68/1、69/2和70/3号决议中的请求，以及第72/9决议。\n")
    found = resolutions(extract_text(extractor, text, organ="经济及社会理事会"))
    assert {"E/RES/1998/12", "E/RES/2005/31", "E/RES/2019/2", "A/RES/71/243",
            "A/RES/74/297", "A/RES/74/298", "A/RES/68/1", "A/RES/69/2",
            "A/RES/70/3"} <= found


def test_special_session_resolutions_and_treaty_decisions(extractor) -> None:
    text = "回顾大会S-27/2号决议和第S-23/3号决议以及《巴黎协定》缔约方会议第2/CMA.3号决定。"
    found = resolutions(extract_text(extractor, text))
    assert {"A/RES/S-27/2", "A/RES/S-23/3", "FCCC/DEC/2/CMA.3"} <= found


# -- class 2: the organ is read, not guessed from the number's shape -------------------
def test_its_resolution_is_the_documents_own_organs(extractor) -> None:
    text = "经济及社会理事会，\n回顾其第9(III)号决议和大会第217A(III)号决议，\n"
    found = resolutions(extract_text(extractor, text, organ="经济及社会理事会"))
    assert {"E/RES/9(III)", "A/RES/217(III)"} <= found
    assert "A/RES/9(III)" not in found


def test_a_resolution_of_a_body_outside_the_un_is_no_un_resolution(extractor) -> None:
    text = ("报告注意到阿拉伯国家联盟理事会第12/3号决议和非洲联盟大会第7/1号决定"
            "以及大会第74/1号决议。")
    found = resolutions(extract_text(extractor, text))
    assert found == {"A/RES/74/1"}
