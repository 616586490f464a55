"""English coordinations read distributively (extract/entities/english_coordination.py,
patterns/en/coordination.yaml), on a text written for this test: modifiers sharing a head
after them, and one plural head before two mandate complements; a member that names nothing
makes no mention, and the head word alone is no mention inside the coordination."""

from __future__ import annotations

from hrkg.extract import Extractor, text_source

TEXT = """United Nations
General Assembly Distr.: General 3 March 2031
Resolution adopted by the General Assembly on 2 March 2031
90/21. Lakes and wetlands
The General Assembly,
Inviting intergovernmental and non‑governmental organizations, as well as international and
regional financial institutions, to support lake communities,
Calling on all partners, including, inter alia, regional and international organizations, to help,
Encouraging the Olympic and Paralympic movements to protect rural and indigenous women and
children and youth with disabilities living near lakes,
Welcoming the work of the Special Rapporteurs of the Human Rights Council on trafficking in
persons, especially women and children, and on contemporary forms of slavery,
1. Requests the Secretary-General to report.
"""


def _mentions() -> dict[str, set[str]]:
    result = Extractor().extract_source(text_source(TEXT, "wetlands.txt"))
    found: dict[str, set[str]] = {}
    for mention in result.mentions:
        found.setdefault(mention.entity.key, set()).add(" ".join(mention.anchor.split()))
    return found


def test_modifiers_sharing_a_head_name_one_entity_each() -> None:
    found = _mentions()
    assert found["intergovernmental-organizations"] == {  # a non-breaking hyphen as in UN text
        "intergovernmental and non\u2011governmental organizations"}
    assert "non\u2011governmental organizations" in found["ngos"]
    assert found["ifis"] == {"international and regional financial institutions"}
    assert found["regional-organizations"] == {"regional and international organizations"}
    assert found["olympic-movement"] == {"Olympic and Paralympic movements"}
    assert found["paralympic-movement"] == {"Paralympic movements"}
    assert found["rural-women"] == {"rural and indigenous women"}
    assert found["children-with-disabilities"] == {"children and youth with disabilities"}
    assert found["youth-with-disabilities"] == {"youth with disabilities"}


def test_a_coordination_holds_no_mention_of_its_bare_head() -> None:
    found = _mentions()
    assert "youth" not in found  # only "youth with disabilities"
    assert not any(key.startswith("en:") and "regional" in key for key in found)


def test_a_plural_head_before_two_complements_names_two_mandates() -> None:
    found = _mentions()
    assert "sr-trafficking" in found and "sr-slavery" in found
    assert not any(key.startswith("en:Special Rapporteurs") for key in found)
    assert "human-rights-council" in found
