"""The bundled vocabularies load, cover the domain, and the loader rejects bad data."""

from __future__ import annotations

import importlib
import re
import sys
from collections import Counter
from pathlib import Path

import babel
import pytest

from hrkg.core.paths import vocab_dir
from hrkg.extract import vocabulary as vocab_module
from hrkg.extract.vocabulary import (
    VocabularyError,
    load_vocabulary,
    normalize_surface,
    parse_vocab_file,
    render_vocab_file,
)

TOOLS_DIR = Path(vocab_module.__file__).resolve().parent / "vocab_tools"

CORE_TREATIES = {
    "消除一切形式种族歧视国际公约": "icerd",
    "公民权利和政治权利国际公约": "iccpr",
    "经济社会文化权利国际公约": "icescr",
    "消除对妇女一切形式歧视公约": "cedaw",
    "禁止酷刑和其他残忍、不人道或有辱人格的待遇或处罚公约": "cat",
    "儿童权利公约": "crc",
    "保护所有移徙工人及其家庭成员权利国际公约": "icmw",
    "残疾人权利公约": "crpd",
    "保护所有人免遭强迫失踪国际公约": "cped",
}
OPTIONAL_PROTOCOLS = [
    "公民权利和政治权利国际公约任择议定书",
    "旨在废除死刑的公民权利和政治权利国际公约第二项任择议定书",
    "经济社会文化权利国际公约任择议定书",
    "消除对妇女一切形式歧视公约任择议定书",
    "禁止酷刑和其他残忍、不人道或有辱人格的待遇或处罚公约任择议定书",
    "儿童权利公约关于儿童卷入武装冲突问题的任择议定书",
    "儿童权利公约关于买卖儿童、儿童卖淫和儿童色情制品问题的任择议定书",
    "儿童权利公约关于设定来文程序的任择议定书",
    "残疾人权利公约任择议定书",
]


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def _only(vocab, surface: str):
    entries = vocab.lookup(surface)
    assert len(entries) == 1, f"{surface!r} -> {[entry.key for entry in entries]}"
    return entries[0]


# ---------------------------------------------------------------- bundled data


def test_every_file_names_its_source(vocab):
    sources = vocab.sources()
    expected = {"actors.yaml", "groups.yaml", "instruments.yaml", "mechanisms.yaml",
                "publications.yaml", "rights.yaml", "sdgs.yaml", "states.yaml"}
    assert expected <= set(sources)
    assert all(len(text) > 20 for text in sources.values())


def test_breadth_excluding_states_and_sdg_targets(vocab):
    counted = [entry for entry in vocab
               if entry.cls != "SDGTarget" and entry.subclass not in ("State", "ObserverState")]
    assert len(counted) >= 500
    by_class = Counter(entry.cls for entry in counted)
    assert by_class["Instrument"] >= 100 and by_class["Actor"] >= 300
    assert by_class["Right"] >= 40 and by_class["Group"] >= 40 and by_class["Mechanism"] >= 5


def test_sdgs_17_goals_and_169_targets(vocab):
    goals = vocab.of_class("SDGGoal")
    targets = vocab.of_class("SDGTarget")
    assert [goal.number for goal in goals] == [str(n) for n in range(1, 18)]
    assert len(targets) == 169
    assert all(goal.uri == f"http://metadata.un.org/sdg/{goal.number}" for goal in goals)
    for target in targets:
        goal_number, _, suffix = target.number.partition(".")
        assert target.goal == f"sdg-{goal_number}"
        assert re.fullmatch(r"[1-9][0-9]?|[a-z]", suffix)
        assert target.uri == f"http://metadata.un.org/sdg/{target.number}"
    per_goal = Counter(target.goal for target in targets)
    assert per_goal["sdg-17"] == 19 and per_goal["sdg-3"] == 13 and per_goal["sdg-7"] == 5
    assert vocab.get("sdg-16").title_zh == "和平、正义与强大机构"
    assert vocab.get("sdg-16").title_en == "Peace, justice and strong institutions"
    assert vocab.get("sdg-16.8") is not None and vocab.get("sdg-16.11") is None
    assert _only(vocab, "具体目标 16.8").key == "sdg-16.8"


def test_195_states_with_un_chinese_names(vocab):
    states = [entry for entry in vocab.of_class("Actor")
              if entry.subclass in ("State", "ObserverState")]
    assert len(states) == 195
    assert Counter(entry.subclass for entry in states) == {"State": 193, "ObserverState": 2}
    assert _only(vocab, "巴勒斯坦国").key == "state-ps"
    assert _only(vocab, "教廷").key == "state-va"
    # the UN's official short name is the label; CLDR's common name still resolves
    korea = _only(vocab, "韩国")
    assert korea.zh == "大韩民国" and korea.en == "Republic of Korea"
    assert _only(vocab, "美国").zh == "美利坚合众国"
    assert _only(vocab, "联合王国").key == "state-gb"
    assert _only(vocab, "中华人民共和国").key == "state-cn"


