"""patterns/organs.yaml: one definition of the UN organs, consistent with the vocabulary
and read the same way by the document head, the resolution finder and the relations."""

from __future__ import annotations

from hrkg.extract.organs import load_organs, resolution_prefix
from hrkg.extract.vocabulary import load_vocabulary


def test_every_organ_is_its_vocabulary_actor() -> None:
    vocabulary = load_vocabulary()
    organs = load_organs()
    for organ in (*organs.organs, *organs.conferences):
        entry = vocabulary.get(organ.actor)
        assert entry is not None and entry.cls == "Actor", organ.actor
        assert organ.zh in (*entry.surfaces, *entry.short), (organ.zh, entry.surfaces)
        assert organ.en in (None, entry.en), (organ.en, entry.en)


def test_adopters_of_resolution_symbols() -> None:
    organs = load_organs()

    def adopter(symbol: str) -> str | None:
        organ = organs.of_prefix(resolution_prefix(symbol))
        return organs.decision_body(symbol) or (organ.actor if organ else None)

    assert adopter("A/HRC/RES/41/3") == "human-rights-council"
    assert adopter("E/CN.4/RES/1999/1") == "commission-on-human-rights"
    assert adopter("UNEP/CBD/COP/DEC/5/6") == "cbd-cop"
    assert adopter("FCCC/DEC/1/CP.21") == "联合国气候变化框架公约缔约方会议"
    assert adopter("ST/SGB/2019/1") is None  # the Secretariat adopts none
    assert resolution_prefix("S/RES/2719(2023)") == "S"


def test_names_and_councils() -> None:
    organs = load_organs()
    assert organs.named("安理会") is organs.named("安全理事会")
    assert [o.prefix for o in organs.adopting if o.council] == ["A/HRC", "E"]


def test_document_head_and_resolutions_read_the_same_organs(extractor) -> None:
    from hrkg.extract import DocumentMetadata, text_source

    text = "经社理事会第 1996/31 号决议和安理会第 2719 (2023) 号决议以及联合国大会第 70/1 号决议。"
    result = extractor.extract_source(text_source(text), metadata=DocumentMetadata())
    keys = [m.entity.key for m in result.mentions if m.entity.cls == "Resolution"]
    assert keys == ["E/RES/1996/31", "S/RES/2719(2023)", "A/RES/70/1"]
    labels = {m.entity.key: m.entity.label_en for m in result.mentions}
    assert labels["E/RES/1996/31"] == "Economic and Social Council resolution 1996/31"


def test_a_commission_resolution_is_adopted_by_the_commission(extractor) -> None:
    """人权委员会 is only a short form in the vocabulary: the organ is found by its key."""
    from hrkg.extract import DocumentMetadata, text_source

    text = "人权委员会第 2005/69 号决议请秘书长任命特别代表。"
    result = extractor.extract_source(text_source(text), metadata=DocumentMetadata())
    adopted = [(r.subject.key, r.obj.key, r.background) for r in result.relations
               if r.predicate == "adoptedBy" and r.subject is not None]
    assert adopted == [("E/CN.4/RES/2005/69", "commission-on-human-rights", False)]
