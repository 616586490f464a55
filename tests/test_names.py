"""hrkg.core.names: how names are compared (name_key) and written as labels (label_form)."""

from __future__ import annotations

from hrkg.core.names import label_form, name_key
from hrkg.extract.vocabulary import load_vocabulary


def test_labels_drop_spaces_and_title_brackets_but_keep_latin_word_spaces() -> None:
    assert label_form("《公约》缔约方会议 第五届会议") == "公约缔约方会议第五届会议"
    assert label_form("Empresas  Públicas de\nMedellín") == "Empresas Públicas de Medellín"
    assert label_form("〈人权〉 理事会") == "人权理事会"


def test_keys_fold_width_dashes_quotes_and_case() -> None:
    assert name_key("昆明－蒙特利尔 框架") == name_key("昆明-蒙特利尔框架")
    assert name_key("“人权理事会”") == name_key("《人权理事会》") == "人权理事会"
    assert name_key("ＵＮＧＡ") == name_key("unga")


def test_vocabulary_lookup_compares_by_name_key() -> None:
    vocabulary = load_vocabulary()
    assert [e.key for e in vocabulary.lookup("《人权 理事会》")] == ["human-rights-council"]
    assert [e.key for e in vocabulary.lookup("昆明－蒙特利尔全球生物多样性框架")] == ["kmgbf"]
    assert vocabulary.lookup("没有这个名字") == []