def test_core_treaties_and_optional_protocols_by_chinese_name(vocab):
    for name, key in CORE_TREATIES.items():
        entry = _only(vocab, name)
        assert (entry.key, entry.cls) == (key, "Instrument")
        assert entry.adopted_by == "general-assembly" and entry.adopted_in.startswith("A/RES/")
    for name in OPTIONAL_PROTOCOLS:
        assert _only(vocab, name).subclass == "OptionalProtocol"


def test_every_treaty_body_monitors_a_treaty(vocab):
    bodies = [entry for entry in vocab if entry.subclass == "TreatyBody"]
    assert len(bodies) == 10
    for body in bodies:
        assert vocab.get(body.monitors).cls == "Instrument"


def test_surface_lookups(vocab):
    assert _only(vocab, "人权高专办").key == "ohchr"
    assert _only(vocab, "联合国人权事务高级专员办事处").key == "ohchr"
    assert _only(vocab, "安理会").key == "security-council"
    assert _only(vocab, "经社理事会").key == "ecosoc"
    assert _only(vocab, "2030 年议程").key == "agenda-2030"  # spaces as in UN PDFs
    assert _only(vocab, "昆明－蒙特利尔全球生物多样性框架").key == "kmgbf"  # full-width dash
    assert _only(vocab, "工商业与人权：实施联合国“保护、尊重和补救”框架指导原则").key == "ungps"
    assert _only(vocab, "可持续发展高级别政治论坛").key == "hlpf"
    assert _only(vocab, "经济、社会及文化权利").key == "esc-rights"
    assert vocab.lookup("联合国宪章 ") == vocab.lookup("宪章")


def test_short_forms_resolve_within_one_class(vocab):
    short = vocab.short_forms()
    # 理事会 is the Council a document named before: ECOSOC or the Human Rights Council
    assert [entry.key for entry in short["理事会"]] == ["ecosoc", "human-rights-council"]
    assert [entry.key for entry in short["高级专员"]] == [
        "high-commissioner-human-rights", "high-commissioner-refugees"]
    assert "agenda-2030" in {entry.key for entry in short["议程"]}
    for surface, entries in short.items():
        assert len({entry.cls for entry in entries}) == 1, surface


def test_no_surface_form_names_two_classes(vocab):
    for surface, entries in vocab.by_surface().items():
        assert len({entry.cls for entry in entries}) == 1, surface
        assert "《" not in surface and " " not in surface


def test_references_point_at_the_right_classes(vocab):
    for entry in vocab:
        if entry.adopted_by:
            assert vocab.get(entry.adopted_by).cls == "Actor", entry.key
        for parent in (entry.part_of, entry.subsidiary_of):
            if parent:
                assert vocab.get(parent).cls in ("Actor", "Mechanism"), entry.key
        assert entry.en, f"{entry.key} has no English name"


# ---------------------------------------------------------------- generated files are current


def _generator(name: str):
    sys.path.insert(0, str(TOOLS_DIR))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(TOOLS_DIR))


def test_sdgs_yaml_is_what_the_generator_writes():
    text, count = _generator("build_sdgs").render()
    assert count == 17 + 169
    assert text == (vocab_dir() / "sdgs.yaml").read_text(encoding="utf-8")


def test_states_yaml_is_what_the_generator_writes():
    current = (vocab_dir() / "states.yaml").read_text(encoding="utf-8")
    if f"Babel {babel.__version__} " not in current:
        pytest.skip("states.yaml was generated with another Babel version")
    text, count = _generator("build_states").render()
    assert count == 195
    assert text == current


# ---------------------------------------------------------------- validation of bad data


@pytest.fixture
def vocab_files(tmp_path, monkeypatch):
    """Write vocabulary files into a fresh directory; load it with a private cache."""
    monkeypatch.setenv("HRKG_CACHE_DIR", str(tmp_path / "cache"))
    directory = tmp_path / "vocab"
    directory.mkdir()

    def write(name: str, body: str) -> Path:
        path = directory / name
        path.write_text(body, encoding="utf-8")
        vocab_module._load_cached.cache_clear()
        return directory

    yield write
    vocab_module._load_cached.cache_clear()


ORGANS = """source: test organs
entries:
- {key: general-assembly, class: Actor, subclass: PrincipalOrgan, zh: 大会, en: General Assembly}
- {key: hrc, class: Actor, zh: 人权理事会, short: [理事会], subsidiary_of: general-assembly}
"""


def test_minimal_directory_loads_and_indexes(vocab_files):
    directory = vocab_files("organs.yaml", ORGANS)
    loaded = load_vocabulary(directory)
    assert [entry.key for entry in loaded.lookup(" 人权 理事会")] == ["hrc"]
    assert loaded.get("hrc").subsidiary_of == "general-assembly"
    assert loaded.get("hrc").source_file == "organs.yaml"


@pytest.mark.parametrize("body, message", [
    ("source: x\nentries:\n- {key: a, class: Actor, en: A}\n", "entry 'a': missing 'zh'"),
    ("source: x\nentries:\n- {key: a, class: Organ, zh: 甲}\n", "entry 'a': unknown class 'Organ'"),
    ("source: x\nentries:\n- {key: a, class: Actor, zh: 《甲》}\n", "must not contain 《》"),
    ("source: x\nentries:\n- {key: A b, class: Actor, zh: 甲}\n", "entry #1: 'key'"),
    ("source: x\nentries:\n- {key: a, class: Actor, zh: 甲, colour: red}\n", "unknown fields"),
    ("source: x\nentries:\n- {key: a, class: Actor, zh: 甲, part_of: nowhere}\n",
     "entry 'a': part_of names unknown key 'nowhere'"),
    ("entries:\n- {key: a, class: Actor, zh: 甲}\n", "missing 'source:'"),
    ("source: x\nentries: [\n", "cannot read"),
])
def test_bad_entries_are_rejected_with_file_and_entry(vocab_files, body, message):
    directory = vocab_files("bad.yaml", body)
    with pytest.raises(VocabularyError, match=re.escape(message)) as error:
        load_vocabulary(directory)
    assert str(error.value).startswith("bad.yaml")


def test_duplicate_key_across_files(vocab_files):
    vocab_files("a.yaml", "source: x\nentries:\n- {key: un, class: Actor, zh: 联合国}\n")
    directory = vocab_files("b.yaml", "source: y\nentries:\n- {key: un, class: Group, zh: 联合}\n")
    with pytest.raises(VocabularyError, match=r"b\.yaml: entry 'un': duplicate key \(also in a"):
        load_vocabulary(directory)


CLASH = """source: x
entries:
- {key: charter, class: Instrument, zh: 联合国宪章, aliases: [宪章]}
- {key: charter-body, class: Actor, zh: 宪章委员会, aliases: [宪章]}
"""


def test_same_surface_on_two_classes_needs_an_allowance(vocab_files):
    directory = vocab_files("clash.yaml", CLASH)
    with pytest.raises(VocabularyError, match="name '宪章' is shared by"):
        load_vocabulary(directory)
    allowed = CLASH + "ambiguous:\n- {surface: 宪章, keys: [charter, charter-body]}\n"
    directory = vocab_files("clash.yaml", allowed)
    assert {entry.key for entry in load_vocabulary(directory).lookup("宪章")} == {
        "charter", "charter-body"}


def test_short_form_may_not_cross_classes(vocab_files):
    body = ("source: x\nentries:\n- {key: a, class: Instrument, zh: 甲公约, short: [公约]}\n"
            "- {key: b, class: Actor, zh: 乙委员会, short: [公约]}\n")
    with pytest.raises(VocabularyError, match="short form '公约'"):
        load_vocabulary(vocab_files("short.yaml", body))


def test_stale_allowance_is_reported(vocab_files):
    body = ORGANS + "ambiguous:\n- {surface: 大会, keys: [general-assembly, hrc]}\n"
    with pytest.raises(VocabularyError, match="'大会' is listed but is not ambiguous"):
        load_vocabulary(vocab_files("organs.yaml", body))


def test_cache_follows_file_content(vocab_files, tmp_path):
    directory = vocab_files("organs.yaml", ORGANS)
    assert load_vocabulary(directory).get("hrc").zh == "人权理事会"
    assert list((tmp_path / "cache").glob("vocab-*.pickle"))
    directory = vocab_files("organs.yaml", ORGANS.replace("人权理事会", "联合国人权理事会"))
    assert load_vocabulary(directory).get("hrc").zh == "联合国人权理事会"
    assert len(list((tmp_path / "cache").glob("vocab-*.pickle"))) == 1  # stale one pruned


def test_rendered_file_parses_back(tmp_path):
    entries = [{"key": "x", "class": "Group", "zh": "某 群体", "aliases": ["群体（甲）"]}]
    path = tmp_path / "gen.yaml"
    path.write_text(render_vocab_file("made here", entries, "GENERATED"), encoding="utf-8")
    parsed = parse_vocab_file(path)
    assert parsed.source == "made here"
    assert parsed.entries[0].surfaces == ("某群体", normalize_surface("群体(甲)"))


def test_subclass_belongs_to_one_class(vocab_files):
    body = ("source: x\nentries:\n- {key: a, class: Instrument, subclass: Agenda, zh: 甲议程}\n"
            "- {key: b, class: Mechanism, subclass: Agenda, zh: 乙议程}\n")
    with pytest.raises(VocabularyError, match="entry 'b': subclass Agenda is under Mechanism"):
        load_vocabulary(vocab_files("sub.yaml", body))


def test_bundled_subclasses_map_to_their_class(vocab):
    subclasses = vocab.subclasses()
    assert subclasses["TreatyBody"] == "Actor" and subclasses["OptionalProtocol"] == "Instrument"
    assert subclasses["CountryGroup"] == "Group" and subclasses["Freedom"] == "Right"
    assert {entry.subclass for entry in vocab if entry.subclass} == set(subclasses)
